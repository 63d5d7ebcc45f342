// The dashboard in Debian's headless chromium, driven by playwright-core (from web/node_modules,
// pinned by web/package-lock.json): a store of the example pages plus one hostile record, then
// search "Stoltenberg", open a record and see its spans highlighted (and the tooltip), open the
// RUS–NATO timeline and see a drawn chart whose point lists its sentences, the network, a story,
// markup in page content shown as text and never run, and a record an ingest adds while the page
// is open appearing without a reload. Screenshots: $WIREWATCH_ARTIFACTS/*.png.
// Run by CTest (tests/CMakeLists.txt); exit 77 = skipped (no chromium), 0 = passed.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const env = process.env;
const binary = env.WIREWATCH_BINARY;
const source = env.WIREWATCH_SOURCE_DIR;
const webDir = env.WIREWATCH_WEB_DIR;
const artifacts = env.WIREWATCH_ARTIFACTS || path.join(os.tmpdir(), 'wirewatch-browser');
const chromium = env.WIREWATCH_CHROMIUM || '/usr/bin/chromium';

if (!fs.existsSync(chromium)) {
  console.log(`SKIP: ${chromium} not found (apt-get install chromium; scripts/test.sh installs it)`);
  process.exit(77);
}
const require = createRequire(path.join(source, 'web', 'package.json'));
const { chromium: playwright } = require('playwright-core');

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok   ' + what); } else { failed++; console.log('FAIL ' + what); }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wirewatch-browser-'));
fs.mkdirSync(artifacts, { recursive: true });
const db = path.join(tmp, 'pages.db');

function run(args, input) {
  const r = spawnSync(binary, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`wirewatch ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

// The example pages, and a hostile record: markup in title and text, which must show as text.
const analyzed = run(['analyze', '-j', '2', path.join(source, 'examples/pages')]);
// The example pages carry no publication date and the timeline plots dated events only, so the
// fixture dates each page's records (page NNN_ on 2022-01-(3 + 7 * NNN)): fixture dates, not facts.
const lines = analyzed.split('\n').filter(Boolean).map((line) => {
  const r = JSON.parse(line);
  const page = parseInt(path.basename(r.source).slice(0, 3), 10);
  r.published = `2022-01-${String(3 + 7 * page).padStart(2, '0')}`;
  return JSON.stringify(r);
});
const hostile = JSON.parse(lines[0]);
hostile.id = hostile.id + 'hostile';
hostile.title = 'Stoltenberg <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
hostile.text = hostile.text + '\n\n<script>window.__xss=3</script><b onmouseover="window.__xss=4">vet</b>';
hostile.story = null;
run(['ingest', '--db', db, '--from-jsonl', '-'], lines.join('\n') + '\n' + JSON.stringify(hostile) + '\n');

const server = spawn(binary, ['serve', '--db', db, '--port', '0', '--web-dir', webDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise((resolve, reject) => {
  readline.createInterface({ input: server.stdout }).once('line', resolve);
  server.once('exit', (code) => reject(new Error('serve exited ' + code)));
});
const base = firstLine.match(/http:\/\/127\.0\.0\.1:\d+\//)[0];
console.log('server: ' + base);

const browser = await playwright.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  page.on('dialog', (d) => { problems.push('dialog opened: ' + d.message()); d.dismiss(); });

  // Search.
  await page.goto(base);
  await page.waitForSelector('#view[data-ready=search]');
  await page.fill('input[name=q]', 'Stoltenberg');
  await page.press('input[name=q]', 'Enter');
  await page.waitForSelector('.hit mark');
  const hits = await page.locator('.hit').count();
  check(hits >= 2, `search "Stoltenberg" lists records (${hits})`);
  check(await page.locator('.facet[data-facet=actor] li').count() > 0, 'search shows actor facets');
  const titles = await page.locator('.hit-title').allTextContents();
  check(titles.some((t) => t.includes('<script>window.__xss=2</script>')), 'a hostile title is shown as text');
  check(await page.locator('#view img, #view script').count() === 0, 'no markup from page content reaches the DOM');
  await page.screenshot({ path: path.join(artifacts, 'search.png'), fullPage: true });

  // A record: the provenance view.
  const target = page.locator('.hit-title').filter({ hasNotText: '<' }).first();
  await target.click();
  await page.waitForSelector('#view[data-ready=record] .record-text');
  const entities = await page.locator('.record-text .span-entity').count();
  const events = await page.locator('.record-text .span-event').count();
  check(entities > 0, `record shows highlighted entity spans (${entities})`);
  check(events > 0, `record shows highlighted event sentences (${events})`);
  const id = await page.getAttribute('.record-text', 'data-record');
  const record = (await (await fetch(base + 'api/records/' + id)).json()).record;
  check(await page.locator('.record-text').textContent() === record.text, 'the highlighted text is the record text, byte for byte');
  const entityTexts = new Set(record.entities.map((e) => e.text));
  const spanTexts = await page.locator('.record-text .span-entity').allTextContents();
  check(spanTexts.some((t) => entityTexts.has(t)), 'an entity span covers exactly its mention');
  await page.locator('.record-text .span-event').first().hover();
  await page.waitForSelector('#tooltip:not([hidden]) .tip-event');
  const tip = await page.locator('#tooltip').textContent();
  check(/CAMEO/.test(tip) && /Goldstein/.test(tip), 'hovering an event sentence shows CAMEO code and Goldstein');
  await page.screenshot({ path: path.join(artifacts, 'record.png'), fullPage: true });
  await page.screenshot({ path: path.join(artifacts, 'record-viewport.png') });  // docs/dashboard.png

  // The hostile record: its markup is text.
  await page.goto(base + '#/record/' + hostile.id);
  await page.waitForSelector('#view[data-ready=record] .record-text');
  const hostileText = await page.locator('.record-text').textContent();
  check(hostileText.includes('<script>window.__xss=3</script>'), 'a <script> in an article renders as text');
  check(await page.locator('.record-text b, .record-text script, h1 img').count() === 0, 'no element from the hostile record');
  await page.locator('h1').hover();
  check(await page.evaluate(() => window.__xss) === undefined, 'no script from page content ran');

  // The RUS–NATO timeline.
  await page.goto(base + '#/timeline?a=RUS&b=NATO&by=week');
  await page.waitForSelector('#view[data-ready=timeline]');
  const points = await page.locator('svg.timeline-chart circle.point').count();
  check(points > 0, `the RUS–NATO timeline draws points (${points})`);
  check(await page.locator('svg.timeline-chart rect.bar').count() > 0, 'the timeline draws event bars');
  await page.locator('svg.timeline-chart circle.point').first().click();
  await page.waitForSelector('.explain .sentences li');
  check(await page.locator('.explain .sentences blockquote').count() > 0, 'clicking a point lists its sentences');
  await page.screenshot({ path: path.join(artifacts, 'timeline.png'), fullPage: true });

  // The actor network, a story, quotes by speaker.
  await page.goto(base + '#/network');
  await page.waitForSelector('#view[data-ready=network]');
  check(await page.locator('svg.network-chart line.edge').count() > 0, 'the network draws edges');
  await page.screenshot({ path: path.join(artifacts, 'network.png'), fullPage: true });
  await page.goto(base + '#/stories');
  await page.waitForSelector('#view[data-ready=stories]');
  await page.locator('.stories a').first().click();
  await page.waitForSelector('#view[data-ready=story] .story-counts');
  check(/independent reports/.test(await page.locator('.story-counts').textContent()), 'a story shows its independent reports');
  await page.screenshot({ path: path.join(artifacts, 'story.png'), fullPage: true });
  await page.goto(base + '#/quotes');
  await page.waitForSelector('#view[data-ready=quotes]');
  check(await page.locator('.quotes li').count() > 0, 'quotes are listed with speakers');
  await page.screenshot({ path: path.join(artifacts, 'quotes.png'), fullPage: true });

  // Following the store: a record ingested while the search page is open appears in it.
  await page.goto(base + '#/search?q=Stoltenberg');
  await page.waitForSelector('.hit mark');
  const fresh = JSON.parse(lines[0]);
  fresh.id = fresh.id + 'fresh';
  fresh.title = 'Stoltenberg volgrecord';
  run(['ingest', '--db', db, '--from-jsonl', '-'], JSON.stringify(fresh) + '\n');
  await page.waitForFunction(() => [...document.querySelectorAll('.hit-title')].some((a) => a.textContent.includes('volgrecord')),
    null, { timeout: 60000 });
  check(true, 'a record ingested while the page is open appears without a reload');

  check(problems.length === 0, 'no page errors, console errors or dialogs' + (problems.length ? ': ' + problems.join('; ') : ''));
} catch (err) {
  failed++;
  console.log('FAIL ' + (err.stack || err));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots: ${artifacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
