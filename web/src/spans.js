// The provenance view of one record: its clean text with every entity, quote, time and event
// (the sentence it was coded from) highlighted by its byte span, and a tooltip naming each
// annotation under the pointer (id, actor, CAMEO code, Goldstein, resolved date).
import { h, utf8, fromUtf8 } from './dom.js';

// All annotations of a record as {start, end, kind, item, index}, byte offsets into text.
export function annotations(record) {
  const out = [];
  const len = utf8(record.text || '').length;
  const add = (start, end, kind, item, index) => {
    if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= len && start < end)
      out.push({ start, end, kind, item, index });
  };
  (record.entities || []).forEach((e, i) => add(e.start, e.end, 'entity', e, i));
  (record.quotes || []).forEach((q, i) => add(q.start, q.end, 'quote', q, i));
  (record.times || []).forEach((t, i) => add(t.start, t.end, 'time', t, i));
  const sentences = record.sentences || [];
  (record.events || []).forEach((ev, i) => {
    const s = sentences[ev.sentence];
    if (Array.isArray(s)) add(s[0], s[1], 'event', ev, i);
  });
  return out;
}

// Splits the text at every annotation boundary; each piece is a text node, or a <span> whose
// classes name the kinds covering it and whose data-ann lists their indexes in `anns`.
export function highlightedText(text, anns) {
  const bytes = utf8(text);
  const cuts = new Set([0, bytes.length]);
  for (const a of anns) cuts.add(a.start), cuts.add(a.end);
  const points = [...cuts].sort((x, y) => x - y);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = fromUtf8(bytes.subarray(a, b));
    const covering = [];
    anns.forEach((ann, k) => { if (ann.start <= a && ann.end >= b) covering.push(k); });
    if (!covering.length) {
      nodes.push(piece);
      continue;
    }
    const kinds = new Set(covering.map((k) => anns[k].kind));
    const classes = ['seg', ...[...kinds].map((k) => 'span-' + k)];
    for (const k of covering) {
      const ann = anns[k];
      if (ann.kind === 'entity') classes.push('ent-' + String(ann.item.type || '').replace(/[^A-Z]/g, ''));
      if (ann.kind === 'event') classes.push('quad-' + quadClass(ann.item.root));
    }
    nodes.push(h('span', { class: classes.join(' '), 'data-ann': covering.join(',') }, piece));
  }
  return nodes;
}

export function quadClass(root) {
  const r = parseInt(root, 10);
  if (r >= 1 && r <= 5) return 1;
  if (r >= 6 && r <= 9) return 2;
  if (r >= 10 && r <= 14) return 3;
  if (r >= 15 && r <= 20) return 4;
  return 0;
}

const fmt = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

// The lines the tooltip shows for one annotation: [label, value] pairs.
export function describe(ann) {
  const x = ann.item;
  switch (ann.kind) {
    case 'entity':
      return ['Entity', [['text', x.text], ['type', x.type], ['id', x.id], ['name', x.name], ['actor', x.actor],
        ['bytes', x.start + '–' + x.end]]];
    case 'quote':
      return ['Quote', [['speaker', x.speaker], ['speaker id', x.speaker_id], ['actor', x.speaker_actor],
        ['cue', x.cue], ['direct', x.direct ? 'yes' : 'no (reported)'], ['bytes', x.start + '–' + x.end]]];
    case 'time':
      return ['Time', [['text', x.text], ['resolved', x.value]]];
    case 'event':
      return ['Event', [
        ['source', (x.source && x.source.text) + ' (' + fmt(x.source && x.source.actor) + ')'],
        ['target', x.target ? x.target.text + ' (' + fmt(x.target.actor) + ')' : '—'],
        ['CAMEO', x.cameo + ' (root ' + x.root + ', ' + fmt(x.plover) + ')'],
        ['Goldstein', x.goldstein], ['trigger', x.trigger], ['date', x.date], ['location', x.location],
        ['negated', x.negated ? 'yes' : 'no'], ['sentence #', x.sentence]]];
    default:
      return ['?', []];
  }
}

export function tooltipContent(anns, indexes) {
  return indexes.map((k) => {
    const [title, rows] = describe(anns[k]);
    return h('div', { class: 'tip-block tip-' + anns[k].kind },
      h('strong', {}, title),
      h('table', {}, rows.map(([label, value]) => h('tr', {}, h('th', {}, label), h('td', {}, fmt(value))))));
  });
}
