// Jiyn's benchmark driver. Run through bench/run.sh, which builds dist/ (the app) and
// dist/bench/ (the bench page) first; see docs/bench.md for what is measured and how.
//
//   node bench/run.mjs [--quick]
//
// Prints progress lines and a table, writes bench/results/latest.json. Slow figures
// never fail the run; it exits non-zero only when something breaks (a build output is
// missing, the browser or a page fails, a check inside a benchmark fails).

import { execFileSync, spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { startServer } from '../tests/e2e/server.mjs';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { embedBenchmarks, embedSizeRows, embedTimeRows } from './embed.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DIST = path.join(ROOT, 'dist');
const RESULTS_DIR = path.join(HERE, 'results');

/** Runs per benchmark (the table shows medians). */
const RUNS_FULL = 5;
const RUNS_QUICK = 2;
/** Participants written and read back in one transaction. */
const BULK_COUNT = 10_000;
/** Check-ins written one transaction each. */
const CHECKIN_COUNT = 1_000;
/** The programme benchmark: sessions, days, rooms (the agenda issue's figures). */
const PROGRAMME = Object.freeze({ sessions: 200, days: 3, rooms: 8 });
/** Forum sizes of the cold start measurement. */
const COLD_COUNTS = [300, 10_000];
/** Forum sizes of the registration desk benchmark (import, load, search, check-ins). */
const DESK_COUNTS_FULL = [10_000, 50_000];
const DESK_COUNTS_QUICK = [10_000];
const DESK_RUNS_FULL = 3;
const DESK_RUNS_QUICK = 1;
/** Discarded warm-up sizes (lets the wasm tier up before the timed runs). */
const WARMUP_BULK = 1_000;
const WARMUP_CHECKINS = 100;
/** Pause after filling the database, before the cold page opens (lets the browser
 *  finish writing it out, as it would have long before a real start). */
const SETTLE_MS = 1_000;
/** How long to wait for the app's service worker to be active after a start. */
const WORKER_WAIT_MS = 15_000;
/** How long a page may take to load or a benchmark call to finish before it counts as
 *  broken (not slow: these are far beyond any target). */
const PAGE_TIMEOUT_MS = 120_000;

/** The targets: shown next to the figures, never a failure. */
const TARGETS = Object.freeze({
  wasmGzipBytes: 250_000, // whole-app wasm, gzip; 1 KB = 1,000 bytes
  ratio: 1.2, // app / raw, bulk insert and single check-ins
  coldMs: 1_000, // cold start with 10,000 participants
  programmeRenderMs: 100, // 200 sessions rendered
  filterMs: 16, // a filter change applied
  keystrokeMs: 16, // a desk search keystroke, 50,000 participants
  importMs: 2_000, // 10,000 CSV rows imported
  syncMs: 2_000, // 10,000 changes pushed, and pulled, end to end
  reportMs: 200, // a forum's reports: 50,000 participants and 20,000 hour entries
});
/** Changes pushed and pulled through the real sync server. */
const SYNC_COUNT = 10_000;
/** The reports benchmark: a forum of this size, aggregated this many times. */
const REPORT = Object.freeze({ participants: 50_000, hours: 20_000 });
const REPORT_RUNS_FULL = 9;
const REPORT_RUNS_QUICK = 5;

/** Chromium flags on top of tests/e2e/lib/browser.mjs's: `gc()` between timed parts. */
const BENCH_ARGS = ['--js-flags=--expose-gc'];

// ---------------------------------------------------------------------------
// small helpers

function progress(message) {
  console.log(`bench: ${message}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(values) {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// sizes

async function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await fsp.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.')) continue; // trunk's staging dirs; never served
    if (entry.isDirectory()) {
      if (!prefix && entry.name === 'bench') continue; // the bench page is not the app
      out.push(...(await listFiles(dir, rel)));
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
  return out.sort();
}

function compressedSizes(bytes) {
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
  return { raw: bytes.length, gzip, brotli };
}

function addSizes(into, s) {
  into.raw += s.raw;
  into.gzip += s.gzip;
  into.brotli += s.brotli;
  into.files += 1;
}

async function measureSizes() {
  const files = await listFiles(DIST);
  const zero = () => ({ raw: 0, gzip: 0, brotli: 0, files: 0 });
  const groups = { wasm: zero(), js: zero(), css: zero(), first_load: zero(), whole_app: zero() };
  const perFile = [];
  for (const file of files) {
    const s = compressedSizes(await fsp.readFile(path.join(DIST, file)));
    perFile.push({ file, ...s });
    addSizes(groups.whole_app, s);
    // What the app's index.html loads before it can run: itself, the wasm, the JS glue
    // (with any wasm-bindgen snippets) and the CSS. The service worker is not in it.
    const ext = path.extname(file).slice(1);
    // (embed.js is the partner widgets' script, docs/embedding.md: not the app's.)
    const loaded = (!file.includes('/') || file.startsWith('snippets/')) && file !== 'sw.js' && file !== 'embed.js';
    if (loaded && ['wasm', 'js', 'css'].includes(ext)) {
      addSizes(groups[ext], s);
      addSizes(groups.first_load, s);
    }
    if (file === 'index.html') addSizes(groups.first_load, s);
  }
  if (groups.wasm.files === 0) throw new Error(`no .wasm in ${DIST}: did the app build run?`);
  return { files: perFile, ...groups };
}

// ---------------------------------------------------------------------------
// the bench page

async function openBenchPage(page, url) {
  await page.goto(`${url}/bench/`, { timeout: PAGE_TIMEOUT_MS });
  await page.waitForFunction(() => typeof window.wasmBindings?.benchBulk === 'function', null, {
    timeout: PAGE_TIMEOUT_MS,
  });
}

/** Calls an exported bench function in the page; it returns JSON text. */
async function call(page, name, ...args) {
  const text = await page.evaluate(([fn, fnArgs]) => window.wasmBindings[fn](...fnArgs), [name, args]);
  return typeof text === 'string' ? JSON.parse(text) : text;
}

async function storeBenchmarks(url, runs) {
  const b = await launchBrowser({ args: BENCH_ARGS, timeout: PAGE_TIMEOUT_MS });
  try {
    await openBenchPage(b.page, url);
    const userAgent = await b.page.evaluate(() => navigator.userAgent);
    progress('store layer: warm-up (discarded)');
    await call(b.page, 'benchBulk', WARMUP_BULK, true);
    await call(b.page, 'benchCheckins', WARMUP_CHECKINS, true);
    const bulk = [];
    const checkins = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which side goes first, so neither always runs on a warmer or more
      // littered heap.
      const appFirst = i % 2 === 0;
      progress(`store layer: run ${i + 1}/${runs}: bulk insert and read of ${BULK_COUNT.toLocaleString('en')} participants`);
      bulk.push(await call(b.page, 'benchBulk', BULK_COUNT, appFirst));
      progress(`store layer: run ${i + 1}/${runs}: ${CHECKIN_COUNT.toLocaleString('en')} single check-ins`);
      checkins.push(await call(b.page, 'benchCheckins', CHECKIN_COUNT, appFirst));
    }
    const programme = [];
    progress('programme: warm-up (discarded)');
    await call(b.page, 'benchProgramme', PROGRAMME.sessions, PROGRAMME.days, PROGRAMME.rooms);
    for (let i = 0; i < runs; i++) {
      progress(`programme: run ${i + 1}/${runs}: ${PROGRAMME.sessions} sessions, ${PROGRAMME.days} days, ${PROGRAMME.rooms} rooms`);
      programme.push(await call(b.page, 'benchProgramme', PROGRAMME.sessions, PROGRAMME.days, PROGRAMME.rooms));
    }
    return { userAgent, bulk, checkins, programme, consoleErrors: [...b.consoleErrors] };
  } finally {
    await b.close();
  }
}

async function deskBenchmarks(url, counts, runs) {
  const b = await launchBrowser({ args: BENCH_ARGS, timeout: PAGE_TIMEOUT_MS });
  try {
    await openBenchPage(b.page, url);
    progress('desk: warm-up (discarded)');
    await call(b.page, 'benchDesk', 1_000);
    const out = {};
    for (const count of counts) {
      const list = [];
      for (let i = 0; i < runs; i++) {
        progress(`desk: run ${i + 1}/${runs}: ${count.toLocaleString('en')} participants: CSV import, load, keystrokes, check-ins`);
        list.push(await call(b.page, 'benchDesk', count));
      }
      const pick = (key) => summary(list.map((r) => r[key]));
      out[`desk_${count}`] = {
        count,
        csv_bytes: list[0].csv_bytes,
        keystrokes: list[0].keystrokes,
        checkins: list[0].checkins,
        import_plan: pick('import_plan_ms'),
        import_batch: pick('import_batch_ms'),
        import_write: pick('import_write_ms'),
        raw_import_write: pick('raw_import_write_ms'),
        import_total: summary(list.map((r) => r.import_plan_ms + r.import_batch_ms + r.import_write_ms)),
        load_read: pick('load_read_ms'),
        index_build: pick('index_build_ms'),
        keystroke_median: pick('keystroke_median_ms'),
        keystroke_p95: pick('keystroke_p95_ms'),
        keystroke_max: pick('keystroke_max_ms'),
        app_checkins: pick('app_checkins_ms'),
        raw_checkins: pick('raw_checkins_ms'),
        samples: list,
      };
    }
    return { desk: out, consoleErrors: [...b.consoleErrors] };
  } finally {
    await b.close();
  }
}

// ---------------------------------------------------------------------------
// sync through the real server

/** jiyn-server, built in release by bench/run.sh (JIYN_BENCH_SERVER), or by cargo here. */
function serverBinary() {
  if (process.env.JIYN_BENCH_SERVER) return process.env.JIYN_BENCH_SERVER;
  execFileSync('cargo', ['build', '--release', '-p', 'jiyn-server', '--locked', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  return path.join(process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target'), 'release', 'jiyn-server');
}

async function startSyncServer(bin, corsOrigin) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'jiyn-bench-server-'));
  const db = `sqlite:${path.join(dir, 'bench.db')}`;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  // The migrations run at the first command; the token command creates the file.
  execFileSync(bin, ['token', 'add', '--db', db, '--role', 'organizer', '--all-forums'], { encoding: 'utf8' });
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--cors-origin', corsOrigin, '--rate', '1000000'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/v1/hello`)).ok) break;
    } catch {
      // not yet
    }
    if (i > 300 || child.exitCode !== null) throw new Error('jiyn-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    /** An organizer token for one forum (so a pull reads that forum only). */
    token: (forum) => execFileSync(bin, ['token', 'add', '--db', db, '--role', 'organizer', '--forum', forum], { encoding: 'utf8' }).trim(),
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

async function syncBenchmarks(appUrl, runs) {
  const sync = await startSyncServer(serverBinary(), appUrl);
  const b = await launchBrowser({ args: BENCH_ARGS, timeout: PAGE_TIMEOUT_MS });
  try {
    await openBenchPage(b.page, appUrl);
    const once = async (count) => {
      const forum = crypto.randomUUID();
      return call(b.page, 'benchSync', sync.url, sync.token(forum), forum, count);
    };
    progress('sync: warm-up (discarded)');
    await once(1_000);
    const list = [];
    for (let i = 0; i < runs; i++) {
      progress(`sync: run ${i + 1}/${runs}: push ${SYNC_COUNT.toLocaleString('en')} changes, pull them into an empty database`);
      list.push(await once(SYNC_COUNT));
    }
    return {
      sync: {
        count: SYNC_COUNT,
        push: summary(list.map((r) => r.push_ms)),
        pull: summary(list.map((r) => r.pull_ms)),
        raw_fetch: summary(list.map((r) => r.raw_fetch_ms)),
        samples: list,
      },
      consoleErrors: [...b.consoleErrors],
    };
  } finally {
    await b.close();
    await sync.close();
  }
}

// ---------------------------------------------------------------------------
// reports

async function reportBenchmarks(url, runs) {
  const b = await launchBrowser({ args: BENCH_ARGS, timeout: PAGE_TIMEOUT_MS });
  try {
    await openBenchPage(b.page, url);
    progress('report: warm-up (discarded)');
    await call(b.page, 'benchReport', 5_000, 2_000, 2);
    progress(`report: ${runs} runs: dashboard of ${REPORT.participants.toLocaleString('en')} participants and ${REPORT.hours.toLocaleString('en')} hour entries`);
    const r = await call(b.page, 'benchReport', REPORT.participants, REPORT.hours, runs);
    return {
      report: {
        participants: r.participants,
        checkins: r.checkins,
        hours: r.hours,
        projects: r.projects,
        activities: r.activities,
        aggregate: summary(r.aggregate_ms),
        csv: summary(r.csv_ms),
        checks: { registered: r.registered, checked_in: r.checked_in, approved_minutes: r.approved_minutes },
      },
      consoleErrors: [...b.consoleErrors],
    };
  } finally {
    await b.close();
  }
}

// ---------------------------------------------------------------------------
// cold start

/**
 * Runs in the app page before any of its scripts (page.addInitScript), in every
 * document of the tab: records when the wasm app has started and when the forum title
 * and the participant count `expected` are in the DOM. Times are milliseconds since
 * the start of the tab's FIRST navigation (performance.timeOrigin + performance.now(),
 * carried over in sessionStorage), so a page that reloads itself is timed from the
 * user's point of view: from the first navigation to the first usable forum page.
 */
function startMarker(expected) {
  const KEY = 'jiyn-bench-marks';
  const marks = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? {
    origin: performance.timeOrigin,
    documents: 0,
  };
  marks.documents += 1;
  window.__jiynBench = marks;
  const save = () => sessionStorage.setItem(KEY, JSON.stringify(marks));
  const since = (t) => performance.timeOrigin + t - marks.origin;
  const now = () => since(performance.now());
  save();
  addEventListener('TrunkApplicationStarted', () => {
    marks.wasm_started ??= now();
    save();
  });
  const digits = (el) => (el?.textContent ?? '').replace(/\D+/g, '');
  const participantsShown = () => {
    // A dedicated test id if the page has one, else the first figure of the stats
    // list (the participants; see src/ui/forum_home.rs).
    const el =
      document.querySelector('[data-testid=stat-participants]') ??
      document.querySelector('dl.stats dd');
    return digits(el) === String(expected);
  };
  const check = () => {
    if (marks.ready !== undefined) return;
    if (!document.querySelector('[data-testid=forum-title]')) return;
    marks.title ??= now();
    if (participantsShown()) {
      marks.ready = now();
      marks.ready_in_document = marks.documents;
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      marks.html_loaded = nav && since(nav.responseEnd);
      marks.wasm_loaded = wasm && since(wasm.responseEnd);
      marks.wasm_transfer_bytes = wasm?.transferSize;
      // Whether a service worker served this page (the repeat start, once installed).
      marks.controlled = Boolean(navigator.serviceWorker?.controller);
      observer.disconnect();
    }
    save();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Resolves when the page's service worker is active (false after `ms`, or none). */
function workerReady(ms) {
  if (!navigator.serviceWorker) return false;
  return Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

/** page.evaluate that tolerates the page reloading itself meanwhile. */
async function evaluateSettled(page, fn, arg) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.evaluate(fn, arg);
    } catch (err) {
      if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(err?.message))) throw err;
      await page.waitForLoadState('domcontentloaded');
    }
  }
}

async function measureStart(context, url, count) {
  const page = await context.newPage();
  try {
    await page.addInitScript(startMarker, count);
    await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    try {
      await page.waitForFunction(() => window.__jiynBench?.ready !== undefined, null, {
        timeout: PAGE_TIMEOUT_MS,
        polling: 100,
      });
    } catch (err) {
      const body = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      throw new Error(`${url} never showed the forum with ${count} participants: ${err.message}\npage text: ${body.slice(0, 500)}`);
    }
    // Let the worker this start registered finish installing (outside the figures), so
    // the next start in this profile is served by it, as a real second start would be.
    const workerActive = await evaluateSettled(page, workerReady, WORKER_WAIT_MS);
    // Read the marks last: a page that reloads itself after showing the forum has
    // done so by now, and its document count tells.
    const marks = await evaluateSettled(page, () => window.__jiynBench);
    return { ...marks, worker_active: workerActive };
  } finally {
    await page.close();
  }
}

/** One cold start run (and the repeat start after it) in a fresh browser profile. */
async function coldStartRun(url, count) {
  // Service workers allowed, as in a real browser: the cold start installs the app's
  // worker, and the repeat start is then served by it; see docs/bench.md.
  const b = await launchBrowser({ args: BENCH_ARGS, timeout: PAGE_TIMEOUT_MS });
  try {
    await openBenchPage(b.page, url);
    const forum = await b.page.evaluate((n) => window.wasmBindings.populateAppDb(n), count);
    await b.page.close();
    await sleep(SETTLE_MS);
    const cold = await measureStart(b.context, `${url}/forum/${forum}`, count);
    await sleep(SETTLE_MS);
    const repeat = await measureStart(b.context, `${url}/forum/${forum}`, count);
    return { cold, repeat, consoleErrors: [...b.consoleErrors] };
  } finally {
    await b.close();
  }
}

// ---------------------------------------------------------------------------
// report

const KB = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const MS = (ms) => (ms === undefined ? '—' : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`);
const RATIO = (r) => `${r.toFixed(2)}×`;
const SPREAD = (s) => `${MS(s.min)} – ${MS(s.max)}`;

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) =>
    r
      .map((cell, i) => {
        const text = String(cell ?? '');
        return i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]);
      })
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function verdict(ok) {
  return ok ? 'met' : 'NOT met';
}

/** Console errors of the pages, once per distinct first line (stacks are in the JSON). */
function consoleSummary(errors) {
  if (errors.length === 0) return [];
  const counts = new Map();
  for (const e of errors) {
    const first = e.split('\n')[0];
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [
    '',
    `console errors in the pages (${errors.length}; not counted as failures):`,
    ...[...counts].slice(0, 10).map(([line, n]) => `  ${n}× ${line.slice(0, 160)}`),
  ];
}

function report(result) {
  const { sizes, benchmarks: b, runs } = result;
  const sizeRows = [['size (1 KB = 1,000 bytes)', 'raw', 'gzip -9', 'brotli', 'target', '']];
  const wasmOk = sizes.wasm.gzip <= TARGETS.wasmGzipBytes;
  sizeRows.push(['wasm', KB(sizes.wasm.raw), KB(sizes.wasm.gzip), KB(sizes.wasm.brotli), `gzip ≤ ${KB(TARGETS.wasmGzipBytes)}`, verdict(wasmOk)]);
  sizeRows.push(['JS', KB(sizes.js.raw), KB(sizes.js.gzip), KB(sizes.js.brotli), '', '']);
  sizeRows.push(['CSS', KB(sizes.css.raw), KB(sizes.css.gzip), KB(sizes.css.brotli), '', '']);
  sizeRows.push([`first load (html+wasm+JS+CSS)`, KB(sizes.first_load.raw), KB(sizes.first_load.gzip), KB(sizes.first_load.brotli), '', '']);
  sizeRows.push([`whole app (${sizes.whole_app.files} files)`, KB(sizes.whole_app.raw), KB(sizes.whole_app.gzip), KB(sizes.whole_app.brotli), '', '']);
  if (b.embed) sizeRows.push(...embedSizeRows(b.embed));

  const timeRows = [[`time (median of ${runs})`, 'app', 'raw JS', 'app/raw', 'app min – max', 'target', '']];
  const pair = (label, p, target) => [
    label,
    MS(p.app.median),
    MS(p.raw.median),
    RATIO(p.ratio),
    SPREAD(p.app),
    target ? `≤ ${RATIO(target)} raw` : '',
    target ? verdict(p.ratio <= target) : '',
  ];
  timeRows.push(pair(`bulk insert ${BULK_COUNT.toLocaleString('en')} participants`, b.bulk_insert, TARGETS.ratio));
  timeRows.push(pair(`read back ${BULK_COUNT.toLocaleString('en')} (by_forum)`, b.bulk_read, null));
  timeRows.push(pair(`forum figures over ${BULK_COUNT.toLocaleString('en')}`, b.forum_counts, null));
  timeRows.push(pair(`${CHECKIN_COUNT.toLocaleString('en')} single check-ins`, b.checkins, TARGETS.ratio));
  timeRows.push([`  Writer::create ×${CHECKIN_COUNT.toLocaleString('en')} (app only)`, MS(b.checkin_make.median), '', '', SPREAD(b.checkin_make), '', '']);
  const p = b.programme;
  const one = (label, s, target) => [
    label,
    MS(s.median),
    '',
    '',
    SPREAD(s),
    target ? `≤ ${MS(target)}` : '',
    target ? verdict(s.median <= target) : '',
  ];
  timeRows.push(one(`programme, ${p.sessions} sessions (${p.days} days, ${p.rooms} rooms): render`, p.render, TARGETS.programmeRenderMs));
  timeRows.push(one(`  one day as a grid by room (wide screens)`, p.grid, TARGETS.programmeRenderMs));
  timeRows.push(one(`  filter: search "волонтер" (${p.shown.search} shown)`, p.search, TARGETS.filterMs));
  timeRows.push(one(`  filter: one kind (${p.shown.kind} shown)`, p.kind, TARGETS.filterMs));
  timeRows.push(one(`  filter: one day (${p.shown.day} shown)`, p.day, TARGETS.filterMs));
  timeRows.push(one(`  filter: cleared (all ${p.sessions})`, p.clear, TARGETS.filterMs));
  for (const count of COLD_COUNTS) {
    const c = b[`cold_start_${count}`];
    const target = count === 10_000 ? TARGETS.coldMs : null;
    timeRows.push([
      `cold start, ${count.toLocaleString('en')} participants: forum usable`,
      MS(c.title.median),
      '',
      '',
      SPREAD(c.title),
      target ? `≤ ${MS(target)}` : '',
      target ? verdict(c.title.median <= target) : '',
    ]);
    timeRows.push([`  its figures shown at`, MS(c.ready.median), '', '', SPREAD(c.ready), '', '']);
    timeRows.push([`  of which wasm started at`, MS(c.wasm_started.median), '', '', SPREAD(c.wasm_started), '', '']);
    if (c.cold_reloaded > 0) {
      timeRows.push([`  the page reloaded itself in ${c.cold_reloaded}/${c.samples.length} runs`, '', '', '', '', '', '']);
    }
    timeRows.push([
      `  repeat start, same profile (SW ${c.repeat_served_by_worker}/${c.samples.length}` +
        (c.repeat_reloaded ? `, reloaded ${c.repeat_reloaded}/${c.samples.length})` : ')'),
      MS(c.repeat_title.median),
      '',
      '',
      SPREAD(c.repeat_title),
      '',
      '',
    ]);
  }

  for (const key of Object.keys(b).filter((k) => k.startsWith('desk_'))) {
    const d = b[key];
    const n = d.count.toLocaleString('en');
    // [label, app summary, target text, passed?, raw summary]
    const row = (label, s, target, ok, raw) => [
      label,
      MS(s.median),
      raw ? MS(raw.median) : '',
      raw ? RATIO(s.median / raw.median) : '',
      SPREAD(s),
      target ?? '',
      target ? verdict(ok) : '',
    ];
    const within = (s, ms) => s.median <= ms;
    const ten = d.count === 10_000;
    timeRows.push(row(`desk, ${n}: CSV import (${KB(d.csv_bytes)}), total`, d.import_total, ten ? `≤ ${MS(TARGETS.importMs)}` : null, within(d.import_total, TARGETS.importMs)));
    timeRows.push(row(`  plan (decode, parse, check rows)`, d.import_plan));
    timeRows.push(row(`  records and changes`, d.import_batch));
    timeRows.push(row(`  one-transaction write`, d.import_write, null, false, d.raw_import_write));
    timeRows.push(row(`desk, ${n}: load (read people and events)`, d.load_read));
    timeRows.push(row(`  search index build`, d.index_build));
    timeRows.push(row(`desk, ${n}: search keystroke, median of ${d.keystrokes}`, d.keystroke_median, `≤ ${MS(TARGETS.keystrokeMs)}`, within(d.keystroke_median, TARGETS.keystrokeMs)));
    timeRows.push(row(`  slowest keystroke (median over runs)`, d.keystroke_max, `≤ ${MS(TARGETS.keystrokeMs)}`, within(d.keystroke_max, TARGETS.keystrokeMs)));
    timeRows.push(row(`desk, ${n}: ${d.checkins} single check-ins`, d.app_checkins, `≤ ${RATIO(TARGETS.ratio)} raw`, d.app_checkins.median / d.raw_checkins.median <= TARGETS.ratio, d.raw_checkins));
  }

  if (b.sync) {
    const s = b.sync;
    const n = s.count.toLocaleString('en');
    const row = (label, v, raw) => [label, MS(v.median), raw ? MS(raw.median) : '', raw ? RATIO(v.median / raw.median) : '', SPREAD(v), `≤ ${MS(TARGETS.syncMs)}`, verdict(v.median <= TARGETS.syncMs)];
    timeRows.push(row(`sync: push ${n} changes to jiyn-server (SQLite)`, s.push));
    timeRows.push(row(`sync: pull ${n} into an empty database (raw: fetch only)`, s.pull, s.raw_fetch));
  }

  if (b.embed) timeRows.push(...embedTimeRows(b.embed));

  if (b.report) {
    const r = b.report;
    const what = `${r.participants.toLocaleString('en')} participants, ${r.checkins.toLocaleString('en')} check-ins, ${r.hours.toLocaleString('en')} hour entries`;
    timeRows.push([`report: dashboard of ${what} (median of ${r.aggregate.runs.length})`, MS(r.aggregate.median), '', '', SPREAD(r.aggregate), `≤ ${MS(TARGETS.reportMs)}`, verdict(r.aggregate.median <= TARGETS.reportMs)]);
    timeRows.push([`  every table as CSV`, MS(r.csv.median), '', '', SPREAD(r.csv), '', '']);
  }

  const env = result.environment;
  return [
    '',
    `Jiyn benchmarks${result.quick ? ' (--quick)' : ''} — ${result.date}, commit ${result.commit ?? '?'}, ${env.browser}`,
    `${env.cpus} CPUs, load average ${env.loadavg_before.map((l) => l.toFixed(2)).join(' ')} before, ${env.loadavg_after.map((l) => l.toFixed(2)).join(' ')} after`,
    '',
    table(sizeRows),
    '',
    table(timeRows),
    '',
    'app/raw: ratio of the medians. Targets are information, not pass/fail. Details: docs/bench.md;',
    `every run: ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'latest.json'))}`,
    ...consoleSummary(result.console_errors),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------
// main

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--quick');
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')} (usage: bench/run.sh [--quick])`);
  const quick = args.includes('--quick');
  const runs = quick ? RUNS_QUICK : RUNS_FULL;
  const loadBefore = os.loadavg();

  progress('measuring sizes of dist/');
  const sizes = await measureSizes();

  const server = await startServer({ root: DIST, port: 0 });
  try {
    const store = await storeBenchmarks(server.url, runs);
    const consoleErrors = [...store.consoleErrors];
    const desk = await deskBenchmarks(
      server.url,
      quick ? DESK_COUNTS_QUICK : DESK_COUNTS_FULL,
      quick ? DESK_RUNS_QUICK : DESK_RUNS_FULL,
    );
    consoleErrors.push(...desk.consoleErrors);
    const sync = await syncBenchmarks(server.url, quick ? 1 : 3);
    consoleErrors.push(...sync.consoleErrors);
    const reports = await reportBenchmarks(server.url, quick ? REPORT_RUNS_QUICK : REPORT_RUNS_FULL);
    consoleErrors.push(...reports.consoleErrors);
    // The embedded agenda widget (bench/embed.mjs): its own page on its own server.
    const { consoleErrors: embedErrors, ...embed } = await embedBenchmarks({ dist: DIST, runs, progress });
    consoleErrors.push(...embedErrors);

    const cold = {};
    for (const count of COLD_COUNTS) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        progress(`cold start: run ${i + 1}/${runs}: forum with ${count.toLocaleString('en')} participants (fresh profile)`);
        const run = await coldStartRun(server.url, count);
        consoleErrors.push(...run.consoleErrors);
        samples.push(run);
      }
      const pick = (key, which = 'cold') => summary(samples.map((s) => s[which][key]).filter((v) => v !== undefined));
      cold[`cold_start_${count}`] = {
        count,
        ready: pick('ready'),
        title: pick('title'),
        wasm_started: pick('wasm_started'),
        wasm_loaded: pick('wasm_loaded'),
        html_loaded: pick('html_loaded'),
        repeat_title: pick('title', 'repeat'),
        repeat_ready: pick('ready', 'repeat'),
        repeat_wasm_started: pick('wasm_started', 'repeat'),
        repeat_served_by_worker: samples.filter((s) => s.repeat.controlled).length,
        // Runs in which the app page reloaded itself before or after showing the forum.
        cold_reloaded: samples.filter((s) => s.cold.documents > 1).length,
        repeat_reloaded: samples.filter((s) => s.repeat.documents > 1).length,
        samples,
      };
    }

    const pairOf = (appKey, rawKey, list) => {
      const app = summary(list.map((r) => r[appKey]));
      const raw = summary(list.map((r) => r[rawKey]));
      return { count: list[0].count, app, raw, ratio: app.median / raw.median };
    };
    const benchmarks = {
      bulk_insert: pairOf('app_write_ms', 'raw_write_ms', store.bulk),
      bulk_read: pairOf('app_read_ms', 'raw_read_ms', store.bulk),
      forum_counts: pairOf('app_counts_ms', 'raw_counts_ms', store.bulk),
      checkins: pairOf('app_write_ms', 'raw_write_ms', store.checkins),
      checkin_make: summary(store.checkins.map((r) => r.make_ms)),
      programme: {
        ...PROGRAMME,
        render: summary(store.programme.map((r) => r.render_ms)),
        grid: summary(store.programme.map((r) => r.grid_ms)),
        search: summary(store.programme.map((r) => r.search_ms)),
        kind: summary(store.programme.map((r) => r.kind_ms)),
        day: summary(store.programme.map((r) => r.day_ms)),
        clear: summary(store.programme.map((r) => r.clear_ms)),
        shown: store.programme[0] && {
          search: store.programme[0].search_shown,
          kind: store.programme[0].kind_shown,
          day: store.programme[0].day_shown,
        },
      },
      ...cold,
      ...desk.desk,
      sync: sync.sync,
      report: reports.report,
      embed,
    };

    // bench/run.sh notes the commit before it builds; run by hand, it is read now.
    const commit =
      process.env.JIYN_BENCH_COMMIT ||
      `${git('rev-parse', '--short', 'HEAD') ?? 'unknown'}${git('status', '--porcelain') ? ' (with uncommitted changes)' : ''}`;
    const result = {
      format: 1,
      date: new Date().toISOString(),
      quick,
      runs,
      commit,
      environment: {
        browser: (store.userAgent.match(/(?:Headless)?Chrom(?:e|ium)\/[\d.]+/) ?? [store.userAgent])[0],
        user_agent: store.userAgent,
        node: process.version,
        cpus: os.cpus().length,
        loadavg_before: loadBefore,
        loadavg_after: os.loadavg(),
      },
      targets: TARGETS,
      sizes,
      benchmarks,
      console_errors: consoleErrors,
    };
    await fsp.mkdir(RESULTS_DIR, { recursive: true });
    await fsp.writeFile(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(report(result));
  } finally {
    await server.close();
  }
}

main().catch((err) => {
  console.error(`\nbench: FAILED: ${err?.stack || err}`);
  process.exit(1);
});
