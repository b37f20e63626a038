// The embedded agenda widget's benchmark (docs/bench.md, "Embedded agenda widget"):
// its bundle size, how fast it renders a 200-session, 8-room programme once the feed
// has arrived, how fast a filter applies, that no width from 200 to 1600 px breaks it,
// and that Almaty's sessions show in UTC+5.
//
//   node bench/embed.mjs [--quick]   after `trunk build --release` (or
//                                    scripts/embed-build.sh) has filled dist/
//
// bench/run.mjs runs the same code (embedBenchmarks) as part of bench/run.sh.
// Standalone, it prints a table and writes bench/results/embed.json.

import { execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { startServer } from '../tests/e2e/server.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DIST = path.join(ROOT, 'dist');

/** The programme: the figures (jiyn_embed::sample::bench_feed, Asia/Almaty). */
export const EMBED_PROGRAMME = Object.freeze({ sessions: 200, rooms: 8, days: 3 });
/** The targets for the widget (information, never a failure). */
export const EMBED_TARGETS = Object.freeze({
  bundleGzipBytes: 100_000, // wasm + JS + CSS, gzip; 1 KB = 1,000 bytes
  renderMs: 150, // 200 sessions rendered after the feed arrives
  filterMs: 16, // a filter applied
});
/** The measured peer, for scale (the figures for the pretalx widget). */
export const PRETALX = Object.freeze({ gzipBytes: 147_000, renderMs: '430–800', filterMs: '30–70' });
/** Widths checked for layout errors, in px. */
export const EMBED_WIDTHS = Array.from({ length: 15 }, (_, i) => 200 + i * 100);
/** The files a partner page loads for <jiyn-agenda>: JS, the CSS inside agenda.js, wasm. */
const AGENDA_FILES = ['embed.js', 'embed/agenda.js', 'embed/jiyn_embed.js', 'embed/jiyn_embed_bg.wasm'];
const REGISTER_FILES = ['embed/register.js'];
const PAGE_TIMEOUT_MS = 120_000;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values };
}

function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
    }).length,
  };
}

/** Sizes of the widget's files in `dist`: each file and the totals (gzip per file, summed). */
export async function embedSizes(dist = DIST) {
  const sum = async (files) => {
    const total = { raw: 0, gzip: 0, brotli: 0, files: [] };
    for (const file of files) {
      let bytes;
      try {
        bytes = await fsp.readFile(path.join(dist, file));
      } catch {
        throw new Error(`${file} is not in ${dist}: build with \`trunk build --release\` (its hook runs scripts/embed-build.sh)`);
      }
      const s = compressed(bytes);
      total.files.push({ file, ...s });
      total.raw += s.raw;
      total.gzip += s.gzip;
      total.brotli += s.brotli;
    }
    return total;
  };
  const agenda = await sum(AGENDA_FILES);
  const register = await sum(REGISTER_FILES);
  const both = {
    raw: agenda.raw + register.raw,
    gzip: agenda.gzip + register.gzip,
    brotli: agenda.brotli + register.brotli,
  };
  return { agenda, register, both };
}

/** The bench feed's text (cargo builds the example once; later runs are instant). */
function benchFeed() {
  const { sessions, rooms, days } = EMBED_PROGRAMME;
  return execFileSync(
    'cargo',
    ['run', '--quiet', '--locked', '-p', 'jiyn-embed', '--example', 'feeds', '--', 'bench', '-', String(sessions), String(rooms), String(days)],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}

const PAGE = `<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><title>Jiyn widget benchmark</title>
<link rel="icon" href="data:,">
<script type="module" src="/embed.js"></script>
</head><body style="margin:0">
<div id="box" style="width:360px"></div>
</body></html>`;

/**
 * Runs in the page: adds a <jiyn-agenda> for the feed and resolves with its render
 * timing: `ms` inside the widget (decode, view model, DOM, forced layout), `frame` to
 * the next frame after it (what the reader waits for).
 */
function renderOnce(feedUrl) {
  localStorage.clear();
  return new Promise((resolve, reject) => {
    const el = document.createElement('jiyn-agenda');
    el.setAttribute('feed', feedUrl);
    el.setAttribute('lang', 'kk');
    el.addEventListener('jiyn-agenda-error', (e) => reject(new Error(`widget error ${e.detail.code}`)));
    el.addEventListener('jiyn-agenda-render', (e) => {
      const { ms, start, sessions } = e.detail;
      requestAnimationFrame(() =>
        setTimeout(() => {
          const s = el.shadowRoot;
          resolve({
            ms,
            frame: performance.now() - start,
            sessions,
            shown: s.querySelectorAll('article.s:not([hidden])').length,
            first: [...s.querySelectorAll('article.s:not([hidden]) .tm time')].slice(0, 2).map((t) => t.textContent),
            foot: s.querySelector('.foot').textContent,
          });
        }, 0),
      );
    });
    document.getElementById('box').replaceChildren(el);
  });
}

/** Runs in the page: the container's width, then two frames (the layout follows it). */
async function setWidth(width) {
  document.getElementById('box').style.width = `${width}px`;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

/**
 * Runs in the page: applies filter actions and times each: `ms` until the page is
 * updated and laid out (style and layout forced), `frame` until the next frame has run
 * (rendering included, and the wait for that frame).
 */
async function filterOnce() {
  const el = document.querySelector('#box jiyn-agenda');
  const s = el.shadowRoot;
  const w = s.querySelector('.w');
  void w.offsetHeight;
  const shown = () => s.querySelectorAll('article.s:not([hidden])').length;
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const time = async (act) => {
    await nextFrame();
    const t0 = performance.now();
    act();
    void w.offsetHeight; // style and layout, as the browser must before it paints
    const ms = performance.now() - t0;
    await nextFrame();
    return { ms, frame: performance.now() - t0, wasm_and_dom: el.timings.filter, shown: shown() };
  };
  const select = (i, value) => () => {
    const sel = s.querySelectorAll('.tools select')[i];
    sel.value = value;
    sel.dispatchEvent(new Event('change'));
  };
  const search = (text) => () => {
    const input = s.querySelector('.tools input[type=search]');
    input.value = text;
    input.dispatchEvent(new Event('input'));
  };
  const out = { layout: w.dataset.layout };
  out.kind = await time(select(0, '2')); // training
  out.kind_clear = await time(select(0, ''));
  out.room = await time(select(2, '3'));
  out.room_clear = await time(select(2, ''));
  out.search = await time(search('волонтер'));
  out.search_clear = await time(search(''));
  out.day = await time(() => s.querySelectorAll('.days button')[1].click());
  out.day_back = await time(() => s.querySelectorAll('.days button')[0].click());
  return out;
}

/** Runs in the page: every width, nothing wider than the widget. */
async function widthsCheck(widths) {
  const box = document.getElementById('box');
  const el = box.querySelector('jiyn-agenda');
  const w = el.shadowRoot.querySelector('.w');
  const bad = [];
  const layouts = {};
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  for (const width of widths) {
    box.style.width = `${width}px`;
    // The widget decides its layout in the frame after its size changed.
    await frame();
    await frame();
    await frame();
    const r = w.getBoundingClientRect();
    const outside = [...w.querySelectorAll('*')].filter((e) => {
      const b = e.getBoundingClientRect();
      return b.width > 0 && (b.left < r.left - 1 || b.right > r.right + 1);
    }).length;
    layouts[width] = w.dataset.layout;
    if (w.scrollWidth > w.clientWidth + 1 || outside) bad.push({ width, scroll: w.scrollWidth, client: w.clientWidth, outside });
  }
  return { bad, layouts };
}

/**
 * The widget's benchmark in headless Chromium. `runs` fresh page loads, each timing the
 * first render and then the filters (list at 360 px, grid at 1200 px).
 */
export async function embedBenchmarks({ dist = DIST, runs = 5, progress = (m) => console.log(`bench: ${m}`) } = {}) {
  const sizes = await embedSizes(dist);
  const feedText = benchFeed();
  const feed = JSON.parse(feedText);
  const first = feed.sessions[0];
  const server = await startServer({ root: dist, port: 0 });
  const b = await launchBrowser({ args: ['--js-flags=--expose-gc'], timeout: PAGE_TIMEOUT_MS, viewport: { width: 1700, height: 1000 } });
  const pageErrors = [];
  b.page.on('pageerror', (e) => pageErrors.push(String(e?.stack || e)));
  try {
    const feedUrl = `${server.url}/__bench/agenda.json`;
    await b.context.route(`${server.url}/__bench/**`, (route) => {
      const url = route.request().url();
      if (url.endsWith('/agenda.json')) {
        return route.fulfill({ status: 200, contentType: 'application/json', body: feedText });
      }
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE });
    });
    const open = async () => {
      await b.page.goto(`${server.url}/__bench/page.html`, { timeout: PAGE_TIMEOUT_MS });
      await b.page.waitForFunction(() => customElements.get('jiyn-agenda'), null, { timeout: PAGE_TIMEOUT_MS });
    };
    progress('embedded agenda: warm-up (discarded)');
    await open();
    await b.page.evaluate(renderOnce, feedUrl);
    const renders = [];
    const filters = { list: [], grid: [] };
    for (let i = 0; i < runs; i++) {
      progress(`embedded agenda: run ${i + 1}/${runs}: a fresh page renders ${EMBED_PROGRAMME.sessions} sessions (${EMBED_PROGRAMME.rooms} rooms), then filters`);
      await open();
      await b.page.evaluate(() => window.gc?.());
      renders.push(await b.page.evaluate(renderOnce, feedUrl));
      await b.page.evaluate(setWidth, 360);
      filters.list.push(await b.page.evaluate(filterOnce));
      await b.page.evaluate(setWidth, 1200);
      filters.grid.push(await b.page.evaluate(filterOnce));
    }
    progress(`embedded agenda: widths ${EMBED_WIDTHS[0]}–${EMBED_WIDTHS.at(-1)} px`);
    const widths = await b.page.evaluate(widthsCheck, EMBED_WIDTHS);

    const r0 = renders[0];
    if (r0.sessions !== EMBED_PROGRAMME.sessions) throw new Error(`the widget read ${r0.sessions} sessions`);
    const day1 = feed.sessions.filter((s) => s.starts_at.startsWith(first.starts_at.slice(0, 10))).length;
    if (r0.shown !== day1) throw new Error(`the widget shows ${r0.shown} sessions of day 1, the feed has ${day1}`);
    const utc5 =
      r0.first[0] === first.starts_at.slice(11, 16) &&
      r0.first[1] === first.ends_at.slice(11, 16) &&
      (Date.parse(`${first.starts_at}Z`) - Date.parse(first.starts_at_utc)) / 3_600_000 === 5 &&
      r0.foot.includes('UTC+05:00');

    const pick = (list, key, what = 'ms') => summary(list.map((f) => f[key][what]));
    const actions = (f) => Object.values(f).filter((v) => v?.ms !== undefined);
    const filterSummary = (list) => ({
      layout: list[0].layout,
      kind: pick(list, 'kind'),
      room: pick(list, 'room'),
      search: pick(list, 'search'),
      day: pick(list, 'day'),
      clear: summary(list.flatMap((f) => [f.kind_clear.ms, f.room_clear.ms, f.search_clear.ms])),
      slowest: summary(list.map((f) => Math.max(...actions(f).map((v) => v.ms)))),
      slowest_frame: summary(list.map((f) => Math.max(...actions(f).map((v) => v.frame)))),
      shown: { kind: list[0].kind.shown, room: list[0].room.shown, search: list[0].search.shown, day: list[0].day.shown },
    });
    return {
      sizes,
      programme: { ...EMBED_PROGRAMME, zone: feed.forum.time_zone, day1_sessions: day1 },
      render: summary(renders.map((r) => r.ms)),
      render_to_frame: summary(renders.map((r) => r.frame)),
      filter_list: filterSummary(filters.list),
      filter_grid: filterSummary(filters.grid),
      widths: { checked: EMBED_WIDTHS, bad: widths.bad, layouts: widths.layouts, page_errors: pageErrors.length },
      times_utc5: utc5,
      samples: { renders, filters },
      consoleErrors: [...b.consoleErrors, ...pageErrors],
    };
  } finally {
    await b.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------
// rows for bench/run.mjs's tables, and the standalone table

const KB = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const MS = (ms) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
const SPREAD = (s) => `${MS(s.min)} – ${MS(s.max)}`;
const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** [label, raw, gzip, brotli, target, verdict] rows. */
export function embedSizeRows(e) {
  const s = e.sizes;
  const ok = s.agenda.gzip <= EMBED_TARGETS.bundleGzipBytes;
  return [
    ['embedded agenda widget: wasm + JS + CSS', KB(s.agenda.raw), KB(s.agenda.gzip), KB(s.agenda.brotli), `gzip ≤ ${KB(EMBED_TARGETS.bundleGzipBytes)} (pretalx ${KB(PRETALX.gzipBytes)})`, verdict(ok)],
    ...s.agenda.files.map((f) => [`  ${f.file}`, KB(f.raw), KB(f.gzip), KB(f.brotli), '', '']),
    ['  with <jiyn-register> (embed/register.js)', KB(s.both.raw), KB(s.both.gzip), KB(s.both.brotli), '', ''],
  ];
}

/** [label, app, raw, ratio, spread, target, verdict] rows. */
export function embedTimeRows(e) {
  const p = e.programme;
  const row = (label, s, target) => [label, MS(s.median), '', '', SPREAD(s), target ? `≤ ${MS(target)}` : '', target ? verdict(s.median <= target) : ''];
  const rows = [
    row(`embedded agenda, ${p.sessions} sessions (${p.rooms} rooms): rendered after the feed arrives`, e.render, EMBED_TARGETS.renderMs),
    row('  to the next frame', e.render_to_frame, EMBED_TARGETS.renderMs),
  ];
  for (const [name, f] of [['list, 360 px', e.filter_list], ['grid, 1200 px', e.filter_grid]]) {
    rows.push(row(`  filter (${name}): one kind (${f.shown.kind} shown)`, f.kind, EMBED_TARGETS.filterMs));
    rows.push(row(`  filter (${name}): one room (${f.shown.room} shown)`, f.room, EMBED_TARGETS.filterMs));
    rows.push(row(`  filter (${name}): search "волонтер" (${f.shown.search} shown)`, f.search, EMBED_TARGETS.filterMs));
    rows.push(row(`  filter (${name}): another day (${f.shown.day} shown)`, f.day, EMBED_TARGETS.filterMs));
    rows.push(row(`  filter (${name}): slowest of the above and their clearing`, f.slowest, EMBED_TARGETS.filterMs));
    rows.push(row(`    the same, to the next frame (waiting for it included)`, f.slowest_frame));
  }
  const w = e.widths;
  rows.push([
    `  widths ${w.checked[0]}–${w.checked.at(-1)} px (${w.checked.length}): overflowing or erroring`,
    String(w.bad.length + w.page_errors),
    '',
    '',
    '',
    '0',
    verdict(w.bad.length + w.page_errors === 0),
  ]);
  rows.push([`  times of ${p.zone} shown in UTC+5`, e.times_utc5 ? 'yes' : 'no', '', '', '', 'yes', verdict(e.times_utc5)]);
  return rows;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) =>
    r
      .map((cell, i) => (i === 0 ? String(cell ?? '').padEnd(widths[i]) : String(cell ?? '').padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--quick');
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')} (usage: node bench/embed.mjs [--quick])`);
  const quick = args.includes('--quick');
  const loadBefore = os.loadavg();
  const e = await embedBenchmarks({ runs: quick ? 2 : 5 });
  console.log(
    [
      '',
      `Jiyn embedded agenda widget${quick ? ' (--quick)' : ''} — ${new Date().toISOString()}, ${os.cpus().length} CPUs, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
      '',
      table([['size', 'raw', 'gzip', 'brotli', 'target', ''], ...embedSizeRows(e)]),
      '',
      table([['time', 'median', '', '', 'min – max', 'target', ''], ...embedTimeRows(e)]),
      '',
      `pretalx's widget, for scale (the issue's figures): ${KB(PRETALX.gzipBytes)} gzip, render ${PRETALX.renderMs} ms, filter ${PRETALX.filterMs} ms.`,
      e.consoleErrors.length ? `console errors: ${e.consoleErrors.length}\n  ${e.consoleErrors.slice(0, 5).join('\n  ')}` : '',
    ].join('\n'),
  );
  const { consoleErrors, ...rest } = e;
  await fsp.mkdir(path.join(HERE, 'results'), { recursive: true });
  await fsp.writeFile(path.join(HERE, 'results', 'embed.json'), `${JSON.stringify({ date: new Date().toISOString(), quick, ...rest, console_errors: consoleErrors }, null, 2)}\n`);
  if (consoleErrors.length || e.widths.bad.length) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`\nbench: FAILED: ${err?.stack || err}`);
    process.exit(1);
  });
}
