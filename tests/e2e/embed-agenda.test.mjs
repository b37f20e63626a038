// The programme widget <jiyn-agenda> (public/embed.js, public/embed/agenda.js and its
// wasm, built into dist/ by trunk's embed hook) on a partner website:
// - the partner page is served from another origin (127.0.0.2) than the Jiyn host
//   (127.0.0.1, the built dist/ behind a proxy that adds CORS and cache headers, as a
//   real host must) and has aggressive global CSS (`* { all: unset }`, a 40px root font,
//   huge red upper-case text); the feed is a 200-session, 8-room Almaty forum served by
//   the real sync server's public route;
// - a list in a 360 px container, a grid by room in a 1200 px one (the container's
//   width, not the window's), sessions visible, times in Almaty's UTC+5 and now/next by
//   the forum's clock, no overflow or error from 200 to 1600 px; screenshots;
// - the language switch; filters, bookmarks and the keyboard;
// - offline, the page opened again shows the programme from the widget's saved copy,
//   marked as possibly outdated, and the mark goes when the network is back;
// - the iframe page (embed/agenda.html) reports its height to the parent;
// - a feed that is not JSON, a 404, a newer version and a missing feed attribute are
//   each said in the reader's language (and as an event).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { DIST_ROOT } from './lib/app.mjs';
import { withBrowser, screenshot } from './lib/browser.mjs';
import { startSyncServer, REPO } from './lib/sync.mjs';

const FIXED_NOW = new Date('2025-11-11T05:10:00Z'); // 10:10 in Almaty (UTC+5)
const LOCAL_NOW = '2025-11-11T10:10:00';
const WIDTHS = [200, 240, 320, 360, 480, 600, 768, 900, 1024, 1200, 1400, 1600];

let sync;
let jiyn; // the Jiyn host: dist/ with CORS
let jiynStatic;
let partner;
let partnerStatic;
let partnerDir;
let records;
let feedUrl;
let feed; // the feed as the server serves it

/**
 * An HTTP proxy in front of a static server that adds what a host of embeddable files
 * needs: `Access-Control-Allow-Origin: *` (module scripts, wasm and the feed are fetched
 * with CORS), and a cache lifetime so a browser can open the page again offline.
 */
async function startProxy(target, host) {
  const server = http.createServer((req, res) => {
    const up = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (r) => {
      const headers = { ...r.headers, 'access-control-allow-origin': '*', 'cache-control': 'max-age=600' };
      delete headers['last-modified'];
      res.writeHead(r.statusCode, headers);
      r.pipe(res);
    });
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const url = `http://${host}:${server.address().port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections?.();
      }),
  };
}

function partnerPage(boxWidth) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner</title>
<link rel="icon" href="data:,">
<style>
  * { all: unset; }
  head, style, script, title { display: none; }
  html { font-size: 40px; }
  html, body { display: block; font-family: "Times New Roman", serif; color: #c00; line-height: 3;
    letter-spacing: 6px; text-transform: uppercase; word-spacing: 20px; text-align: right; }
  h2, p, div, article, button, select, input, section { font-size: 72px; color: lime; text-decoration: underline; }
  jiyn-agenda { --jiyn-accent: rgb(106, 27, 154); --jiyn-radius: 4px; --jiyn-font: Arial, sans-serif; }
</style>
<script type="module" src="${jiyn.url}/embed.js"></script>
</head>
<body>
<h2 id="partner-heading">Partner</h2>
<div id="box" style="display: block; width: ${boxWidth}px">
  <jiyn-agenda feed="${feedUrl}" lang="kk"><a href="${feedUrl}">Programme</a></jiyn-agenda>
</div>
<p id="partner-text">Footer</p>
</body>
</html>
`;
}

function framePage() {
  const src = `${jiyn.url}/embed/agenda.html?feed=${encodeURIComponent(feedUrl)}&lang=ru`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Frame</title><link rel="icon" href="data:,">
<style> * { all: unset; } head, style, script, title { display: none; } html { font-size: 40px; }
  body { display: block; } iframe { display: block; border: 0; } </style>
</head><body>
<iframe id="frame" title="Programme" src="${src}" style="width: 1100px; height: 300px"></iframe>
<script>
  window.heights = [];
  addEventListener('message', (event) => {
    const frame = document.getElementById('frame');
    if (event.source !== frame.contentWindow || event.data?.type !== 'jiyn-height') return;
    window.heights.push(event.data.height);
    frame.style.height = Math.ceil(event.data.height) + 'px';
  });
</script>
</body></html>
`;
}

/** Widgets that cannot show a programme, each for another reason. */
function brokenPage() {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title><link rel="icon" href="data:,">
<script>
  window.errors = [];
  addEventListener('jiyn-agenda-error', (e) => window.errors.push([e.target.id, e.detail.code, e.detail.status ?? null]));
</script>
<script type="module" src="${jiyn.url}/embed.js"></script>
</head><body>
<jiyn-agenda id="garbage" feed="/not-a-feed.json" lang="kk"></jiyn-agenda>
<jiyn-agenda id="missing" feed="/missing.json" lang="kk"></jiyn-agenda>
<jiyn-agenda id="newer" feed="/newer.json" lang="ru"></jiyn-agenda>
<jiyn-agenda id="none" lang="en"></jiyn-agenda>
</body></html>
`;
}

/** A change carrying a whole new record, as a device's outbox holds it. */
function change(kind, record, n) {
  const hlc = `${String(Date.now()).padStart(13, '0')}-${String(n).padStart(5, '0')}-e2e-organizer`;
  const rec = { ...record, meta: { ...record.meta, created: hlc, hlc } };
  return {
    id: crypto.randomUUID(),
    kind,
    record: rec.meta.id,
    forum: rec.meta.forum,
    hlc,
    fields: Object.keys(rec).filter((k) => k !== 'meta').sort(),
    payload: JSON.stringify(rec),
  };
}

before(async () => {
  for (const f of ['embed.js', 'embed/agenda.js', 'embed/jiyn_embed.js', 'embed/jiyn_embed_bg.wasm', 'embed/agenda.html']) {
    if (!fs.existsSync(path.join(DIST_ROOT, f))) {
      throw new Error(`${f} is not in ${DIST_ROOT}: build with \`trunk build --release\` (its hook runs scripts/embed-build.sh)`);
    }
  }
  // The benchmark's forum (jiyn_embed::sample), pushed to a real sync server as the
  // organizer's device would.
  const text = execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'jiyn-embed', '--example', 'feeds', '--', 'records'], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  records = JSON.parse(text);
  sync = await startSyncServer({ corsOrigin: 'http://127.0.0.1:9' });
  const forum = records.forum.meta.id;
  const changes = [change('forum', records.forum, 0), ...records.sessions.map((s, i) => change('session', s, i + 1))];
  const r = await fetch(`${sync.url}/v1/forums/${forum}/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sync.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, device: 'e2e-organizer', changes }),
  });
  const pushed = await r.json();
  assert.equal(pushed.accepted?.length, 201, JSON.stringify(pushed).slice(0, 500));
  feedUrl = `${sync.url}/v1/forums/${forum}/agenda.json`;
  const got = await fetch(feedUrl);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('access-control-allow-origin'), '*');
  feed = await got.json();
  assert.equal(feed.sessions.length, 200);

  jiynStatic = await startServer({ root: DIST_ROOT, port: 0, host: '127.0.0.1' });
  jiyn = await startProxy(jiynStatic.url, '127.0.0.1');
  partnerDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'jiyn-e2e-agenda-partner-'));
  await fsp.writeFile(path.join(partnerDir, 'partner.html'), partnerPage(360));
  await fsp.writeFile(path.join(partnerDir, 'frame.html'), framePage());
  await fsp.writeFile(path.join(partnerDir, 'broken.html'), brokenPage());
  await fsp.writeFile(path.join(partnerDir, 'not-a-feed.json'), '<html>Not found</html>');
  await fsp.writeFile(path.join(partnerDir, 'newer.json'), JSON.stringify({ ...feed, version: 2 }));
  partnerStatic = await startServer({ root: partnerDir, port: 0, host: '127.0.0.2' });
  partner = await startProxy(partnerStatic.url, '127.0.0.2');
});

after(async () => {
  await partner?.close();
  await partnerStatic?.close();
  await jiyn?.close();
  await jiynStatic?.close();
  await sync?.close();
  if (partnerDir) await fsp.rm(partnerDir, { recursive: true, force: true });
});

const agenda = (page) => page.locator('jiyn-agenda');
const cards = (page) => page.locator('jiyn-agenda article.s:not([hidden])');

/** The feed's sessions (programme order) of a local date. */
function sessionsOn(date) {
  return feed.sessions.filter((s) => s.starts_at.startsWith(date));
}
const hhmm = (local) => local.slice(11, 16);

async function setBox(page, width) {
  await page.evaluate((w) => {
    document.getElementById('box').style.width = `${w}px`;
  }, width);
}

async function layoutOf(page) {
  return page.evaluate(() => document.querySelector('jiyn-agenda').shadowRoot.querySelector('.w').dataset.layout);
}

async function waitForLayout(page, layout) {
  await page.waitForFunction((l) => document.querySelector('jiyn-agenda')?.shadowRoot?.querySelector('.w')?.dataset.layout === l, layout);
}

/** Geometry checks inside the widget: nothing wider than it, nothing outside it. */
async function overflow(page) {
  return page.evaluate(() => {
    const host = document.querySelector('jiyn-agenda');
    const w = host.shadowRoot.querySelector('.w');
    const box = w.getBoundingClientRect();
    const outside = [...w.querySelectorAll('*')]
      .filter((e) => e.offsetParent !== null || e.getClientRects().length)
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
      .map(({ e, r }) => `${e.tagName}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    return { scroll: w.scrollWidth, client: w.clientWidth, hostWidth: host.getBoundingClientRect().width, outside: outside.slice(0, 5) };
  });
}

test('the widget on a hostile partner page: list at 360 px, grid by room at 1200 px, UTC+5 times, now/next, languages, no overflow from 200 to 1600 px', { timeout: 300_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
    await page.clock.setFixedTime(FIXED_NOW);
    await page.goto(`${partner.url}/partner.html`, { waitUntil: 'load' });
    await cards(page).first().waitFor({ timeout: 30_000 });

    // The day of the forum's clock is open: 67 sessions of 11 November.
    const day1 = sessionsOn('2025-11-11');
    await page.waitForFunction((n) => document.querySelector('jiyn-agenda').shadowRoot.querySelectorAll('article.s:not([hidden])').length === n, day1.length);
    assert.equal(await layoutOf(page), 'list');

    // The host page's CSS does not reach inside, and the widget's does not leak out.
    const look = await page.evaluate(() => {
      const host = document.querySelector('jiyn-agenda');
      const s = host.shadowRoot;
      const cs = (e) => getComputedStyle(e);
      const title = s.querySelector('.title');
      const card = s.querySelector('article.s:not([hidden])');
      return {
        hostDisplay: cs(host).display,
        rootFont: cs(s.querySelector('.w')).fontSize,
        titleFont: cs(title).fontSize,
        cardTitleFont: cs(card.querySelector('h3')).fontSize,
        transform: cs(title).textTransform,
        spacing: cs(title).letterSpacing,
        decoration: cs(card.querySelector('h3')).textDecorationLine,
        family: cs(title).fontFamily,
        accent: cs(s.querySelector('.langs button[aria-pressed=true]')).backgroundColor,
        fallbackLinkShown: host.querySelector('a').getClientRects().length > 0,
        partnerHeading: cs(document.getElementById('partner-heading')).fontSize,
        partnerColor: cs(document.getElementById('partner-text')).color,
      };
    });
    assert.equal(look.hostDisplay, 'flow-root');
    assert.equal(look.rootFont, '16px', 'the 40px root font and 72px text do not reach inside');
    assert.equal(look.titleFont, '20px');
    assert.equal(look.cardTitleFont, '16px');
    assert.equal(look.transform, 'none');
    assert.equal(look.spacing, 'normal');
    assert.equal(look.decoration, 'none');
    assert.match(look.family, /Arial/, 'the partner themes the font through --jiyn-font');
    assert.equal(look.accent, 'rgb(106, 27, 154)', 'and the accent through --jiyn-accent');
    assert.equal(look.fallbackLinkShown, false, 'the fallback link inside the element is replaced');
    assert.equal(look.partnerHeading, '72px');
    assert.equal(look.partnerColor, 'rgb(0, 255, 0)');
    // Text decorations propagate to in-flow boxes whatever their own style: the page's
    // underline on the container must not draw through the widget.
    const titleShot = () => agenda(page).locator('.title').screenshot({ animations: 'disabled' });
    const hostile = await titleShot();
    await page.evaluate(() => document.getElementById('box').style.setProperty('text-decoration', 'none', 'important'));
    assert.ok(hostile.equals(await titleShot()), "the page's underline does not reach the widget");
    await page.evaluate(() => document.getElementById('box').style.removeProperty('text-decoration'));

    // 360 px: a list, one card under the other, inside the container.
    const list = await cards(page).evaluateAll((els) => els.slice(0, 6).map((e) => e.getBoundingClientRect().toJSON()));
    for (let i = 1; i < list.length; i++) {
      assert.ok(list[i].top >= list[i - 1].bottom - 1, `card ${i} is below card ${i - 1}`);
      assert.ok(Math.abs(list[i].left - list[0].left) < 1, 'cards share the left edge');
    }
    let o = await overflow(page);
    assert.equal(o.hostWidth, 360);
    assert.ok(o.scroll <= o.client + 1 && o.outside.length === 0, JSON.stringify(o));

    // Times: the forum's wall clock, Almaty UTC+5.
    const shown = await cards(page).evaluateAll((els) =>
      els.map((e) => ({ id: e.dataset.id, times: [...e.querySelectorAll('.tm time')].map((t) => t.textContent) })),
    );
    assert.equal(shown.length, day1.length);
    shown.forEach((c, i) => {
      assert.equal(c.id, day1[i].id);
      assert.deepEqual(c.times, [hhmm(day1[i].starts_at), hhmm(day1[i].ends_at)]);
      const utc = new Date(day1[i].starts_at_utc);
      assert.equal((Date.parse(`${day1[i].starts_at}Z`) - utc) / 3_600_000, 5, 'the feed says UTC+5');
    });
    assert.equal(shown[0].times[0], '09:00');
    assert.match(await agenda(page).locator('.foot').textContent(), /Asia\/Almaty \(UTC\+05:00\)/);

    // Now and next at 05:10 UTC = 10:10 in Almaty (UTC+6, as an outdated zone table has
    // it, would be 11:10 and list other sessions).
    const nowIds = day1.filter((s) => s.starts_at <= LOCAL_NOW && LOCAL_NOW < s.ends_at);
    assert.ok(nowIds.length > 0);
    const onNow = await page.evaluate(() =>
      [...document.querySelector('jiyn-agenda').shadowRoot.querySelectorAll('article.s.on')].map((e) => e.dataset.id),
    );
    assert.deepEqual(onNow, nowIds.map((s) => s.id));
    const nowBox = agenda(page).locator('.nn .now');
    assert.equal(await nowBox.locator('h3').textContent(), 'Қазір');
    const firstNow = await nowBox.locator('li .t').first().textContent();
    assert.equal(firstNow, nowIds[0].title.kk);
    const nextStart = day1.map((s) => s.starts_at).filter((t) => t > LOCAL_NOW).sort()[0];
    assert.equal(await agenda(page).locator('.nn .next li .tm').first().textContent(), hhmm(nextStart));
    await screenshot(page, 'embed-agenda-360-kk');

    // 1200 px: a grid, one column per room, later sessions lower.
    await setBox(page, 1200);
    await waitForLayout(page, 'grid');
    const grid = await page.evaluate(() => {
      const s = document.querySelector('jiyn-agenda').shadowRoot;
      const heads = [...s.querySelectorAll('.ch:not([hidden])')].map((h) => ({ text: h.firstChild.textContent, x: h.getBoundingClientRect().left, bottom: h.getBoundingClientRect().bottom }));
      const cards = [...s.querySelectorAll('article.s:not([hidden])')].map((e) => ({ id: e.dataset.id, r: e.getBoundingClientRect().toJSON() }));
      return { heads, cards };
    });
    assert.deepEqual(grid.heads.map((h) => h.text), ['1-зал', '2-зал', '3-зал', '4-зал', '5-зал', '6-зал', '7-зал', '8-зал']);
    const byId = new Map(day1.map((s) => [s.id, s]));
    const colX = new Map();
    for (const c of grid.cards) {
      const s = byId.get(c.id);
      const room = s.room.name.kk;
      const head = grid.heads.find((h) => h.text === room);
      assert.ok(Math.abs(c.r.left - head.x) < 2, `${s.title.kk} sits under ${room}`);
      assert.ok(c.r.top >= head.bottom - 1, `${s.title.kk} starts below the column heads`);
      colX.set(room, c.r.left);
    }
    assert.equal(new Set(colX.values()).size, 8);
    const hall1 = grid.cards.filter((c) => byId.get(c.id).room.name.kk === '1-зал');
    for (let i = 1; i < hall1.length; i++) assert.ok(hall1[i].r.top >= hall1[i - 1].r.bottom - 1, 'time runs down');
    o = await overflow(page);
    assert.ok(o.scroll <= o.client + 1 && o.outside.length === 0, JSON.stringify(o));
    await screenshot(page, 'embed-agenda-1200-kk');

    // The container decides, not the window: a 700 px box in the same 1280 px window lists.
    await setBox(page, 700);
    await waitForLayout(page, 'list');

    // Languages: the switch, the attribute, a title only in Russian marked as such.
    await agenda(page).locator('.langs button[data-lang=en]').click();
    await agenda(page).locator('.title', { hasText: 'Almaty Youth Forum 2025' }).waitFor();
    assert.equal(await agenda(page).getAttribute('lang'), 'en');
    assert.equal(await agenda(page).locator('.nn .now h3').textContent(), 'Now');
    const onlyRu = day1.find((s) => !s.title.kk && !s.title.en);
    const ruTitle = agenda(page).locator(`article[data-id="${onlyRu.id}"] h3`);
    assert.equal(await ruTitle.textContent(), onlyRu.title.ru);
    assert.equal(await ruTitle.getAttribute('lang'), 'ru');
    await agenda(page).locator('.langs button[data-lang=ru]').click();
    await agenda(page).locator('.title', { hasText: 'Молодёжный форум Алматы 2025' }).waitFor();
    assert.equal(await agenda(page).locator('.count').textContent(), `Показано ${day1.length} из ${day1.length}`);
    await setBox(page, 360);
    await waitForLayout(page, 'list');
    await screenshot(page, 'embed-agenda-360-ru');

    // Filters: a kind, then a search; only the wasm's answer is shown.
    await agenda(page).locator('select').nth(0).selectOption({ label: 'Тренинг' });
    const training = day1.filter((s) => s.kind === 'training');
    assert.equal(await cards(page).count(), training.length);
    assert.deepEqual(await cards(page).evaluateAll((els) => els.map((e) => e.dataset.id)), training.map((s) => s.id));
    await agenda(page).locator('input[type=search]').fill('ЦИФРЛЫҚ');
    const digital = training.filter((s) => s.title.kk.includes('Цифрлық'));
    assert.equal(await cards(page).count(), digital.length);
    await agenda(page).locator('button.reset').click();
    assert.equal(await cards(page).count(), day1.length);
    await agenda(page).locator('.days button').nth(1).click();
    assert.equal(await cards(page).count(), sessionsOn('2025-11-12').length);
    await agenda(page).locator('.days button').nth(0).click();

    // Bookmarks: kept per forum in this site's storage, "my programme" shows them.
    const first = cards(page).first();
    await first.locator('button.bm').click();
    assert.equal(await first.locator('button.bm').getAttribute('aria-pressed'), 'true');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), `jiyn-embed:bookmarks:${feed.forum.id}`);
    assert.deepEqual(stored, [day1[0].id]);
    await agenda(page).locator('button.mine').click();
    assert.equal(await cards(page).count(), 1);
    await agenda(page).locator('button.mine').click();

    // The keyboard: from the partner's heading, Tab reaches the widget's first control
    // (the language switch), focus is visible, Enter works.
    await page.locator('#partner-heading').click();
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const a = document.querySelector('jiyn-agenda').shadowRoot.activeElement;
      if (!a) return null;
      const cs = getComputedStyle(a);
      return { lang: a.dataset.lang, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
    });
    assert.deepEqual(focus, { lang: 'kk', outline: 'solid', width: 3 });
    await page.keyboard.press('Enter');
    await agenda(page).locator('.title', { hasText: 'Алматы жастар форумы 2025' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // ENG
    await agenda(page).locator('.title', { hasText: 'Almaty Youth Forum 2025' }).waitFor();
    await agenda(page).locator('.langs button[data-lang=kk]').click();

    // Every width from 200 to 1600 px: laid out inside the container, no error.
    await page.setViewportSize({ width: 1700, height: 900 });
    for (const w of WIDTHS) {
      await setBox(page, w);
      // 8 rooms need 56 + 8 × 112 = 952 px for the grid.
      await waitForLayout(page, w >= 952 ? 'grid' : 'list');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      o = await overflow(page);
      assert.ok(Math.abs(o.hostWidth - w) < 1, `host ${o.hostWidth} at ${w}`);
      assert.ok(o.scroll <= o.client + 1 && o.outside.length === 0, `${w}px: ${JSON.stringify(o)}`);
    }
    await setBox(page, 200);
    await page.setViewportSize({ width: 240, height: 900 });
    await screenshot(page, 'embed-agenda-200-kk');
  });
});

test('offline, the page opened again shows the saved programme marked as possibly outdated', { timeout: 300_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 400, height: 900 } }, async ({ context, page, consoleErrors }) => {
    await page.clock.setFixedTime(FIXED_NOW);
    await page.goto(`${partner.url}/partner.html`, { waitUntil: 'load' });
    await cards(page).first().waitFor({ timeout: 30_000 });
    const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), `jiyn-embed:feed:${feedUrl}`);
    assert.ok(saved.fetchedAt > 0 && saved.text.includes('"jiyn-agenda"'));
    assert.equal(await agenda(page).locator('.note').isVisible(), false);

    await context.setOffline(true);
    await page.goto(`${partner.url}/partner.html`, { waitUntil: 'load' });
    const note = agenda(page).locator('.note');
    await note.waitFor();
    assert.match(await note.textContent(), /ескірген болуы мүмкін/);
    assert.equal(await cards(page).count(), sessionsOn('2025-11-11').length);
    await agenda(page).locator('.langs button[data-lang=ru]').click();
    assert.match(await note.textContent(), /может быть устаревшей/);
    await agenda(page).locator('.langs button[data-lang=en]').click();
    assert.match(await note.textContent(), /may be outdated/);
    await screenshot(page, 'embed-agenda-offline-en');

    // Back online: the widget asks again and the mark goes.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await note.waitFor({ state: 'hidden' });
    // The failed fetches are the browser's own lines, not the widget's errors.
    const own = consoleErrors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));
    consoleErrors.length = 0;
    consoleErrors.push(...own);
  });
});

/**
 * The last height the frame reported, once it has not changed for 600 ms (cards skipped
 * off-screen are measured when they come into the frame's view, so the height settles
 * over a few rounds) and the parent has applied it.
 */
async function settledHeight(page, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const h = await page.evaluate(() => window.heights.at(-1));
    if (h !== last) {
      last = h;
      since = Date.now();
    } else if (Date.now() - since > 600) {
      const frame = await page.evaluate(() => document.getElementById('frame').getBoundingClientRect().height);
      if (Math.abs(frame - h) < 1) return h;
    }
    if (Date.now() > deadline) throw new Error(`the frame's height never settled (last ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the iframe page shows the widget and tells the parent its height', { timeout: 120_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
    await page.clock.setFixedTime(FIXED_NOW);
    await page.goto(`${partner.url}/frame.html`, { waitUntil: 'load' });
    const frame = page.frameLocator('#frame');
    await frame.locator('jiyn-agenda article.s').first().waitFor({ timeout: 30_000 });
    await frame.locator('jiyn-agenda .title', { hasText: 'Молодёжный форум Алматы 2025' }).waitFor();
    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 300);
    const inner = page.frames().find((f) => f.url().includes('/embed/agenda.html'));
    const check = async () => {
      const h = await page.evaluate(() => window.heights.at(-1));
      const frameBox = await page.locator('#frame').boundingBox();
      const doc = await inner.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
      return { h, frame: frameBox.height, doc };
    };
    await settledHeight(page);
    let c = await check();
    assert.ok(c.doc.scroll <= c.doc.client + 1, `no inner scrollbar: ${JSON.stringify(c)}`);
    const frameLayout = () => inner.evaluate(() => document.querySelector('jiyn-agenda').shadowRoot.querySelector('.w').dataset.layout);
    assert.equal(await frameLayout(), 'grid', 'a 1100 px frame has room for 8 rooms');

    // Narrower frame: a list, the frame reports a taller height.
    const before = c.h;
    await page.evaluate(() => {
      document.getElementById('frame').style.width = '360px';
    });
    await page.waitForFunction((b) => window.heights.at(-1) > b, before);
    await settledHeight(page);
    c = await check();
    assert.ok(c.doc.scroll <= c.doc.client + 1, `no inner scrollbar at 360 px: ${JSON.stringify(c)}`);
    assert.equal(await frameLayout(), 'list');
    // Filtering shrinks it again.
    await inner.locator('jiyn-agenda input[type=search]').fill('нет такого');
    await page.waitForFunction((b) => window.heights.at(-1) < b, c.h);
    await screenshot(page, 'embed-agenda-iframe');
  });
});

test("what cannot be shown is said in the reader's language", { timeout: 120_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 500, height: 900 } }, async ({ page, consoleErrors }) => {
    await page.goto(`${partner.url}/broken.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.errors.length === 4);
    const errors = await page.evaluate(() => window.errors.sort());
    assert.deepEqual(errors, [
      ['garbage', 'not_json', null],
      ['missing', 'http', 404],
      ['newer', 'newer', null],
      ['none', 'nofeed', null],
    ]);
    const note = (id) => page.locator(`#${id} .note`).textContent();
    assert.equal(await note('garbage'), 'Бағдарлама файлы оқылмады (JSON емес).');
    assert.equal(await note('missing'), 'Бағдарлама жүктелмеді: сервер 404 кодымен жауап берді.');
    assert.equal(await note('newer'), 'Программа сделана более новой версией Jiyn; этот виджет её не читает.');
    assert.equal(await note('none'), 'No programme address given (the feed attribute).');
    assert.equal(await page.locator('#garbage .note').getAttribute('role'), 'alert');
    assert.equal(await page.locator('jiyn-agenda article.s').count(), 0);
    await page.locator('#garbage .langs button[data-lang=en]').click();
    assert.equal(await note('garbage'), 'The programme file could not be read (not JSON).');
    // The 404 is the browser's own console line, not the widget's.
    const own = consoleErrors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));
    consoleErrors.length = 0;
    consoleErrors.push(...own);
  });
});
