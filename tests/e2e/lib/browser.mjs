// Browser helpers for the Jiyn end-to-end tests.
//
// Uses playwright-core with Debian's Chromium (never `npx playwright install`).
// Every launch gets its own fresh, uniquely named user-data-dir (so a fresh
// IndexedDB, localStorage and service-worker registry), which is removed again
// by close().

import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Directory for screenshots and other test output (git-ignored). */
export const ARTIFACTS_DIR = path.resolve(HERE, '..', 'artifacts');

/** Chromium binary; override with CHROMIUM_PATH if needed. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags required on this machine (root, closed network, no GPU). */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Default viewport for tests. */
export const DEFAULT_VIEWPORT = Object.freeze({ width: 1280, height: 900 });

function describeLocation(loc) {
  if (!loc || !loc.url) return '';
  return ` (${loc.url}:${loc.lineNumber ?? 0}:${loc.columnNumber ?? 0})`;
}

/**
 * Attach listeners that record console errors and uncaught page errors.
 * @param {import('playwright-core').Page} page
 * @param {string[]} sink
 */
function recordErrors(page, sink) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      sink.push(`console.error: ${msg.text()}${describeLocation(msg.location())}`);
    }
  });
  page.on('pageerror', (err) => {
    const detail = err?.stack || err?.message || String(err);
    sink.push(`pageerror: ${detail}`);
  });
}

/**
 * Launch Chromium with a fresh persistent profile.
 *
 * @param {{
 *   viewport?: { width: number, height: number },
 *   args?: string[],            // extra Chromium flags
 *   timeout?: number,           // default timeout for actions and waits, ms
 *   navigationTimeout?: number, // default navigation timeout, ms
 *   locale?: string,            // browser locale (navigator.language)
 *   serviceWorkers?: 'allow' | 'block', // Playwright's switch; default 'allow'
 * }} [options]
 * @returns {Promise<{
 *   browser: import('playwright-core').BrowserContext,
 *   context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page,
 *   consoleErrors: string[],
 *   userDataDir: string,
 *   close: () => Promise<void>,
 * }>}
 */
export async function launchBrowser({
  viewport = DEFAULT_VIEWPORT,
  args = [],
  timeout = 15_000,
  navigationTimeout = 30_000,
  locale,
  timezoneId,
  serviceWorkers,
} = {}) {
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), `jiyn-e2e-profile-${process.pid}-`));

  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...args],
      viewport,
      ...(locale ? { locale } : {}),
      ...(timezoneId ? { timezoneId } : {}),
      ...(serviceWorkers ? { serviceWorkers } : {}),
      timeout: 60_000, // browser start-up
    });
  } catch (err) {
    await fsp.rm(userDataDir, { recursive: true, force: true, maxRetries: 5 });
    throw err;
  }

  context.setDefaultTimeout(timeout);
  context.setDefaultNavigationTimeout(navigationTimeout);

  const consoleErrors = [];
  const watched = new WeakSet();
  const watch = (p) => {
    if (watched.has(p)) return;
    watched.add(p);
    recordErrors(p, consoleErrors);
  };
  // Pages opened later (popups, window.open) are recorded as well.
  context.on('page', watch);
  context.pages().forEach(watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);

  let closed = null;
  const close = () => {
    closed ??= (async () => {
      try {
        await context.close();
      } finally {
        await fsp.rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      }
    })();
    return closed;
  };

  return { browser: context, context, page, consoleErrors, userDataDir, close };
}

/**
 * Save a full-page PNG screenshot into tests/e2e/artifacts/.
 * @param {import('playwright-core').Page} page
 * @param {string} name file name; ".png" is appended when missing
 * @param {{ fullPage?: boolean }} [options]
 * @returns {Promise<string>} absolute path of the PNG
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
  const file = path.join(ARTIFACTS_DIR, safe.endsWith('.png') ? safe : `${safe}.png`);
  await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/** Format recorded console errors for an assertion message. */
export function formatErrors(errors) {
  return errors.length === 0 ? '(none)' : errors.map((e, i) => `  ${i + 1}. ${e}`).join('\n');
}

/**
 * Runs `body` with a fresh browser, then asserts no console errors happened, saves a
 * screenshot named after the test when anything failed, and always closes the browser.
 * @param {import('node:test').TestContext} t
 * @param {Parameters<typeof launchBrowser>[0]} options
 * @param {(b: Awaited<ReturnType<typeof launchBrowser>>) => Promise<void>} body
 */
export async function withBrowser(t, options, body) {
  const b = await launchBrowser(options);
  try {
    await body(b);
    if (b.consoleErrors.length) throw new Error(`console errors:\n${formatErrors(b.consoleErrors)}`);
  } catch (err) {
    await screenshot(b.page, `failure-${t.name.replace(/\W+/g, '-')}`).catch(() => {});
    throw err;
  } finally {
    await b.close();
  }
}
