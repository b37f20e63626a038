// When the browser will not open the database, the app says so on a full screen,
// in the user's language, with what to do, and damages nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { screenshot, withBrowser } from './lib/browser.mjs';
import { DIST_ROOT, FIRST_LOAD_TIMEOUT } from './lib/app.mjs';

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT });
});
after(async () => {
  await server?.close();
});

test('a database left by a newer app version shows the full-screen message and is kept', async (t) => {
  await withBrowser(t, {}, async (b) => {
    const { page } = b;
    // A same-origin blank page that is not the app, to prepare the database first.
    await page.route(`${server.url}/prepare`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,">' }),
    );
    await page.goto(`${server.url}/prepare`);
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('jiyn', 99);
          req.onupgradeneeded = () => req.result.createObjectStore('from-the-future');
          req.onsuccess = () => {
            req.result.close();
            resolve();
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.evaluate(() => localStorage.setItem('jiyn.lang', 'ru'));
    await page.goto(`${server.url}/`);
    const screen = page.locator('[data-testid=db-error]');
    await screen.waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    const text = await screen.textContent();
    assert.match(text, /Не удалось открыть базу данных/);
    assert.match(text, /Что сделать/);
    await screenshot(page, 'db-error-1280');
    const version = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const req = indexedDB.open('jiyn');
          req.onsuccess = () => {
            const v = req.result.version;
            req.result.close();
            resolve(v);
          };
        }),
    );
    assert.equal(version, 99, 'the newer database is left as it was');
  });
});
