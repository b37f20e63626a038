// Helpers for the offline / installable-app end-to-end tests: the service
// worker, IndexedDB from a second tab, and PNG sizes. Like lib/app.mjs they
// never write into DOM nodes the app owns.

import assert from 'node:assert/strict';

/** Where the app registers its service worker (docs/offline.md). */
export const SW_URL = '/sw.js';

/** Selectors of the offline features (data-testid attributes). */
export const OFFLINE_SEL = Object.freeze({
  /** Shown when another tab upgraded the database: the user must reload. */
  reloadNeeded: '[data-testid=reload-needed]',
});

/** How long the app gets, once it has rendered, to register its worker itself. */
export const APP_REGISTRATION_GRACE = 5_000;

/**
 * Make sure a service worker controls `page`, and say who registered it.
 *
 * Call it once the app has rendered. The app registers SW_URL on start; when no
 * registration shows up within APP_REGISTRATION_GRACE, the test registers
 * SW_URL itself (unless $JIYN_E2E_REQUIRE_APP_SW=1, then it fails), so the
 * worker is tested before the page side exists. Then it waits for
 * `navigator.serviceWorker.ready` and for a controller (the worker claims
 * clients on activate); if none comes, it reloads once. Finally it waits until
 * the page has not navigated for QUIET_PERIOD ms and is loaded, so a reload
 * the page does by itself cannot hit the caller's next step.
 *
 * @returns {Promise<{
 *   registeredBy: 'app' | 'test',
 *   scriptURL: string,
 *   reloaded: boolean,        // this helper reloaded the page
 *   selfNavigations: number,  // main-frame navigations the page did by itself meanwhile
 * }>}
 */
export async function ensureServiceWorkerControl(page, { timeout = 20_000 } = {}) {
  let navigations = 0;
  const onNavigated = (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  };
  page.on('framenavigated', onNavigated);
  try {
    const appRegistered = await poll(
      () => evaluateSettled(page, async () => (await navigator.serviceWorker.getRegistration()) !== undefined),
      APP_REGISTRATION_GRACE,
    );
    if (!appRegistered) {
      assert.notEqual(
        process.env.JIYN_E2E_REQUIRE_APP_SW,
        '1',
        `the app did not register ${SW_URL} within ${APP_REGISTRATION_GRACE} ms`,
      );
      await evaluateSettled(page, (url) => navigator.serviceWorker.register(url).then(() => undefined), SW_URL);
    }

    const scriptURL = await evaluateSettled(page, async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active.scriptURL;
    });

    const controlled = () => evaluateSettled(page, () => navigator.serviceWorker.controller !== null);
    let reloaded = false;
    if (!(await poll(controlled, Math.min(timeout, 10_000)))) {
      reloaded = true;
      const before = navigations;
      await page.reload({ waitUntil: 'load' });
      navigations = before;
      assert.ok(await poll(controlled, timeout), 'no service worker controls the page, even after a reload');
    }

    await waitForQuiet(page, () => navigations, timeout);
    return { registeredBy: appRegistered ? 'app' : 'test', scriptURL, reloaded, selfNavigations: navigations };
  } finally {
    page.off('framenavigated', onNavigated);
  }
}

/** How long a page must go without navigating to count as settled. */
export const QUIET_PERIOD = 1_000;

/** Wait until `count()` (of navigations) stays the same for QUIET_PERIOD ms, then for 'load'. */
async function waitForQuiet(page, count, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = count();
    await new Promise((resolve) => setTimeout(resolve, QUIET_PERIOD));
    if (count() === seen) break;
    assert.ok(Date.now() < deadline, `the page kept navigating for ${timeout} ms`);
  }
  await page.waitForLoadState('load');
}

/**
 * page.evaluate that survives the page navigating meanwhile: when the
 * execution context is destroyed, wait for the new document and try again
 * (up to 3 times).
 */
export async function evaluateSettled(page, fn, arg) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.evaluate(fn, arg);
    } catch (err) {
      const navigated = /Execution context was destroyed|Cannot find context|navigat/i.test(err.message);
      if (!navigated || attempt >= 3) throw err;
      await page.waitForLoadState('load');
    }
  }
}

/** Call `check` every 100 ms until it gives true (→ true) or `timeout` ms pass (→ false). */
export async function poll(check, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True when a service worker controls `page` right now. */
export function isControlled(page) {
  return page.evaluate(() => navigator.serviceWorker?.controller != null);
}

/**
 * In `page`, open IndexedDB database `name` at `version` and close it again.
 * Resolves with { version, blocked } (blocked: the request saw a `blocked`
 * event before it succeeded); rejects when it does not succeed within
 * `timeout` ms, i.e. when another connection never closed.
 */
export async function openDatabaseVersion(page, name, version, { timeout = 10_000 } = {}) {
  const attempt = page.evaluate(
    ({ name, version }) =>
      new Promise((resolve, reject) => {
        let blocked = false;
        const request = indexedDB.open(name, version);
        request.onblocked = () => {
          blocked = true;
        };
        request.onsuccess = () => {
          const db = request.result;
          const opened = db.version;
          db.close();
          resolve({ version: opened, blocked });
        };
        request.onerror = () => reject(new Error(`indexedDB.open: ${request.error}`));
      }),
    { name, version },
  );
  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `indexedDB.open(${JSON.stringify(name)}, ${version}) did not succeed within ${timeout} ms ` +
              '(blocked: another tab kept its connection open on versionchange)',
          ),
        ),
      timeout,
    );
  });
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Width and height from a PNG's IHDR chunk; throws when `bytes` is no PNG. */
export function pngSize(bytes) {
  const buf = Buffer.from(bytes);
  assert.equal(buf.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  assert.equal(buf.toString('ascii', 12, 16), 'IHDR', 'PNG starts with IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
