// Sync, end to end, against the real server (crates/server) on a real SQLite file:
// - three browsers go offline, each makes 1,000 mixed desk changes (walk-ins,
//   check-ins, undos, edits, a third of them on the same 20 people), then sync in random
//   order through a proxy that cuts pushes off after the server stored them, answers 503
//   and answers garbage: all three end identical, nothing lost, nothing doubled;
// - the review after sync shows a person registered at two desks and people checked in
//   at two desks, and the merge keeps both histories;
// - with no server at all, files carried between two browsers give the same result,
//   and importing a file twice changes nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';

import { startServer } from './server.mjs';
import { launchBrowser, formatErrors, screenshot } from './lib/browser.mjs';
import { startSyncServer, startFlakyProxy, configureSyncAt, syncRound } from './lib/sync.mjs';
import { ensureServiceWorkerControl } from './lib/offline.mjs';
import { DIST_ROOT, openApp, loadDemo, waitForEmptyState, expectCardWithText, expectForumTitle } from './lib/app.mjs';

const CHURN = Number(process.env.JIYN_SYNC_CHURN || 1000);
const TEST_TIMEOUT = 900_000;

let app;
before(async () => {
  app = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await app?.close();
});

/** Calls one of the app's e2e hooks (src/e2e_hooks.rs). */
async function hook(page, name, ...args) {
  return JSON.parse(await page.evaluate(([n, a]) => window.wasmBindings[n](...a), [name, args]));
}

async function digest(page) {
  return hook(page, 'e2e_digest');
}

/** Settings → Sync: fill in, test, save and turn on. */
function configureSync(page, url, token) {
  return configureSyncAt(page, app.url, url, token);
}

async function oralForumId(page) {
  await openApp(page, app.url);
  await (await expectCardWithText(page, 'Орал')).click();
  await expectForumTitle(page, 'Орал');
  return new URL(page.url()).pathname.split('/')[2];
}

async function walkIn(page, forum, name, phone) {
  await openApp(page, app.url, `/forum/${forum}/desk/new`);
  await page.locator('[data-testid=wi-name]').fill(name);
  await page.locator('[data-testid=wi-phone]').fill(phone);
  await page.locator('[data-testid=wi-year]').fill('2002');
  await page.locator('[data-testid=wi-consent]').check();
  await page.locator('[data-testid=wi-submit]').click();
  await page.locator('[data-testid=walk-in-done]').waitFor();
}

async function setDeskName(page, forum, name) {
  await openApp(page, app.url, `/forum/${forum}/desk`);
  await page.locator('[data-testid=desk-total]').waitFor({ timeout: 30_000 });
  const field = page.locator('[data-testid=desk-name]');
  if (await field.isVisible()) {
    await field.fill(name);
    await field.press('Enter');
    await page.locator('[data-testid=desk-name-shown]', { hasText: name }).waitFor();
  }
}

test('three offline desks make 1,000 changes each and converge through the real server', { timeout: TEST_TIMEOUT }, async (t) => {
  const server = await startSyncServer({ corsOrigin: app.url });
  const proxy = await startFlakyProxy(server.url, { seed: 20261122 });
  const browsers = [];
  try {
    for (let i = 0; i < 3; i++) browsers.push(await launchBrowser());
    const [a, b, c] = browsers.map((x) => x.page);

    // Desk A has the forum (the demo); B and C start empty and get it by sync.
    await openApp(a, app.url);
    await loadDemo(a);
    const forum = await oralForumId(a);
    await configureSync(a, proxy.url, server.token);
    // The demo arrived before sync was on: send it all once.
    await a.locator('[data-testid=sync-send-all]').click();
    await a.locator('[data-testid=sync-send-all-result]', { hasText: /\d/ }).waitFor();
    for (let i = 0; i < 40 && (await syncRound(a)).pending > 0; i++);
    for (const p of [b, c]) {
      await openApp(p, app.url);
      await waitForEmptyState(p);
      await configureSync(p, proxy.url, server.token);
      for (let i = 0; i < 40; i++) {
        const s = await syncRound(p);
        if (s.error === '' && (await digest(p)).participants === (await digest(a)).participants) break;
      }
    }
    const base = await digest(a);
    assert.ok(base.participants > 100, `the demo forum arrived: ${JSON.stringify(base)}`);
    assert.equal((await digest(b)).participants, base.participants, 'B pulled the forum');
    assert.equal((await digest(c)).participants, base.participants, 'C pulled the forum');

    // The same person registered at two desks, and then all three go offline.
    await setDeskName(a, forum, 'Кіреберіс A');
    await setDeskName(b, forum, 'Кіреберіс B');
    await walkIn(a, forum, 'Дана Серікова', '87015550011');
    await walkIn(b, forum, 'Серікова Дана', '+7 701 555 00 11');
    for (const x of browsers) await x.context.setOffline(true);

    const started = Date.now();
    const made = await Promise.all([a, b, c].map((p, i) => hook(p, 'e2e_churn', forum, CHURN, 101 + i)));
    const churnMs = Date.now() - started;
    const pendingOffline = await Promise.all([a, b, c].map(async (p) => (await digest(p)).pending));
    pendingOffline.forEach((n) => assert.ok(n >= CHURN, `offline changes wait in the outbox: ${n}`));

    // Online again, in random order; sync rounds in random order until all agree.
    const order = [2, 0, 1];
    for (const i of order) await browsers[i].context.setOffline(false);
    let rounds = 0;
    let states = [];
    for (; rounds < 30; rounds++) {
      if (rounds === 20) proxy.behave();
      const shuffled = [0, 1, 2].sort(() => (rounds * 7919 + 13) % 3 - 1);
      for (const i of shuffled) await syncRound(browsers[i].page);
      states = await Promise.all([a, b, c].map(digest));
      if (states.every((s) => s.pending === 0 && s.digest === states[0].digest)) break;
    }
    t.diagnostic(`churn ${JSON.stringify(made)} in ${churnMs} ms; rounds ${rounds + 1}; proxy ${JSON.stringify(proxy.stats)}`);
    assert.ok(states.every((s) => s.pending === 0), `every outbox empty: ${JSON.stringify(states)}`);
    assert.ok(states.every((s) => s.digest === states[0].digest), `identical everywhere: ${JSON.stringify(states)}`);

    // Nothing lost, nothing doubled: exactly the records that were written.
    const walkIns = made.reduce((n, m) => n + m.walk_ins, 0);
    assert.equal(states[0].participants, base.participants + 2 + walkIns, 'every walk-in, once');
    const events = made.reduce((n, m) => n + m.check_ins + m.undos, 0);
    assert.ok(states[0].check_ins >= base.check_ins + 2 + events, 'every check-in event (plus walk-ins checked in on arrival)');
    assert.ok(states[0].check_ins <= base.check_ins + 2 + events + walkIns, 'no event doubled');
    assert.ok(proxy.stats.cut > 0 && proxy.stats.duplicate > 0, `retried pushes were answered "duplicate": ${JSON.stringify(proxy.stats)}`);
    assert.ok(proxy.stats.garbage + proxy.stats.failed > 0, 'bad answers were survived');

    // The review after sync: Дана at two desks, and people checked in at two desks.
    await openApp(a, app.url, `/forum/${forum}/review`);
    const pair = a.locator('[data-testid=review-pair]').filter({ hasText: 'Серікова' });
    await pair.waitFor();
    assert.ok((await a.locator('[data-testid=review-double]').count()) > 0, 'check-ins at two desks are shown');
    await screenshot(a, 'sync-review-1280', { fullPage: false });
    await a.setViewportSize({ width: 360, height: 800 });
    await screenshot(a, 'sync-review-360', { fullPage: false });
    assert.ok((await a.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the review fits 360 px');
    await a.setViewportSize({ width: 1280, height: 900 });
    const before = await digest(a);
    await pair.locator('[data-testid=review-merge]').click();
    await a.locator('[data-testid=review-merged]').waitFor();
    await a.locator('[data-testid=review-pair]').filter({ hasText: 'Серікова' }).waitFor({ state: 'detached' });
    const after = await digest(a);
    assert.equal(after.participants, before.participants, 'the merged-in record is tombstoned, not erased');
    assert.equal(after.check_ins, before.check_ins, 'both histories kept: no event lost');

    // The merge reaches the other desks like any change.
    for (let i = 0; i < 10; i++) {
      for (const p of [a, b, c]) await syncRound(p);
      states = await Promise.all([a, b, c].map(digest));
      if (states.every((s) => s.pending === 0 && s.digest === states[0].digest)) break;
    }
    assert.ok(states.every((s) => s.digest === states[0].digest), 'identical after the merge');
    for (const x of browsers) {
      assert.deepEqual(x.consoleErrors.filter((e) => !/Failed to load resource|net::ERR/.test(e)), [], formatErrors(x.consoleErrors));
    }
  } catch (err) {
    for (const [i, x] of browsers.entries()) await screenshot(x.page, `failure-sync-${i}`).catch(() => {});
    t.diagnostic(`server log:\n${server.log()}`);
    throw err;
  } finally {
    for (const x of browsers) await x.close();
    await proxy.close();
    await server.close();
  }
});

test('no network at all: files carried between two desks converge, and a file imported twice changes nothing', { timeout: TEST_TIMEOUT }, async () => {
  const browsers = [await launchBrowser(), await launchBrowser()];
  const tmp = await fsp.mkdtemp('/tmp/jiyn-e2e-exchange-');
  try {
    const [a, b] = browsers.map((x) => x.page);
    await openApp(a, app.url);
    await loadDemo(a);
    const forum = await oralForumId(a);
    await openApp(b, app.url);
    await waitForEmptyState(b);
    // From here on neither browser has any network: the app comes from its service
    // worker, and files are the only way between the two.
    for (const p of [a, b]) await ensureServiceWorkerControl(p);
    for (const x of browsers) await x.context.setOffline(true);

    const exported = [];
    async function exportChanges(page, everything = false) {
      await openApp(page, app.url, '/settings');
      const box = page.locator('[data-testid=exchange-everything]');
      if (everything) await box.check();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=exchange-export]').click()]);
      const file = `${tmp}/${exported.length}-${download.suggestedFilename()}`;
      await download.saveAs(file);
      const result = page.locator('[data-testid=exchange-result]', { hasText: /\d/ });
      await result.waitFor();
      exported.push(`${await result.textContent()} (${(await fsp.stat(file)).size} bytes)`);
      return file;
    }
    async function importFile(page, file) {
      await openApp(page, app.url, '/settings');
      await page.locator('[data-testid=exchange-file]').setInputFiles(file);
      const result = page.locator('[data-testid=exchange-import-result]');
      await result.waitFor({ timeout: 60_000 });
      return { added: Number(await result.getAttribute('data-added')), updated: Number(await result.getAttribute('data-updated')) };
    }

    // A hands everything to B.
    const first = await exportChanges(a, true);
    const got = await importFile(b, first);
    assert.ok(got.added > 100, `B got the forum: ${JSON.stringify(got)}`);
    const again = await importFile(b, first);
    assert.deepEqual(again, { added: 0, updated: 0 }, 'the same file twice changes nothing');

    // Both work offline, then swap "changes since the last exchange" both ways.
    await Promise.all([a, b].map((p, i) => hook(p, 'e2e_churn', forum, 300, 201 + i)));
    const fromA = await exportChanges(a);
    const fromB = await exportChanges(b);
    await importFile(b, fromA);
    await importFile(a, fromB);
    const [da, db] = await Promise.all([a, b].map(digest));
    assert.equal(da.digest, db.digest, `identical after swapping files: ${JSON.stringify([da, db])}`);
    assert.ok((await fsp.stat(fromA)).size < (await fsp.stat(first)).size / 2, `a "since last exchange" file holds only the changes: ${exported.join('; ')}`);

    // A damaged file is refused whole.
    const text = await fsp.readFile(fromA, 'utf8');
    await fsp.writeFile(`${tmp}/cut.jiyn.json`, text.slice(0, text.length / 2));
    await openApp(b, app.url, '/settings');
    await b.locator('[data-testid=exchange-file]').setInputFiles(`${tmp}/cut.jiyn.json`);
    await b.locator('[data-testid=exchange-import-error]').waitFor();
    assert.equal((await digest(b)).digest, db.digest, 'nothing changed');
  } finally {
    for (const x of browsers) await x.close();
    await fsp.rm(tmp, { recursive: true, force: true });
  }
});

test('one tab of a browser syncs; another tab shows its status, and takes over when it closes', { timeout: TEST_TIMEOUT }, async () => {
  const server = await startSyncServer({ corsOrigin: app.url });
  const b = await launchBrowser();
  try {
    const first = b.page;
    await openApp(first, app.url);
    await waitForEmptyState(first);
    await configureSync(first, server.url, server.token);
    await syncRound(first);
    const second = await b.context.newPage();
    await openApp(second, app.url, '/settings');
    await second.locator('[data-testid=sync-state].ok').waitFor();
    const locks = async (page) =>
      page.evaluate(async () => {
        const q = await navigator.locks.query();
        const mine = (list) => list.filter((l) => l.name === 'jiyn-sync').length;
        return { held: mine(q.held), pending: mine(q.pending) };
      });
    assert.deepEqual(await locks(second), { held: 1, pending: 1 }, 'one tab holds the sync lock, the other waits');

    // "Sync now" in the waiting tab reaches the leader; its status comes back.
    const before = await first.locator('[data-testid=sync-line] p').textContent();
    await second.locator('[data-testid=sync-now]').click();
    await second.waitForFunction(
      () => /\d\d:\d\d/.test(document.querySelector('[data-testid=sync-line] p')?.textContent ?? ''),
      null,
      { timeout: 30_000 },
    );
    assert.ok(before.length > 0);

    // The leader closes: the other tab takes the lock and syncs on its own.
    await first.close();
    await second.waitForFunction(
      async () => {
        const q = await navigator.locks.query();
        return q.held.filter((l) => l.name === 'jiyn-sync').length === 1 && q.pending.filter((l) => l.name === 'jiyn-sync').length === 0;
      },
      null,
      { timeout: 30_000, polling: 200 },
    );
    const s = await syncRound(second);
    assert.equal(s.error, '', 'the new leader syncs');
  } finally {
    await b.close();
    await server.close();
  }
});
