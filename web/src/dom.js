// DOM building for the dashboard. Page content comes from crawled web pages and is hostile, so
// nothing here ever parses markup: strings become text nodes, attributes are set one by one and
// links may only point inside the dashboard (#/...).

const SAFE_ATTRS = new Set(['class', 'id', 'title', 'type', 'value', 'placeholder', 'name', 'for',
  'min', 'max', 'step', 'role', 'tabindex', 'aria-label', 'selected', 'checked', 'disabled',
  'width', 'height', 'viewBox', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'd', 'points',
  'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'text-anchor', 'dominant-baseline',
  'font-size', 'transform', 'opacity', 'rx', 'marker-end', 'start']);

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'href') {
      const s = String(v);
      // Only in-app routes: a record's URL or text can never become a javascript: link.
      if (!s.startsWith('#/')) throw new Error('refusing link ' + s);
      el.setAttribute('href', s);
    } else if (k.startsWith('data-')) {
      el.setAttribute(k, String(v));
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (SAFE_ATTRS.has(k)) {
      el.setAttribute(k, v === true ? '' : String(v));
    } else {
      throw new Error('attribute not allowed: ' + k);
    }
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// h('a', {href: '#/record/1'}, 'title') -> <a>, children as text nodes.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

// The same for SVG elements.
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A route link with query parameters, e.g. link('search', {q: 'navo'}).
export function route(view, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const qs = q.toString();
  return '#/' + view + (qs ? '?' + qs : '');
}

// UTF-8 bytes <-> strings: the record's spans are byte offsets into its text.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const utf8 = (text) => encoder.encode(text);
export const fromUtf8 = (bytes) => decoder.decode(bytes);

// Text with marked byte ranges [[start, end], ...] (ascending) as text and <mark> nodes.
export function marked(text, marks) {
  const bytes = utf8(text);
  const out = [];
  let at = 0;
  for (const [a, b] of marks || []) {
    if (a < at || b > bytes.length || a >= b) continue;
    out.push(fromUtf8(bytes.subarray(at, a)));
    out.push(h('mark', {}, fromUtf8(bytes.subarray(a, b))));
    at = b;
  }
  out.push(fromUtf8(bytes.subarray(at)));
  return out;
}
