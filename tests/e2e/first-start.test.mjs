// First-start end-to-end tests for Jiyn.
//
// Run from tests/e2e with `npm test` (or `node --test --test-reporter=spec`).
// Needs the trunk build in dist/ (override with JIYN_E2E_ROOT).
// Every test runs in its own fresh Chromium profile, i.e. a fresh IndexedDB.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { launchBrowser, screenshot, formatErrors } from './lib/browser.mjs';
import {
  DIST_ROOT,
  FIRST_LOAD_TIMEOUT,
  SEL,
  forumCards,
  openApp,
  waitForEmptyState,
  waitForForumCards,
  loadDemo,
  expectCardWithText,
  expectForumTitle,
  switchLanguage,
  waitForLanguage,
  assertLanguage,
} from './lib/app.mjs';

const TEST_TIMEOUT = 180_000;

let server;

before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});

after(async () => {
  await server?.close();
});

/**
 * Run `fn` with a fresh browser profile. On failure, save a screenshot and
 * report console errors; always close the browser and delete the profile.
 */
async function withBrowser(t, fn) {
  const session = await launchBrowser();
  try {
    await fn(session);
  } catch (err) {
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
    throw err;
  } finally {
    await session.close();
  }
}

function assertNoConsoleErrors(consoleErrors) {
  assert.deepEqual(
    consoleErrors,
    [],
    `expected no console errors, got ${consoleErrors.length}:\n${formatErrors(consoleErrors)}`,
  );
}

test('empty first start offers the demo, and the Oral forum shows', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async ({ page, consoleErrors }) => {
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    await page.locator(SEL.loadDemo).click();
    await waitForForumCards(page);

    // Kazakh is the default language: Uralsk is "Орал".
    const card = await expectCardWithText(page, 'Орал');
    await card.click();

    await expectForumTitle(page, 'Орал');
    const { pathname } = new URL(page.url());
    assert.ok(pathname.startsWith('/forum/'), `URL path ${pathname} should start with /forum/`);

    // The deep link must survive a reload, and the data must come from IndexedDB.
    await page.reload({ waitUntil: 'load' });
    await expectForumTitle(page, 'Орал', FIRST_LOAD_TIMEOUT);
    assert.equal(new URL(page.url()).pathname, pathname, 'reload keeps the forum URL');

    assertNoConsoleErrors(consoleErrors);
  });
});

test('language switch persists across reload', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async ({ page, consoleErrors }) => {
    await openApp(page, server.url);
    await loadDemo(page);

    // Default language is Kazakh.
    await waitForLanguage(page, 'kk');
    await assertLanguage(page, 'kk');
    await expectCardWithText(page, 'Орал');

    // Russian.
    await switchLanguage(page, 'ru');
    await assertLanguage(page, 'ru');
    await expectCardWithText(page, 'Уральск');

    await page.reload({ waitUntil: 'load' });
    await waitForForumCards(page, FIRST_LOAD_TIMEOUT);
    await waitForLanguage(page, 'ru');
    await assertLanguage(page, 'ru');
    await expectCardWithText(page, 'Уральск');

    // English.
    await switchLanguage(page, 'en');
    await assertLanguage(page, 'en');
    await expectCardWithText(page, 'Oral');

    await page.reload({ waitUntil: 'load' });
    await waitForForumCards(page, FIRST_LOAD_TIMEOUT);
    await waitForLanguage(page, 'en');
    await assertLanguage(page, 'en');
    await expectCardWithText(page, 'Oral');

    assertNoConsoleErrors(consoleErrors);
  });
});

test('reload before loading the demo keeps the empty state and loads nothing', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, async ({ page, consoleErrors }) => {
    await openApp(page, server.url);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);

    await page.reload({ waitUntil: 'load' });
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    assert.ok(await page.locator(SEL.loadDemo).isVisible(), 'load-demo is visible after reload');
    assert.equal(await forumCards(page).count(), 0, 'no forum cards before the demo is loaded');
    assert.equal(
      await page.locator('[data-testid=forum-card]').count(),
      0,
      'no forum cards anywhere on the page',
    );

    assertNoConsoleErrors(consoleErrors);
  });
});
