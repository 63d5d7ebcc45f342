// The JSON API client (docs/api.md). A token given once as #...&token=T or ?token=T is kept
// for the tab (sessionStorage) and sent as a Bearer header, never put into links.

const TOKEN_KEY = 'wirewatch-token';

export function initToken() {
  const fromSearch = new URLSearchParams(location.search).get('token');
  if (fromSearch) sessionStorage.setItem(TOKEN_KEY, fromSearch);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const qs = q.toString();
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch('api/' + path + (qs ? '?' + qs : ''), { headers });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, 'the server answered ' + res.status + ' without JSON');
  }
  if (!res.ok) throw new ApiError(res.status, body.error || 'error ' + res.status);
  return body;
}
