// Accessibility (WCAG 2.2 AA): axe-core on every page of the app in kk, ru and
// en with zero serious or critical violations, plus what axe cannot see on its
// own: focus never hidden behind the sticky bars, the desk's main buttons at
// least 44 px, sync and save status as status messages, `lang` right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { ARTIFACTS_DIR, screenshot, withBrowser } from './lib/browser.mjs';
import { DIST_ROOT, FIRST_LOAD_TIMEOUT, LANGS, appPaths, loadDemo, openApp, switchLanguage } from './lib/app.mjs';
import { focusState } from './lib/keyboard.mjs';

const require = createRequire(import.meta.url);
// Read once and evaluated in the page (not a <script> tag), so a Content Security
// Policy without inline scripts does not block it.
const AXE_SOURCE = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT });
});
after(async () => {
  await server?.close();
});

/** Run axe on the current page; returns its violations, trimmed to what a report needs. */
async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), impact: n.impact, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** Wait for the page's heading and for its data to have loaded (no "loading" text left). */
async function settlePage(page) {
  await page.locator('main h1').first().waitFor({ timeout: FIRST_LOAD_TIMEOUT });
  // Local resources resolve within a few frames; give them a moment, then wait for fonts.
  await page.waitForTimeout(400);
  await page.evaluate(() => document.fonts?.ready.then(() => undefined));
}

function formatViolations(list) {
  return list
    .map((v) => `  [${v.impact}] ${v.id} on ${v.lang} ${v.path}: ${v.help}\n` +
      v.nodes.map((n) => `      ${n.target}`).join('\n'))
    .join('\n');
}

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 360, height: 740 }],
]) {
  test(`axe: no serious or critical WCAG 2.2 AA violations on any page in kk, ru and en (${name})`, { timeout: 900_000 }, async (t) => {
    await withBrowser(t, { viewport }, async (b) => {
      const { page } = b;
      await openApp(page, server.url);
      await loadDemo(page);
      const paths = await appPaths(page, server.url);
      const found = [];
      let checked = 0;
      for (const lang of LANGS) {
        await page.goto(`${server.url}/`);
        await switchLanguage(page, lang);
        for (const p of paths) {
          await page.goto(`${server.url}${p}`);
          await settlePage(page);
          const violations = await runAxe(page);
          checked += 1;
          for (const v of violations) found.push({ ...v, lang, path: p });
          if (violations.some((v) => BLOCKING.has(v.impact))) {
            await screenshot(page, `axe-${name}-${lang}${p.replace(/\W+/g, '-')}`);
          }
        }
      }
      await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
      await fs.writeFile(
        path.join(ARTIFACTS_DIR, `axe-${name}.json`),
        JSON.stringify({ checked, paths, langs: LANGS, violations: found }, null, 2),
      );
      const blocking = found.filter((v) => BLOCKING.has(v.impact));
      const rest = found.filter((v) => !BLOCKING.has(v.impact));
      if (rest.length) t.diagnostic(`moderate/minor:\n${formatViolations(rest)}`);
      t.diagnostic(`${checked} page views checked (${paths.length} pages × ${LANGS.length} languages)`);
      assert.equal(blocking.length, 0, `serious or critical violations:\n${formatViolations(blocking)}`);
    });
  });
}

/**
 * Tab through the page and return every focused element whose focus is hidden
 * behind something else (a sticky bar): none of five points inside it (centre and
 * inset corners) hits the element itself. WCAG 2.4.11 Focus Not Obscured (Minimum).
 */
async function obscuredFocus(page, maxTabs, key = 'Tab') {
  await page.evaluate((back) => {
    document.activeElement?.blur();
    // Backwards from the end of the page, where elements scroll in under top bars.
    window.scrollTo(0, back ? document.documentElement.scrollHeight : 0);
  }, key !== 'Tab');
  const hidden = [];
  const seen = new Set();
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press(key);
    // The same five-point check the keyboard flows use (lib/keyboard.mjs).
    const r = await focusState(page);
    if (!r) continue;
    if (seen.has(r.key)) break; // wrapped around
    seen.add(r.key);
    if (r.covered) hidden.push(`${r.desc} (covered by ${r.by || 'the viewport edge'})`);
  }
  return { hidden, focused: seen.size };
}

test('keyboard: focus is never hidden behind sticky bars; the desk buttons are 44 px; status is announced', { timeout: 600_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async (b) => {
    const { page } = b;
    await openApp(page, server.url);
    await loadDemo(page);
    const forumPath = await page
      .locator('[data-testid=forum-card]')
      .first()
      .evaluate((a) => new URL(a.href).pathname);
    const forumId = forumPath.split('/')[2];

    // Focus on the pages with sticky bars: the programme's day headings, the plan
    // grid's head, the desk's search bar.
    const problems = [];
    for (const p of [forumPath, `/forum/${forumId}/plan`, `/forum/${forumId}/desk`]) {
      await page.goto(`${server.url}${p}`);
      await settlePage(page);
      if (process.env.JIYN_A11Y_SELFTEST) {
        // Proves the check can fail: a bar stuck over the top of the page.
        await page.addStyleTag({ content: '.topbar { position: sticky; top: 0; z-index: 9; height: 40vh; }' });
      }
      for (const key of ['Tab', 'Shift+Tab']) {
        const { hidden, focused } = await obscuredFocus(page, 80, key);
        assert.ok(focused >= 5, `${p} ${key}: only ${focused} elements took focus`);
        for (const h of hidden) problems.push(`${p} ${key}: ${h}`);
      }
    }
    assert.deepEqual(problems, [], `focus hidden:\n${problems.join('\n')}`);

    // The desk's main buttons: at least 44 × 44 px on a phone.
    await page.goto(`${server.url}/forum/${forumId}/desk`);
    await settlePage(page);
    await page.locator('[data-testid=row-check-in]').first().waitFor();
    const small = await page.evaluate(() => {
      const sel = [
        '.desk-actions button',
        '.desk-actions a.button',
        '[data-testid=desk-search]',
        '[data-testid=row-check-in]',
        '[data-testid=row-undo]',
        '.desk-name-form button',
      ].join(',');
      const shown = [...document.querySelectorAll(sel)]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0);
      return {
        measured: shown.length,
        small: shown
          .filter(({ box }) => box.width < 44 || box.height < 44)
          .map(({ el, box }) => `${el.dataset.testid || el.className || el.tagName} ${box.width.toFixed(0)}×${box.height.toFixed(0)}`),
      };
    });
    assert.ok(small.measured >= 5, `only ${small.measured} desk buttons measured`);
    assert.deepEqual(small.small, [], 'desk buttons smaller than 44 px');

    // A check-in is announced in a status message (role=status is polite live region).
    await page.locator('[data-testid=row-check-in]').first().click();
    await page.locator('[role=status][data-testid=desk-notice] p').first().waitFor();

    // The sync line and a save result are status messages.
    const syncRoles = await page.locator('[data-testid=sync-line] [role=status]').count();
    assert.ok(syncRoles >= 1, 'the sync line has a role=status message');
    await page.goto(`${server.url}/forum/${forumId}/edit/session/new`);
    await settlePage(page);
    assert.equal(await page.locator('[role=status][data-testid=save-result]').count(), 1, 'the editor save result is a status message');

    // lang: the document's language follows the switch; language names are marked
    // in their own language.
    for (const lang of LANGS) {
      await switchLanguage(page, lang);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      for (const other of LANGS) {
        assert.equal(await page.locator(`[data-testid=lang-${other}]`).getAttribute('lang'), other);
      }
    }
  });
});

test('axe: states after interaction (form errors, desk delegations, verify result, certificate language) in kk, ru and en', { timeout: 600_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async (b) => {
    const { page } = b;
    await openApp(page, server.url);
    await loadDemo(page);
    const paths = await appPaths(page, server.url);
    const forumId = paths.find((p) => p.endsWith('/plan')).split('/')[2];
    const certPath = paths.find((p) => p.endsWith('/certificate'));
    const found = [];
    let checked = 0;
    const check = async (lang, state) => {
      checked += 1;
      for (const v of await runAxe(page)) found.push({ ...v, lang, path: state });
    };
    for (const lang of LANGS) {
      await page.goto(`${server.url}/`);
      await switchLanguage(page, lang);

      await page.goto(`${server.url}/forum/${forumId}/desk`);
      await settlePage(page);
      await page.locator('[data-testid=tab-delegations]').click();
      await page.locator('[data-testid=delegations]').waitFor();
      await check(lang, 'desk: delegations');

      await page.goto(`${server.url}/forum/${forumId}/desk/new`);
      await settlePage(page);
      await page.locator('[data-testid=wi-submit]').click();
      await page.locator('.field-error:not(:empty)').first().waitFor();
      await check(lang, 'walk-in: empty form submitted');

      await page.goto(`${server.url}/forum/${forumId}/edit/session/new`);
      await settlePage(page);
      await page.locator('[data-testid=save-session]').click();
      await page.waitForTimeout(300);
      await check(lang, 'session editor: empty form submitted');

      await page.goto(`${server.url}/forum/new`);
      await settlePage(page);
      await page.locator('[data-testid=save-forum]').click();
      await page.waitForTimeout(300);
      await check(lang, 'forum editor: empty form submitted');

      await page.goto(`${server.url}/verify`);
      await settlePage(page);
      await page.locator('[data-testid=verify-input]').fill('not a certificate');
      await page.locator('[data-testid=verify-button]').click();
      await page.locator('[data-testid=verify-result][data-valid=false]').waitFor();
      await check(lang, 'verify: not valid');

      // The certificate in another language than the app's: its content says so.
      const other = LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length];
      await page.goto(`${server.url}${certPath}?lang=${other}`);
      await settlePage(page);
      assert.equal(await page.locator('[data-testid=certificate]').getAttribute('lang'), other);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await check(lang, `certificate in ${other}`);
    }
    const blocking = found.filter((v) => BLOCKING.has(v.impact));
    const rest = found.filter((v) => !BLOCKING.has(v.impact));
    await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
    await fs.writeFile(path.join(ARTIFACTS_DIR, 'axe-states.json'), JSON.stringify({ checked, violations: found }, null, 2));
    if (rest.length) t.diagnostic(`moderate/minor:\n${formatViolations(rest)}`);
    t.diagnostic(`${checked} states checked`);
    assert.equal(blocking.length, 0, `serious or critical violations:\n${formatViolations(blocking)}`);
  });
});

// The partner widget (the agenda in its iframe page) in each language.
test('axe: the agenda widget page in kk, ru and en', { timeout: 300_000 }, async (t) => {
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async (b) => {
    const { page } = b;
    const found = [];
    for (const lang of LANGS) {
      const p = `/embed/agenda.html?feed=${encodeURIComponent('/embed/demo-agenda.json')}&lang=${lang}`;
      await page.goto(`${server.url}${p}`);
      await page.waitForFunction(() => document.querySelector('jiyn-agenda')?.shadowRoot?.querySelector('button'), null, { timeout: FIRST_LOAD_TIMEOUT });
      await page.waitForTimeout(500);
      for (const v of await runAxe(page)) found.push({ ...v, lang, path: p });
    }
    const blocking = found.filter((v) => BLOCKING.has(v.impact));
    assert.equal(blocking.length, 0, `serious or critical violations:\n${formatViolations(blocking)}`);
  });
});
