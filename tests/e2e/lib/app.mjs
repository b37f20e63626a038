// App-specific helpers for driving Jiyn in the end-to-end tests and scripts.
// They only read from and click on the app's DOM; they never modify it.

import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The built app: $JIYN_E2E_ROOT, or ../../dist relative to tests/e2e. */
export const DIST_ROOT = process.env.JIYN_E2E_ROOT
  ? path.resolve(process.env.JIYN_E2E_ROOT)
  : path.resolve(HERE, '..', '..', '..', 'dist');

/** First load compiles the wasm, so the first selector gets a long timeout. */
export const FIRST_LOAD_TIMEOUT = 30_000;
/** Timeout for later UI updates (IndexedDB writes, re-renders). */
export const UI_TIMEOUT = 15_000;

/** Selectors the app must provide (data-testid attributes). */
export const SEL = Object.freeze({
  loadDemo: '[data-testid=load-demo]',
  forumList: '[data-testid=forum-list]',
  forumCard: '[data-testid=forum-list] [data-testid=forum-card]',
  forumTitle: '[data-testid=forum-title]',
  lang: (code) => `[data-testid=lang-${code}]`,
});

export const LANGS = Object.freeze(['kk', 'ru', 'en']);

/** Locator for all forum cards in the forum list. */
export function forumCards(page) {
  return page.locator(SEL.forumCard);
}

/** Open the app at `path` (default: root) and wait for the page load event. */
export async function openApp(page, baseUrl, urlPath = '/') {
  await page.goto(new URL(urlPath, `${baseUrl}/`).href, { waitUntil: 'load' });
}

/** Wait until the empty-database state offers the demo button. */
export async function waitForEmptyState(page, timeout = FIRST_LOAD_TIMEOUT) {
  await page.locator(SEL.loadDemo).waitFor({ state: 'visible', timeout });
}

/** Wait until at least one forum card is visible. */
export async function waitForForumCards(page, timeout = FIRST_LOAD_TIMEOUT) {
  await forumCards(page).first().waitFor({ state: 'visible', timeout });
}

/** From a fresh profile: wait for the empty state, click load-demo, wait for cards. */
export async function loadDemo(page) {
  await waitForEmptyState(page);
  await page.locator(SEL.loadDemo).click();
  await waitForForumCards(page);
}

/**
 * Wait for a forum card whose text contains `text` and return its locator.
 * Fails with the list of card texts seen when no card matches in time.
 */
export async function expectCardWithText(page, text, timeout = UI_TIMEOUT) {
  const card = forumCards(page).filter({ hasText: text }).first();
  try {
    await card.waitFor({ state: 'visible', timeout });
  } catch {
    const texts = await forumCards(page).allTextContents();
    assert.fail(
      `no forum card contains ${JSON.stringify(text)}; cards seen (${texts.length}):\n` +
        texts.map((t) => `  - ${JSON.stringify(t.trim())}`).join('\n'),
    );
  }
  return card;
}

/** Wait for the forum page title containing `text`; returns its text content. */
export async function expectForumTitle(page, text, timeout = UI_TIMEOUT) {
  const title = page.locator(SEL.forumTitle).filter({ hasText: text }).first();
  try {
    await title.waitFor({ state: 'visible', timeout });
  } catch {
    const seen = await page.locator(SEL.forumTitle).allTextContents();
    assert.fail(
      `no ${SEL.forumTitle} contains ${JSON.stringify(text)}; seen: ${JSON.stringify(seen)}`,
    );
  }
  const content = await title.textContent();
  assert.ok(content.includes(text), `forum title ${JSON.stringify(content)} lacks ${JSON.stringify(text)}`);
  return content;
}

/** Click a language button and wait until <html lang> reflects it. */
export async function switchLanguage(page, code) {
  await page.locator(SEL.lang(code)).click();
  await waitForLanguage(page, code);
}

/** Wait until <html lang> equals `code` and the matching button is pressed. */
export async function waitForLanguage(page, code, timeout = UI_TIMEOUT) {
  try {
    await page.waitForFunction((c) => document.documentElement.lang === c, code, { timeout });
    await page.locator(`${SEL.lang(code)}[aria-pressed=true]`).waitFor({ state: 'visible', timeout });
  } catch {
    const lang = await page.evaluate(() => document.documentElement.lang);
    assert.fail(`language did not become ${JSON.stringify(code)} (html lang is ${JSON.stringify(lang)})`);
  }
}

/**
 * Assert <html lang> is `code`, all three language buttons are visible and
 * exactly the one for `code` has aria-pressed="true".
 */
export async function assertLanguage(page, code) {
  const htmlLang = await page.evaluate(() => document.documentElement.lang);
  assert.equal(htmlLang, code, 'document.documentElement.lang');
  for (const other of LANGS) {
    const button = page.locator(SEL.lang(other));
    assert.equal(await button.count(), 1, `exactly one ${SEL.lang(other)}`);
    assert.ok(await button.isVisible(), `${SEL.lang(other)} is visible`);
    const pressed = await button.getAttribute('aria-pressed');
    if (other === code) {
      assert.equal(pressed, 'true', `${SEL.lang(other)} aria-pressed`);
    } else {
      assert.notEqual(pressed, 'true', `${SEL.lang(other)} must not be aria-pressed="true"`);
    }
  }
}

/** Wait for web fonts so screenshots are stable. */
export async function settle(page) {
  await page.evaluate(() => document.fonts?.ready.then(() => undefined));
}

/**
 * Every route of the app, built from the demo data (the first forum for the per-forum
 * pages); makes the first forum's signing key so its certificate page exists. Shared by
 * the axe sweep and the 360 px layout sweep, so both see the same pages.
 */
export async function appPaths(page, base) {
  const forumPaths = await page
    .locator('[data-testid=forum-card]')
    .evaluateAll((cards) => cards.map((a) => new URL(a.href).pathname));
  await page.goto(`${base}${forumPaths[0]}`);
  const sessionPath = await page
    .locator('[data-testid=programme] a.title')
    .first()
    .evaluate((a) => new URL(a.href).pathname);
  const [, , forumId, , sessionId] = sessionPath.split('/');

  // A certificate needs the forum's signing key: make it on the rules tab.
  await page.goto(`${base}/forum/${forumId}/volunteers?tab=rules`);
  await page.locator('[data-testid=create-signing-key]').click({ timeout: FIRST_LOAD_TIMEOUT });
  await page.locator('[data-testid=signing-key-state][data-state=here]').waitFor();
  await page.goto(`${base}/forum/${forumId}/volunteers?tab=totals`);
  const certLink = page.locator('[data-testid=certificate-link]').first();
  await certLink.waitFor({ timeout: FIRST_LOAD_TIMEOUT });
  const certPath = new URL(await certLink.getAttribute('href'), base).pathname;

  return [
    '/',
    '/forum/new',
    ...forumPaths,
    `/forum/${forumId}/edit`,
    sessionPath,
    `/forum/${forumId}/plan`,
    `/forum/${forumId}/edit/session/${sessionId}`,
    `/forum/${forumId}/edit/session/new`,
    `/forum/${forumId}/desk`,
    `/forum/${forumId}/desk/new`,
    `/forum/${forumId}/import`,
    `/forum/${forumId}/badges`,
    `/forum/${forumId}/review`,
    `/forum/${forumId}/volunteers?tab=hours`,
    `/forum/${forumId}/volunteers?tab=shifts`,
    `/forum/${forumId}/volunteers?tab=totals`,
    `/forum/${forumId}/volunteers?tab=rules`,
    certPath,
    `/forum/${forumId}/projects`,
    `/forum/${forumId}/reports`,
    '/reports',
    '/verify',
    '/settings',
  ];
}
