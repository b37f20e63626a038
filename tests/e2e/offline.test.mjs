// Offline and installable-app end-to-end tests for Jiyn (see docs/offline.md).
//
// Run from tests/e2e with `npm test` (or `node --test --test-reporter=spec`).
// Needs the trunk build in dist/ (override with JIYN_E2E_ROOT); the
// trunk post_build hook (scripts/sw-build.mjs) must have filled in dist/sw.js.
// Every test has its own server (the offline tests stop it) and its own fresh
// Chromium profile (fresh IndexedDB and service-worker registry).
//
// The app registers /sw.js itself; until it does, ensureServiceWorkerControl()
// registers it from the test and says so in a diagnostic line. Set
// JIYN_E2E_REQUIRE_APP_SW=1 to make a missing registration by the app a failure.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { launchBrowser, screenshot, formatErrors } from './lib/browser.mjs';
import {
  DIST_ROOT,
  FIRST_LOAD_TIMEOUT,
  UI_TIMEOUT,
  SEL,
  openApp,
  waitForEmptyState,
  waitForForumCards,
  expectCardWithText,
  expectForumTitle,
  switchLanguage,
} from './lib/app.mjs';
import {
  OFFLINE_SEL,
  SW_URL,
  ensureServiceWorkerControl,
  isControlled,
  openDatabaseVersion,
  pngSize,
  poll,
} from './lib/offline.mjs';

const TEST_TIMEOUT = 180_000;

/** The app's IndexedDB database (src/store/schema.rs). */
const DB_NAME = 'jiyn';

/**
 * Console errors that going offline causes by design, and nothing else: a
 * resource the page asks the network for while the network is gone. Only
 * errors recorded after the test went offline are matched against this.
 */
const EXPECTED_OFFLINE_ERROR =
  /^console\.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED( \(http:\/\/127\.0\.0\.1:\d+\/[^)]*\))?$/;

/**
 * Run `fn` with a server of its own and a fresh browser profile. On failure,
 * save a screenshot and report console errors; always close both.
 */
async function withSession(t, browserOptions, fn, { root = DIST_ROOT } = {}) {
  const server = await startServer({ root, port: 0 });
  let session;
  try {
    session = await launchBrowser(browserOptions);
    await fn({ ...session, server });
  } catch (err) {
    if (session) {
      const slug = t.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
      try {
        const file = await screenshot(session.page, `failure-${slug}`);
        t.diagnostic(`screenshot: ${file}`);
      } catch (shotErr) {
        t.diagnostic(`screenshot failed: ${shotErr.message}`);
      }
      if (session.consoleErrors.length > 0) {
        t.diagnostic(`console errors:\n${formatErrors(session.consoleErrors)}`);
      }
    }
    throw err;
  } finally {
    await session?.close();
    await server.close();
  }
}

function assertNoConsoleErrors(consoleErrors) {
  assert.deepEqual(
    consoleErrors,
    [],
    `expected no console errors, got ${consoleErrors.length}:\n${formatErrors(consoleErrors)}`,
  );
}

/** First start → load the demo → open the Oral forum. Returns the forum's URL path. */
async function openOralForum(page) {
  await page.locator(SEL.loadDemo).click();
  await waitForForumCards(page);
  const card = await expectCardWithText(page, 'Орал');
  await card.click();
  await expectForumTitle(page, 'Орал');
  const { pathname } = new URL(page.url());
  assert.ok(pathname.startsWith('/forum/'), `URL path ${pathname} should start with /forum/`);
  return pathname;
}

/** One diagnostic line about who registered the worker and what the page did. */
function describeWorker(sw) {
  return (
    `${sw.scriptURL} registered by the ${sw.registeredBy}` +
    (sw.reloaded ? '; the test reloaded to get a controller' : '') +
    (sw.selfNavigations > 0 ? `; the page navigated ${sw.selfNavigations} time(s) by itself` : '')
  );
}

/** Cut the page off: stop the server AND switch the context offline. */
async function goOffline(server, context) {
  await server.close();
  await context.setOffline(true);
}

test('reload offline shows the app and its data from the service worker', { timeout: TEST_TIMEOUT }, async (t) => {
  await withSession(t, {}, async ({ page, context, consoleErrors, server }) => {
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    const sw = await ensureServiceWorkerControl(page);
    t.diagnostic(describeWorker(sw));
    assert.equal(new URL(sw.scriptURL).pathname, SW_URL, 'the worker script');
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    const pathname = await openOralForum(page);
    assert.ok(await isControlled(page), 'a service worker controls the page before going offline');

    const errorsOnline = consoleErrors.length;
    await goOffline(server, context);

    const response = await page.reload({ waitUntil: 'load' });
    assert.ok(response, 'the offline reload has a navigation response');
    assert.ok(response.fromServiceWorker(), 'the offline navigation response comes from the service worker');
    assert.equal(response.status(), 200, 'the cached shell answers 200');

    // The shell comes from the worker's cache, the forum from IndexedDB.
    await expectForumTitle(page, 'Орал', FIRST_LOAD_TIMEOUT);
    assert.equal(new URL(page.url()).pathname, pathname, 'the offline reload keeps the forum URL');
    assert.ok(await isControlled(page), 'still controlled after the offline reload');

    const unexpected = consoleErrors.filter((e, i) => i < errorsOnline || !EXPECTED_OFFLINE_ERROR.test(e));
    const expected = consoleErrors.length - unexpected.length;
    if (expected > 0) t.diagnostic(`${expected} expected offline network error(s) ignored`);
    assertNoConsoleErrors(unexpected);
  });
});

test('the first install takes control without reloading the page', { timeout: TEST_TIMEOUT }, async (t) => {
  await withSession(t, {}, async ({ page, consoleErrors, server }) => {
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    // The worker claims the page on activate, which fires `controllerchange`.
    // The page must not reload on that one (docs/offline.md, contract 5): a
    // reload there would interrupt whatever the user does on the first start.
    const sw = await ensureServiceWorkerControl(page);
    t.diagnostic(describeWorker(sw));
    assert.equal(sw.reloaded, false, 'clients.claim() gives the page a controller without a reload');
    assert.equal(
      navigations,
      1,
      'the page navigated only once (the test opening it); ' +
        'it must reload on controllerchange only after it sent SKIP_WAITING itself',
    );
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    assertNoConsoleErrors(consoleErrors);
  });
});

test('with service workers blocked the same offline reload fails', { timeout: TEST_TIMEOUT }, async (t) => {
  await withSession(t, { serviceWorkers: 'block' }, async ({ page, context, server }) => {
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    await openOralForum(page);
    assert.equal(await isControlled(page), false, 'no service worker may control the page here');

    await goOffline(server, context);

    let navigationError = null;
    try {
      await page.reload({ waitUntil: 'load', timeout: UI_TIMEOUT });
    } catch (err) {
      navigationError = err;
    }
    if (navigationError) {
      t.diagnostic(`offline reload failed as expected: ${navigationError.message.split('\n')[0]}`);
      assert.match(navigationError.message, /net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_REFUSED/);
    }
    const titleShown = await page
      .locator(SEL.forumTitle)
      .filter({ hasText: 'Орал' })
      .first()
      .waitFor({ state: 'visible', timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
    assert.equal(titleShown, false, 'without a service worker the offline reload must not show the forum');
  });
});

test('with service workers blocked the app starts without errors', { timeout: TEST_TIMEOUT }, async (t) => {
  await withSession(t, { serviceWorkers: 'block' }, async ({ page, consoleErrors, server }) => {
    // Playwright blocks workers by making register() resolve to undefined (and
    // logging a warning); the app must take that like any failed registration
    // (docs/offline.md, contract 1) and work on without a worker.
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    await openOralForum(page);
    assert.equal(await isControlled(page), false, 'no service worker controls the page');
    assertNoConsoleErrors(consoleErrors);
  });
});

test("the manifest and worker pass Chromium's installability check", { timeout: TEST_TIMEOUT }, async (t) => {
  await withSession(t, {}, async ({ page, context, consoleErrors, server }) => {
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    const sw = await ensureServiceWorkerControl(page);
    t.diagnostic(describeWorker(sw));
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(new URL(manifest.url).pathname, '/manifest.kk.webmanifest', 'the page links the Kazakh manifest');
    assert.deepEqual(manifest.errors, [], 'Chromium parses the manifest without errors');

    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium reports no installability errors');

    // The app points <link id="manifest"> at the chosen language's manifest.
    for (const lang of ['ru', 'en']) {
      await switchLanguage(page, lang);
      const seen = await poll(async () => {
        const { url } = await cdp.send('Page.getAppManifest');
        return new URL(url).pathname === `/manifest.${lang}.webmanifest`;
      }, UI_TIMEOUT);
      assert.ok(seen, `after switching to ${lang} the page links /manifest.${lang}.webmanifest`);
      const again = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(again.installabilityErrors, [], `no installability errors in ${lang}`);
    }
    await cdp.detach();

    // Every language's manifest: same app identity, its own language, icons that load.
    const names = { kk: 'Жиын', ru: 'Жиын', en: 'Jiyn' };
    for (const lang of ['kk', 'ru', 'en']) {
      const url = `${server.url}/manifest.${lang}.webmanifest`;
      const res = await fetch(url);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('content-type'), /^application\/manifest\+json/, `${url} content type`);
      const m = await res.json();
      assert.equal(m.lang, lang, `${url} lang`);
      assert.equal(m.name, names[lang], `${url} name`);
      assert.equal(m.short_name, names[lang], `${url} short_name`);
      assert.ok(m.description?.length > 0, `${url} description`);
      for (const [key, value] of Object.entries({
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0b5d6b',
        background_color: '#f6f7f5',
      })) {
        assert.equal(m[key], value, `${url} ${key}`);
      }

      const purposes = new Set();
      for (const icon of m.icons) {
        const iconUrl = new URL(icon.src, url).href;
        const iconRes = await fetch(iconUrl);
        assert.equal(iconRes.status, 200, iconUrl);
        assert.equal(iconRes.headers.get('content-type'), icon.type, `${iconUrl} content type`);
        const bytes = new Uint8Array(await iconRes.arrayBuffer());
        if (icon.type === 'image/png') {
          const { width, height } = pngSize(bytes);
          assert.equal(`${width}x${height}`, icon.sizes, `${iconUrl} size`);
        } else {
          assert.equal(icon.type, 'image/svg+xml', `${iconUrl} type`);
          assert.equal(icon.sizes, 'any', `${iconUrl} sizes`);
          assert.match(Buffer.from(bytes).toString('utf8'), /<svg[\s>]/, `${iconUrl} is an SVG`);
        }
        purposes.add(`${icon.purpose} ${icon.sizes}`);
      }
      for (const needed of ['any any', 'any 192x192', 'any 512x512', 'maskable 512x512']) {
        assert.ok(purposes.has(needed), `${url} lists a ${needed} icon`);
      }
    }

    assertNoConsoleErrors(consoleErrors);
  });
});

test('a second tab that opens a newer schema makes the first tab ask for a reload', { timeout: TEST_TIMEOUT }, async (t) => {
  await withSession(t, {}, async ({ page, context, consoleErrors, server }) => {
    // Tab A: the app, with its database open, and settled (its worker installed).
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    t.diagnostic(describeWorker(await ensureServiceWorkerControl(page)));
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    // Tab B plays a newer app that upgrades the schema. It is an about:blank
    // window opened by tab A, so it shares A's origin (and its IndexedDB) without
    // running the app (only tab A holds a connection) and without loading
    // anything (a non-HTML document would ask for /favicon.ico and log a 404).
    const [other] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate(() => {
        window.open('', '_blank');
      }),
    ]);
    assert.equal(
      await other.evaluate(() => self.origin),
      new URL(server.url).origin,
      'tab B shares the app origin',
    );
    const current = await other.evaluate(
      async (name) => (await indexedDB.databases()).find((db) => db.name === name)?.version ?? 0,
      DB_NAME,
    );
    assert.ok(current >= 2, `tab A opened ${DB_NAME} at version 2 or later (found ${current})`);

    // Must not stay blocked: tab A closes its connection on versionchange.
    const opened = await openDatabaseVersion(other, DB_NAME, current + 1);
    t.diagnostic(`tab B opened ${DB_NAME} v${opened.version}${opened.blocked ? ' after a blocked event' : ' without being blocked'}`);
    assert.equal(opened.version, current + 1);

    // Tab A tells the user to reload.
    await page.bringToFront();
    await page.locator(OFFLINE_SEL.reloadNeeded).waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    assert.ok(
      ((await page.locator(OFFLINE_SEL.reloadNeeded).textContent()) ?? '').trim().length > 0,
      `${OFFLINE_SEL.reloadNeeded} has a message`,
    );

    assertNoConsoleErrors(consoleErrors);
  });
});

test('a new build waits until the page sends SKIP_WAITING, then replaces the old cache', { timeout: TEST_TIMEOUT }, async (t) => {
  // A copy of the build that the test can "deploy" a new version into.
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'jiyn-e2e-dist-'));
  await fsp.cp(DIST_ROOT, root, { recursive: true });
  try {
    await withSession(
      t,
      {},
      async ({ page, consoleErrors, server }) => {
        await openApp(page, server.url);
        await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
        const sw = await ensureServiceWorkerControl(page);
        t.diagnostic(describeWorker(sw));
        await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
        const shellCaches = () =>
          page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('jiyn-shell-')).sort());
        const [oldCache] = await shellCaches();
        assert.deepEqual(await shellCaches(), [oldCache], 'one shell cache for the first version');

        // Deploy: a new sw.js (any change to the build changes its version).
        const swFile = path.join(root, 'sw.js');
        const oldVersion = oldCache.slice('jiyn-shell-'.length);
        const script = await fsp.readFile(swFile, 'utf8');
        assert.equal(script.split(`"${oldVersion}"`).length, 2, 'dist/sw.js holds its version once');
        const newVersion = `${oldVersion}-next`;
        await fsp.writeFile(swFile, script.replace(`"${oldVersion}"`, `"${newVersion}"`));
        const newCache = `jiyn-shell-${newVersion}`;

        // The browser finds the update, installs it (precaching the new shell) and
        // keeps it waiting: no skipWaiting() on install.
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          await registration.update();
        });
        const installed = await poll(
          () =>
            page.evaluate(
              async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed',
            ),
          UI_TIMEOUT,
        );
        assert.ok(installed, 'the new version is installed and waiting');
        await page.waitForTimeout(1_000);
        const states = await page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return { waiting: r.waiting?.state ?? null, active: r.active?.state ?? null };
        });
        assert.deepEqual(states, { waiting: 'installed', active: 'activated' }, 'the new version waits');
        assert.deepEqual(await shellCaches(), [oldCache, newCache].sort(), 'both shells while the new one waits');

        // The page's side of the contract: post SKIP_WAITING to the waiting worker.
        // (Once the app reloads itself on controllerchange, page.evaluate may meet
        // a navigation; the checks below therefore poll.)
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          registration.waiting.postMessage({ type: 'SKIP_WAITING' });
        });
        let seen = null;
        await poll(async () => {
          seen = await shellCaches().catch(() => null);
          return seen?.length === 1 && seen[0] === newCache;
        }, UI_TIMEOUT);
        assert.deepEqual(seen, [newCache], 'activation drops the old shell');

        await page.reload({ waitUntil: 'load' });
        await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
        const controller = await page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return { controlled: navigator.serviceWorker.controller !== null, waiting: r.waiting !== null };
        });
        assert.deepEqual(controller, { controlled: true, waiting: false }, 'the new version controls the page');

        assertNoConsoleErrors(consoleErrors);
      },
      { root },
    );
  } finally {
    await fsp.rm(root, { recursive: true, force: true });
  }
});
