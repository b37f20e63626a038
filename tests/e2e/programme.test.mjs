// The participant's programme, end to end: filters in the URL (a reload and a shared
// link show the same view), search that forgives Kazakh letters, day tabs, the
// personal plan (kept on the device, clash warning, .ics export) and "now and next"
// by the forum's clock.
//
// Every test runs in its own fresh Chromium profile (a fresh IndexedDB) with the demo.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';

import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { DIST_ROOT, UI_TIMEOUT, openApp, loadDemo, expectCardWithText, expectForumTitle } from './lib/app.mjs';

const TEST_TIMEOUT = 180_000;
const ORAL = 'Орал';

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await server?.close();
});

/** Loads the demo and opens the Oral forum; returns its path (`/forum/<id>`). */
async function openOralForum(page) {
  await openApp(page, server.url);
  await loadDemo(page);
  await (await expectCardWithText(page, ORAL)).click();
  await expectForumTitle(page, ORAL);
  await page.locator('[data-testid=programme] li.session').first().waitFor();
  return new URL(page.url()).pathname;
}

/** Titles of the sessions the programme shows now. */
async function visibleTitles(page) {
  return page.locator('[data-testid=programme] li.session:visible a.title').allTextContents();
}

async function expectVisibleCount(page, n) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=programme] li.session:not([hidden])').length === n,
    n,
    { timeout: UI_TIMEOUT },
  );
}

test('filters live in the URL: a reload and a shared link show the same view', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, {}, async ({ page, context }) => {
    const forumPath = await openOralForum(page);
    const all = (await visibleTitles(page)).length;
    assert.equal(all, 16, 'the whole Oral programme (16 sessions) shows with no filter');

    await page.locator('[data-testid=programme-search]').fill('Uralsk');
    await expectVisibleCount(page, 1);
    assert.match((await visibleTitles(page))[0], /Uralsk Runners/);
    await page.waitForURL((url) => url.searchParams.get('q') === 'Uralsk');

    // Reload: the same filter, from the URL.
    await page.reload();
    await expectForumTitle(page, ORAL);
    await expectVisibleCount(page, 1);
    assert.equal(await page.locator('[data-testid=programme-search]').inputValue(), 'Uralsk');

    // A link shared to a new tab shows the same view.
    const shared = await context.newPage();
    await shared.goto(page.url());
    await expectForumTitle(shared, ORAL);
    await expectVisibleCount(shared, 1);
    await shared.close();

    // Clear the search, then pick the second day: only its sessions remain.
    await page.locator('[data-testid=programme-search]').fill('');
    await expectVisibleCount(page, all);
    await page.locator('.tabs .tab').nth(2).click();
    await page.waitForURL((url) => url.searchParams.get('day') === '2025-11-12');
    const day2 = await page.locator('[data-testid=programme] li.session:visible').count();
    assert.ok(day2 > 0 && day2 < all, `day 2 shows part of the programme (${day2} of ${all})`);
    assert.equal(new URL(page.url()).pathname, forumPath);

    // A kind filter narrows further and goes into the URL too.
    await page.locator('.more-filters summary').click();
    await page.locator('.chips .chip').first().click(); // plenary
    await page.waitForURL((url) => url.searchParams.get('kind') === 'plenary');
    await page.locator('.filters .link-button').click();
    await page.waitForURL((url) => !url.searchParams.has('kind') && url.searchParams.get('day') === '2025-11-12');
  });
});

test('search folds Kazakh letters and case: «Қадыров» finds «Кадыров»', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await openOralForum(page);
    const search = page.locator('[data-testid=programme-search]');
    await search.fill('ҚАДЫРОВ');
    await expectVisibleCount(page, 1);
    assert.match((await visibleTitles(page))[0], /Пленар/);
    await search.fill('салтанатты ашылу');
    await expectVisibleCount(page, 1);
    await search.fill('no such session anywhere');
    await expectVisibleCount(page, 0);
    await page.locator('.empty:visible').waitFor();
  });
});

test('personal plan: kept on the device, overlaps warned, exported as a calendar', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await openOralForum(page);
    // The two dialogue platforms of 11 November, 14:00–15:30, overlap.
    const row = (text) => page.locator('[data-testid=programme] li.session', { hasText: text });
    await row('Uralsk Runners').locator('.star').click();
    await row('Орынбордың').locator('.star').click();
    await page.locator('[data-testid=plan-link]', { hasText: '(2)' }).waitFor();
    assert.equal(await row('Uralsk Runners').locator('.star').getAttribute('aria-pressed'), 'true');

    // Stored on the device: still there after a reload.
    await page.reload();
    await expectForumTitle(page, ORAL);
    await page.locator('[data-testid=plan-link]', { hasText: '(2)' }).waitFor();

    await page.locator('[data-testid=plan-link]').click();
    await page.locator('[data-testid=plan-list]').waitFor();
    assert.equal(await page.locator('[data-testid=plan-list] li.session').count(), 2);
    const clashes = await page.locator('[data-testid=plan-clashes]').textContent();
    assert.match(clashes, /Uralsk Runners/);
    assert.match(clashes, /Алғашқы жұмыс/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=plan-ics]').click(),
    ]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = await fsp.readFile(await download.path(), 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'an iCalendar file with CRLF lines');
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 2, 'two events');
    assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Asia\/Oral/);
    assert.match(ics, /TZOFFSETTO:\+0500/);
    assert.equal((ics.match(/DTSTART;TZID=Asia\/Oral:20251111T140000/g) ?? []).length, 2);
    for (const line of ics.split('\r\n')) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
    }

    // Removing one from the plan page clears the warning.
    await page.locator('[data-testid=plan-list] li.session .star').first().click();
    await page.locator('[data-testid=plan-clashes]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=plan-list] li.session').count(), 1);
  });
});

test("now and next follow the forum's clock; the device's own time shows when it differs", { timeout: TEST_TIMEOUT }, async (t) => {
  // A phone set to Moscow time (UTC+3) at the Oral forum (UTC+5), at 10:15 forum time.
  await withBrowser(t, { timezoneId: 'Europe/Moscow' }, async ({ page }) => {
    await page.clock.setFixedTime(new Date('2025-11-11T05:15:00Z'));
    await openOralForum(page);
    const panel = page.locator('[data-testid=now-next]');
    await panel.waitFor();
    const text = await panel.textContent();
    assert.match(text, /10:15/, 'the forum time');
    assert.match(text, /08:15/, "the device's own time, since it differs");
    const [nowList, nextList] = await Promise.all([
      panel.locator('.now-list').nth(0).textContent(),
      panel.locator('.now-list').nth(1).textContent(),
    ]);
    assert.match(nowList, /салтанатты ашылуы/, 'the opening ceremony (10:00–10:30) is on now');
    assert.match(nextList, /10:45/, 'the plenary at 10:45 comes next');
  });
});

test('a frab schedule.json imports as a new forum; a broken one is refused and stores nothing', { timeout: TEST_TIMEOUT }, async (t) => {
  const fixture = new URL('../../crates/core/tests/fixtures/camp2019.frab.json', import.meta.url);
  const text = await fsp.readFile(fixture, 'utf8');
  await withBrowser(t, {}, async ({ page }) => {
    await openApp(page, server.url);
    await loadDemo(page);
    const cards = page.locator('[data-testid=forum-card]');
    const before = await cards.count();

    // Cut short: refused with a message in the user's language, nothing stored.
    await page.locator('[data-testid=import-schedule]').setInputFiles({
      name: 'schedule.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text.slice(0, text.length / 2)),
    });
    const error = await page.locator('[data-testid=import-error]').textContent();
    assert.match(error, /Файл қабылданбады/);
    assert.match(error, /толық емес/);
    assert.equal(await cards.count(), before);

    await page.locator('[data-testid=import-schedule]').setInputFiles({
      name: 'schedule.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await page
      .locator('[data-testid=import-result] .ok')
      .waitFor()
      .catch(async (err) => {
        throw new Error(`${err.message}\nimport result: ${await page.locator('[data-testid=import-result]').textContent()}`);
      });
    assert.match(await page.locator('[data-testid=import-result]').textContent(), /79/);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=forum-card]').length === n, before + 1);
    await page.locator('[data-testid=import-result] a').click();
    await expectForumTitle(page, 'Chaos Communication Camp 2019');
    await expectVisibleCount(page, 79);
  });
});
