// The dashboard's two drawings: the actor-pair timeline (events per period as bars, mean
// Goldstein per period as a line with clickable points) and the actor network (d3-force
// layout; edge colour from cooperation, green, to conflict, red, by mean Goldstein).
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide } from 'd3-force';
import { s, h } from './dom.js';

export function goldsteinColour(g) {
  // -10 (red) .. 0 (grey) .. +10 (green)
  const t = Math.max(-1, Math.min(1, g / 10));
  if (t >= 0) return `rgb(${Math.round(150 - 120 * t)},${Math.round(150 + 40 * t)},${Math.round(150 - 90 * t)})`;
  return `rgb(${Math.round(150 + 70 * -t)},${Math.round(150 - 110 * -t)},${Math.round(150 - 110 * -t)})`;
}

// points: the API's timeline points. onPoint(period, direction) when a point is clicked.
export function timelineChart(data, onPoint) {
  const periods = [...new Set(data.points.map((p) => p.period))].sort();
  const W = Math.max(640, periods.length * 56 + 120), H = 320;
  const m = { l: 48, r: 48, t: 24, b: 56 };
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const maxEvents = Math.max(1, ...data.points.map((p) => p.events));
  const x = (i) => m.l + (periods.length === 1 ? iw / 2 : (i + 0.5) * (iw / periods.length));
  const yEvents = (n) => m.t + ih - (n / maxEvents) * ih;
  const yG = (g) => m.t + ih / 2 - (g / 10) * (ih / 2);
  const band = iw / Math.max(1, periods.length);
  const dirs = ['A->B', 'B->A'];
  const colours = { 'A->B': '#3b6fb6', 'B->A': '#c2762b' };
  const svg = s('svg', { class: 'timeline-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `Events and Goldstein per ${data.by}, ${data.a} and ${data.b}` });
  // Axes: events on the left, Goldstein (-10..10) on the right; zero line of Goldstein.
  svg.append(s('line', { x1: m.l, x2: m.l + iw, y1: m.t + ih, y2: m.t + ih, stroke: '#888' }));
  svg.append(s('line', { x1: m.l, x2: m.l + iw, y1: yG(0), y2: yG(0), stroke: '#ccc', 'stroke-dasharray': '4 3' }));
  for (const g of [-10, -5, 0, 5, 10])
    svg.append(s('text', { x: m.l + iw + 6, y: yG(g), 'font-size': 10, 'dominant-baseline': 'middle' }, String(g)));
  for (const n of [0, Math.ceil(maxEvents / 2), maxEvents])
    svg.append(s('text', { x: m.l - 6, y: yEvents(n), 'font-size': 10, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(n)));
  svg.append(s('text', { x: 4, y: 12, 'font-size': 10 }, 'events'));
  svg.append(s('text', { x: W - 60, y: 12, 'font-size': 10 }, 'Goldstein'));
  periods.forEach((p, i) => {
    svg.append(s('text', { x: x(i), y: m.t + ih + 16, 'font-size': 10, 'text-anchor': 'middle' }, p));
  });
  // Bars: events per direction, side by side.
  dirs.forEach((d, k) => {
    const bw = Math.min(18, band / 3);
    for (const p of data.points.filter((q) => q.direction === d)) {
      const i = periods.indexOf(p.period);
      const bx = x(i) + (k === 0 ? -bw - 1 : 1);
      svg.append(s('rect', { class: 'bar', x: bx, y: yEvents(p.events), width: bw, height: m.t + ih - yEvents(p.events),
        fill: colours[d], opacity: 0.35 }));
    }
  });
  // Goldstein mean line and points per direction.
  dirs.forEach((d) => {
    const pts = data.points.filter((q) => q.direction === d).map((p) => [x(periods.indexOf(p.period)), yG(p.goldstein_mean), p]);
    if (pts.length > 1)
      svg.append(s('path', { d: 'M' + pts.map(([px, py]) => `${px},${py}`).join('L'), fill: 'none', stroke: colours[d], 'stroke-width': 2 }));
    for (const [px, py, p] of pts) {
      const c = s('circle', { class: 'point', cx: px, cy: py, r: 6, fill: goldsteinColour(p.goldstein_mean), stroke: colours[d],
        'stroke-width': 2, tabindex: 0, role: 'button',
        'data-period': p.period, 'data-direction': d,
        'aria-label': `${p.period} ${d}: ${p.events} events, Goldstein ${p.goldstein_mean.toFixed(2)}` },
      s('title', {}, `${p.period} ${d === 'A->B' ? data.a + '→' + data.b : data.b + '→' + data.a}: ${p.events} events, ` +
        `${p.sources} independent reports, mean Goldstein ${p.goldstein_mean.toFixed(2)}`));
      c.addEventListener('click', () => onPoint(p.period, d));
      c.addEventListener('keydown', (e) => { if (e.key === 'Enter') onPoint(p.period, d); });
      svg.append(c);
    }
  });
  // Legend.
  dirs.forEach((d, k) => {
    const lx = m.l + k * 150, ly = H - 12;
    svg.append(s('rect', { x: lx, y: ly - 9, width: 12, height: 10, fill: colours[d] }));
    svg.append(s('text', { x: lx + 16, y: ly, 'font-size': 11 },
      d === 'A->B' ? `${data.a} → ${data.b}` : `${data.b} → ${data.a}`));
  });
  return svg;
}

// A force-directed graph of actors; onEdge(source, target) when an edge is clicked.
export function networkChart(data, onEdge) {
  const W = 820, H = 520;
  const nodes = data.nodes.map((n) => ({ id: n.actor, events: n.events }));
  const links = data.edges.map((e) => ({ source: e.source, target: e.target, e }));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(110))
    .force('charge', forceManyBody().strength(-260))
    .force('center', forceCenter(W / 2, H / 2))
    .force('collide', forceCollide(28))
    .stop();
  // Laid out at once (a fixed number of ticks): the same picture every time, no animation.
  for (let i = 0; i < 300; i++) sim.tick();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  for (const n of nodes) n.x = clamp(n.x, 30, W - 30), n.y = clamp(n.y, 30, H - 30);
  const maxE = Math.max(1, ...data.edges.map((e) => e.events));
  const svg = s('svg', { class: 'network-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': 'Actor network' });
  for (const l of links) {
    const e = l.e;
    const line = s('line', { class: 'edge', x1: l.source.x, y1: l.source.y, x2: l.target.x, y2: l.target.y,
      stroke: goldsteinColour(e.goldstein_mean), 'stroke-width': 1.5 + 6 * (e.events / maxE), opacity: 0.8,
      'data-source': e.source, 'data-target': e.target },
    s('title', {}, `${e.source} → ${e.target}: ${e.events} events in ${e.records} reports, mean Goldstein ${e.goldstein_mean.toFixed(2)}`));
    line.addEventListener('click', () => onEdge(e.source, e.target));
    svg.append(line);
  }
  const maxN = Math.max(1, ...nodes.map((n) => n.events));
  for (const n of nodes) {
    const r = 10 + 14 * Math.sqrt(n.events / maxN);
    svg.append(s('circle', { class: 'node', cx: n.x, cy: n.y, r, fill: '#f5f5f0', stroke: '#444' },
      s('title', {}, `${n.id}: ${n.events} events`)));
    svg.append(s('text', { x: n.x, y: n.y, 'font-size': 11, 'text-anchor': 'middle', 'dominant-baseline': 'middle' }, n.id));
  }
  return svg;
}

export function legendGoldstein() {
  return h('div', { class: 'legend' }, 'edge colour: ',
    h('span', { class: 'sw sw-conflict' }), ' conflict (Goldstein < 0) ',
    h('span', { class: 'sw sw-neutral' }), ' neutral ',
    h('span', { class: 'sw sw-coop' }), ' cooperation (> 0); width: number of events');
}
