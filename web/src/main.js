// The wirewatch dashboard: hash routes (#/search, #/record/ID, #/stories, #/story/ID,
// #/timeline, #/network, #/quotes) over the JSON API, and a poll of /api/stats that redraws
// list views when an ingest adds records. All page content goes in as text (dom.js).
import './style.css';
import { h, clear, route, marked } from './dom.js';
import { api, initToken } from './api.js';
import { annotations, highlightedText, tooltipContent } from './spans.js';
import { timelineChart, networkChart, legendGoldstein } from './charts.js';

const view = document.getElementById('view');
const tooltip = document.getElementById('tooltip');
const live = document.getElementById('live');

const FILTERS = ['q', 'entity', 'actor', 'source_actor', 'target_actor', 'root', 'from', 'to', 'kind'];
const CAMEO_ROOTS = {
  '01': 'make public statement', '02': 'appeal', '03': 'express intent to cooperate', '04': 'consult',
  '05': 'engage in diplomatic cooperation', '06': 'engage in material cooperation', '07': 'provide aid',
  '08': 'yield', '09': 'investigate', '10': 'demand', '11': 'disapprove', '12': 'reject', '13': 'threaten',
  '14': 'protest', '15': 'exhibit force posture', '16': 'reduce relations', '17': 'coerce', '18': 'assault',
  '19': 'fight', '20': 'unconventional mass violence',
};

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  return { name: parts[0] || 'search', arg: parts[1] || '', params: Object.fromEntries(new URLSearchParams(qs || '')) };
}

function pick(params, names) {
  const out = {};
  for (const n of names) if (params[n]) out[n] = params[n];
  return out;
}

function errorBox(err) {
  return h('p', { class: 'error', role: 'alert' }, String(err.message || err));
}

function fmtDate(d) {
  return d ? String(d).slice(0, 10) : '—';
}

// ---- search ----

async function searchView(params) {
  const filters = pick(params, FILTERS);
  const offset = parseInt(params.offset || '0', 10) || 0;
  const form = h('form', { class: 'search-form', role: 'search' });
  const q = h('input', { type: 'search', name: 'q', value: filters.q || '', placeholder: 'Zoek: woorden, namen…', 'aria-label': 'query' });
  const from = h('input', { type: 'date', name: 'from', value: filters.from || '', 'aria-label': 'from' });
  const to = h('input', { type: 'date', name: 'to', value: filters.to || '', 'aria-label': 'to' });
  const kind = h('select', { name: 'kind', 'aria-label': 'kind' },
    h('option', { value: '' }, 'all kinds'),
    h('option', { value: 'article', selected: filters.kind === 'article' }, 'articles'),
    h('option', { value: 'brief', selected: filters.kind === 'brief' }, 'briefs'));
  form.append(q, h('label', {}, 'from ', from), h('label', {}, 'to ', to), kind, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = route('search', { ...filters, q: q.value.trim(), from: from.value, to: to.value, kind: kind.value });
  });

  const chips = h('div', { class: 'chips' });
  for (const k of ['entity', 'actor', 'source_actor', 'target_actor', 'root']) {
    if (!filters[k]) continue;
    const rest = { ...filters };
    delete rest[k];
    chips.append(h('a', { class: 'chip', href: route('search', rest), title: 'remove this filter' },
      `${k}: ${filters[k]}${k === 'root' && CAMEO_ROOTS[filters[k]] ? ' (' + CAMEO_ROOTS[filters[k]] + ')' : ''} ✕`));
  }
  const facetsBox = h('aside', { class: 'facets' }, h('p', { class: 'muted' }, 'facets…'));
  const results = h('section', { class: 'results' }, h('p', { class: 'muted' }, 'searching…'));
  const page = h('div', { class: 'search-page' }, form, chips, h('div', { class: 'columns' }, facetsBox, results));

  const load = async () => {
    try {
      const [res, facets] = await Promise.all([
        api('search', { ...filters, limit: 20, offset }),
        api('facets', { ...filters, per: 8 }),
      ]);
      clear(results).append(...renderResults(res, filters, offset));
      clear(facetsBox).append(...renderFacets(facets, filters));
    } catch (err) {
      clear(results).append(errorBox(err));
      clear(facetsBox);
    }
  };
  await load();
  return { node: page, refresh: offset === 0 ? load : null };
}

function renderResults(res, filters, offset) {
  const out = [h('p', { class: 'total' }, `${res.total} record${res.total === 1 ? '' : 's'}`)];
  const list = h('ol', { class: 'hits', start: offset + 1 });
  for (const r of res.results) {
    const snippet = r.snippet || { text: '', marks: [] };
    list.append(h('li', { class: 'hit' },
      h('a', { class: 'hit-title', href: route('record/' + encodeURIComponent(r.id)) }, r.title || '(no title)'),
      h('div', { class: 'hit-meta' }, fmtDate(r.published), ' · ', r.kind, ' · ',
        `${r.entities} entities, ${r.quotes} quotes, ${r.events} events`,
        r.duplicate_of ? ' · copy' : '',
        r.story ? [' · ', h('a', { href: route('story/' + encodeURIComponent(r.story)) }, 'story')] : ''),
      h('p', { class: 'snippet' }, snippet.cut_start ? '… ' : '', marked(snippet.text, snippet.marks), snippet.cut_end ? ' …' : '')));
  }
  out.push(list);
  const nav = h('div', { class: 'pager' });
  if (offset > 0) nav.append(h('a', { href: route('search', { ...filters, offset: Math.max(0, offset - 20) }) }, '← previous'));
  if (offset + res.results.length < res.total) nav.append(h('a', { href: route('search', { ...filters, offset: offset + 20 }) }, 'next →'));
  out.push(nav);
  return out;
}

function renderFacets(f, filters) {
  const group = (title, key, values, label = (v) => v.label) =>
    h('div', { class: 'facet', 'data-facet': key }, h('h3', {}, title),
      values.length ? h('ul', {}, values.map((v) => h('li', {},
        h('a', { href: route('search', { ...filters, [key]: v.value, offset: 0 }), class: filters[key] === v.value ? 'on' : null },
          label(v)), ' ', h('span', { class: 'count' }, String(v.count)))))
        : h('p', { class: 'muted' }, '—'));
  const months = f.month.map((m) => m.value).sort();
  return [
    group('Actor', 'actor', f.actor),
    group('Entity', 'entity', f.entity.map((e) => ({ ...e, value: e.label }))),
    group('CAMEO root', 'root', f.root, (v) => `${v.value} ${CAMEO_ROOTS[v.value] || ''}`),
    group('Kind', 'kind', f.kind),
    h('div', { class: 'facet' }, h('h3', {}, 'Date range'),
      months.length ? h('p', {}, `${months[0]} … ${months[months.length - 1]}`) : h('p', { class: 'muted' }, '—'),
      h('ul', {}, f.month.map((m) => h('li', {},
        h('a', { href: route('search', { ...filters, from: m.value + '-01', to: m.value + '-31' }) }, m.value), ' ',
        h('span', { class: 'count' }, String(m.count)))))),
  ];
}

// ---- record (provenance) ----

async function recordView(id) {
  const data = await api('records/' + encodeURIComponent(id));
  const r = data.record;
  const anns = annotations(r);
  const textBox = h('div', { class: 'record-text', 'data-record': r.id });
  const paragraphs = String(r.text || '');
  textBox.append(...highlightedText(paragraphs, anns));
  textBox.addEventListener('mouseover', (e) => {
    const seg = e.target.closest('.seg');
    if (!seg) return;
    const idx = seg.getAttribute('data-ann').split(',').map(Number);
    clear(tooltip).append(...tooltipContent(anns, idx));
    tooltip.hidden = false;
    const rect = seg.getBoundingClientRect();
    tooltip.style.left = Math.min(window.innerWidth - 380, Math.max(4, rect.left + window.scrollX)) + 'px';
    tooltip.style.top = rect.bottom + window.scrollY + 6 + 'px';
  });
  textBox.addEventListener('mouseleave', () => { tooltip.hidden = true; });

  const toggles = h('div', { class: 'legend toggles' }, ['entity', 'quote', 'event', 'time'].map((k) => {
    const box = h('input', { type: 'checkbox', checked: true });
    box.addEventListener('change', () => textBox.classList.toggle('hide-' + k, !box.checked));
    const label = { entity: 'entities', quote: 'quotes', event: 'event sentences', time: 'times' }[k];
    return h('label', { class: 'toggle key-' + k }, box, ' ', label);
  }));
  const count = (k) => anns.filter((a) => a.kind === k).length;
  const side = h('aside', { class: 'record-side' },
    h('h3', {}, `Entities (${count('entity')})`),
    h('ul', {}, (r.entities || []).map((e) => h('li', {},
      h('a', { href: route('search', { entity: e.name }) }, e.name), ` ${e.type}`, e.actor ? ` · ${e.actor}` : ''))),
    h('h3', {}, `Quotes (${count('quote')})`),
    h('ul', {}, (r.quotes || []).map((q) => h('li', {}, h('q', {}, q.text), ' — ',
      h('a', { href: route('quotes', { entity: q.speaker }) }, q.speaker)))),
    h('h3', {}, `Events (${(r.events || []).length})`),
    h('ul', {}, (r.events || []).map((ev) => h('li', {},
      `${(ev.source && ev.source.actor) || '?'} → ${(ev.target && ev.target.actor) || '?'} `,
      h('code', {}, ev.cameo), ` ${ev.plover || ''} (${ev.goldstein}) ${ev.date || ''}`,
      ev.source && ev.source.actor && ev.target && ev.target.actor
        ? [' ', h('a', { href: route('timeline', { a: ev.source.actor, b: ev.target.actor, by: 'week' }) }, 'timeline')] : ''))));
  const meta = h('div', { class: 'record-meta' },
    `${r.kind} · published ${fmtDate(r.published)}`, r.author ? ` · ${r.author}` : '',
    r.dateline && r.dateline.place ? ` · ${r.dateline.place}` : '', ` · id ${r.id}`,
    r.story ? [' · ', h('a', { href: route('story/' + encodeURIComponent(r.story)) }, 'story')] : '',
    r.duplicate_of ? [' · copy of ', h('a', { href: route('record/' + encodeURIComponent(r.duplicate_of)) }, r.duplicate_of)] : '',
    r.parent ? [' · from ', h('a', { href: route('record/' + encodeURIComponent(r.parent)) }, 'its page')] : '');
  return {
    node: h('article', { class: 'record' }, h('h1', {}, r.title || '(no title)'), meta,
      h('p', { class: 'source' }, 'source: ', data.source), toggles,
      h('div', { class: 'columns' }, textBox, side)),
  };
}

// ---- stories ----

async function storiesView(params) {
  const box = h('section', {});
  const load = async () => {
    const res = await api('stories', pick(params, ['q', 'from', 'to']));
    clear(box).append(h('h1', {}, `Stories (${res.total})`), h('ol', { class: 'stories' }, res.results.map((st) => h('li', {},
      h('a', { href: route('story/' + encodeURIComponent(st.id)) }, st.title || '(no title)'),
      h('div', { class: 'hit-meta' }, `${fmtDate(st.first_published)} … ${fmtDate(st.last_published)} · ${st.records} records · `,
        `${st.independent_reports} independent reports · ${st.sources} sources`),
      h('p', { class: 'snippet' }, st.lead)))));
  };
  await load();
  return { node: box, refresh: load };
}

async function storyView(id) {
  const box = h('section', { class: 'story' });
  const load = async () => {
    const res = await api('stories/' + encodeURIComponent(id));
    const st = res.story;
    const dated = res.records.filter((r) => r.published).map((r) => r.published.slice(0, 10)).sort();
    // Records per day, independent reports apart from copies.
    const days = {};
    for (const r of res.records) {
      const d = r.published ? r.published.slice(0, 10) : 'undated';
      days[d] = days[d] || { independent: 0, copies: 0 };
      days[d][r.duplicate_of ? 'copies' : 'independent'] += 1;
    }
    clear(box).append(
      h('h1', {}, st.title || '(no title)'),
      h('p', { class: 'story-counts' }, `${st.records} records · ${st.independent_reports} independent reports · ${st.sources} sources · `,
        `${fmtDate(st.first_published)} … ${fmtDate(st.last_published)}`),
      h('p', { class: 'snippet' }, st.lead),
      h('table', { class: 'story-days' }, h('tr', {}, h('th', {}, 'day'), h('th', {}, 'independent'), h('th', {}, 'copies')),
        Object.keys(days).sort().map((d) => h('tr', {}, h('td', {}, d), h('td', {}, String(days[d].independent)), h('td', {}, String(days[d].copies))))),
      h('ol', { class: 'hits' }, res.records.map((r) => h('li', { class: 'hit' + (r.duplicate_of ? ' copy' : '') },
        h('a', { class: 'hit-title', href: route('record/' + encodeURIComponent(r.id)) }, r.title || '(no title)'),
        h('div', { class: 'hit-meta' }, fmtDate(r.published), ' · ', r.kind, ' · ', r.source, r.duplicate_of ? ' · copy' : ' · independent'),
        h('p', { class: 'snippet' }, r.snippet ? r.snippet.text : '')))),
      ...(dated.length ? [] : [h('p', { class: 'muted' }, 'no dated records')]));
  };
  await load();
  return { node: box, refresh: load };
}

// ---- timeline ----

async function timelineView(params) {
  const a = (params.a || 'RUS').toUpperCase(), b = (params.b || 'NATO').toUpperCase(), by = params.by || 'week';
  const form = h('form', { class: 'pair-form' });
  const ia = h('input', { name: 'a', value: a, 'aria-label': 'actor A' });
  const ib = h('input', { name: 'b', value: b, 'aria-label': 'actor B' });
  const sel = h('select', { name: 'by', 'aria-label': 'period' }, ['day', 'week', 'month'].map((p) => h('option', { value: p, selected: p === by }, p)));
  form.append(h('label', {}, 'A ', ia), h('label', {}, 'B ', ib), sel, h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = route('timeline', { a: ia.value.trim().toUpperCase(), b: ib.value.trim().toUpperCase(), by: sel.value });
  });
  const chartBox = h('div', { class: 'chart-box' });
  const explain = h('section', { class: 'explain' });
  const showPoint = async (period, direction) => {
    clear(explain).append(h('p', { class: 'muted' }, 'loading…'));
    try {
      const res = await api('timeline', { a, b, by, explain: 1, period, direction });
      clear(explain).append(h('h2', {}, `${period} · ${direction === 'A->B' ? a + ' → ' + b : b + ' → ' + a}: ${res.explain.length} events`),
        h('ul', { class: 'sentences' }, res.explain.map((ev) => h('li', {},
          h('code', {}, ev.cameo), ` ${ev.plover} · Goldstein ${ev.goldstein} · ${fmtDate(ev.date)} · `,
          h('a', { href: route('record/' + encodeURIComponent(ev.record)) }, 'record'),
          h('blockquote', {}, ev.sentence)))));
    } catch (err) {
      clear(explain).append(errorBox(err));
    }
  };
  const load = async () => {
    try {
      const data = await api('timeline', { a, b, by });
      if (data.points.length) {
        clear(chartBox).append(timelineChart(data, showPoint));
        return;
      }
      // Nothing to plot: say whether the pair has events the timeline leaves out (undated ones).
      const [ab, ba] = await Promise.all([api('events', { source_actor: a, target_actor: b, limit: 1 }),
        api('events', { source_actor: b, target_actor: a, limit: 1 })]);
      const undated = ab.total + ba.total;
      clear(chartBox).append(h('p', { class: 'muted' }, undated
        ? `${undated} events between ${a} and ${b}, none plotted: the timeline counts events with a date (their own or their record's publication date), not negated, of independent reports.`
        : `No events between ${a} and ${b}.`));
    } catch (err) {
      clear(chartBox).append(errorBox(err));
    }
  };
  await load();
  return {
    node: h('section', { class: 'timeline' }, h('h1', {}, `${a} – ${b} per ${by}`), form,
      h('p', { class: 'muted' }, 'Bars: events each way; line: mean Goldstein (−10 conflict … +10 cooperation). Click a point for its sentences.'),
      chartBox, explain),
    refresh: load,
  };
}

// ---- network ----

async function networkView(params) {
  const filters = pick(params, FILTERS);
  const box = h('div', { class: 'chart-box' });
  const load = async () => {
    const data = await api('network', { ...filters, limit: 60 });
    clear(box).append(data.edges.length ? networkChart(data, (src, tgt) => {
      location.hash = route('timeline', { a: src, b: tgt, by: 'week' });
    }) : h('p', { class: 'muted' }, 'No events between two known actors.'));
  };
  await load();
  return { node: h('section', {}, h('h1', {}, 'Who interacts with whom'), legendGoldstein(),
    h('p', { class: 'muted' }, 'Independent reports only; click an edge for the pair\'s timeline.'), box), refresh: load };
}

// ---- quotes by speaker ----

async function quotesView(params) {
  const speakers = h('aside', { class: 'facets' });
  const quotes = h('section', { class: 'results' });
  const load = async () => {
    const sp = await api('speakers', { limit: 60 });
    clear(speakers).append(h('h3', {}, 'Speakers'), h('ul', {}, sp.results.map((s) => h('li', {},
      h('a', { href: route('quotes', { entity: s.speaker_id || s.speaker }), class: params.entity === (s.speaker_id || s.speaker) ? 'on' : null },
        s.speaker), s.speaker_actor ? ` ${s.speaker_actor}` : '', ' ', h('span', { class: 'count' }, String(s.quotes))))));
    const res = await api('quotes', { ...pick(params, FILTERS), limit: 100 });
    clear(quotes).append(h('p', { class: 'total' }, `${res.total} quotes${params.entity ? ' of ' + params.entity : ''}`),
      h('ul', { class: 'quotes' }, res.results.map((q) => h('li', {},
        h('q', {}, q.text), h('div', { class: 'hit-meta' }, `${q.speaker}${q.speaker_actor ? ' (' + q.speaker_actor + ')' : ''} · ${q.cue} · `,
          q.direct ? 'direct' : 'reported', ` · ${fmtDate(q.date)} · `, h('a', { href: route('record/' + encodeURIComponent(q.record)) }, 'record'))))));
  };
  await load();
  return { node: h('div', { class: 'columns' }, speakers, quotes), refresh: load };
}

// ---- routing and following the store ----

let current = null;
let renderId = 0;

async function render() {
  const id = ++renderId;
  tooltip.hidden = true;
  const { name, arg, params } = parseHash();
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('on', a.getAttribute('data-view') === name);
  let result;
  try {
    if (name === 'record') result = await recordView(arg);
    else if (name === 'stories') result = await storiesView(params);
    else if (name === 'story') result = await storyView(arg);
    else if (name === 'timeline') result = await timelineView(params);
    else if (name === 'network') result = await networkView(params);
    else if (name === 'quotes') result = await quotesView(params);
    else result = await searchView(params);
  } catch (err) {
    result = { node: errorBox(err) };
  }
  if (id !== renderId) return;  // a newer route won
  current = result;
  clear(view).append(result.node);
  view.setAttribute('data-ready', name);
}

let knownRecords = null;

async function follow() {
  try {
    const st = await api('stats');
    live.textContent = `${st.records} records · ${st.events} events · ${st.quotes} quotes`;
    if (knownRecords !== null && st.records !== knownRecords && current && current.refresh) {
      live.classList.add('fresh');
      await current.refresh();
    }
    knownRecords = st.records;
  } catch (err) {
    live.textContent = 'store unavailable: ' + (err.message || err);
  }
  setTimeout(follow, 3000);
}

initToken();
window.addEventListener('hashchange', render);
render();
follow();
