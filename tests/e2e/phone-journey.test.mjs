// The agenda issue's whole journey on a 360 px phone: build a small forum through the
// UI, see it in the programme, star two sessions, export the plan as .ics, go offline
// and reload (the programme and the plan are still there), switch language and see
// the translated content and the "not translated" marker.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';

import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { ensureServiceWorkerControl } from './lib/offline.mjs';
import { DIST_ROOT, UI_TIMEOUT, openApp, expectForumTitle, switchLanguage } from './lib/app.mjs';

const TEST_TIMEOUT = 240_000;

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await server?.close();
});

async function addSession(page, forumId, { kk, ru, starts, ends }) {
  await page.goto(`${server.url}/forum/${forumId}/edit/session/new`);
  await page.locator('[data-testid=title-kk]').fill(kk);
  await page.locator('[data-testid=title-ru]').fill(ru);
  await page.locator('[data-testid=starts-at]').fill(starts);
  await page.locator('[data-testid=ends-at]').fill(ends);
  await page.locator('[data-testid=room]').selectOption({ index: 1 });
  await page.locator('[data-testid=save-session]').click();
  await page.locator('[data-testid=save-result] .ok').waitFor();
}

async function expectSessions(page, n) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=programme] li.session:not([hidden])').length === n,
    n,
    { timeout: UI_TIMEOUT },
  );
}

test('on a phone: build a forum, star two sessions, export the plan, reload offline, switch language', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async ({ page, context }) => {
    await openApp(page, server.url);
    await page.locator('[data-testid=new-forum]').click();
    // Kazakh and Russian only: English readers see the fallback marker.
    await page.locator('[data-testid=forum-title-kk]').fill('Жастар бастамалары форумы');
    await page.locator('[data-testid=forum-title-ru]').fill('Форум молодёжных инициатив');
    await page.locator('[data-testid=forum-city-kk]').fill('Петропавл');
    await page.locator('[data-testid=starts-on]').fill('2025-11-20');
    await page.locator('[data-testid=ends-on]').fill('2025-11-20');
    await page.locator('[data-testid=zone]').selectOption('Asia/Almaty');
    await page.locator('[data-testid=add-venue]').click();
    await page.locator('[data-testid=venue-0-kk]').fill('Жастар орталығы');
    await page.locator('[data-testid=add-room-0]').click();
    await page.locator('[data-testid=venue-0-room-0-kk]').fill('Үлкен зал');
    await page.locator('[data-testid=save-forum]').click();
    await expectForumTitle(page, 'Жастар бастамалары форумы');
    const forumPath = new URL(page.url()).pathname;
    const forumId = forumPath.split('/')[2];

    await addSession(page, forumId, { kk: 'Форумның ашылуы', ru: 'Открытие форума', starts: '2025-11-20T10:00', ends: '2025-11-20T11:00' });
    await addSession(page, forumId, { kk: 'Еріктілер тренингі', ru: 'Тренинг волонтёров', starts: '2025-11-20T10:30', ends: '2025-11-20T12:00' });

    await page.goto(`${server.url}${forumPath}`);
    await expectForumTitle(page, 'Жастар бастамалары форумы');
    await expectSessions(page, 2);
    for (const star of await page.locator('[data-testid=programme] li.session .star').all()) await star.click();
    await page.locator('[data-testid=plan-link]', { hasText: '(2)' }).waitFor();

    await page.locator('[data-testid=plan-link]').click();
    await page.locator('[data-testid=plan-clashes]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=plan-ics]').click()]);
    const ics = await fsp.readFile(await download.path(), 'utf8');
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 2);
    assert.match(ics, /DTSTART;TZID=Asia\/Almaty:20251120T100000/);
    assert.match(ics, /SUMMARY;LANGUAGE=kk:Форумның ашылуы/);

    // Offline: the service worker serves the app, IndexedDB the data.
    await ensureServiceWorkerControl(page);
    await context.setOffline(true);
    await page.goto(`${server.url}${forumPath}`);
    await expectForumTitle(page, 'Жастар бастамалары форумы');
    await expectSessions(page, 2);
    await page.locator('[data-testid=plan-link]', { hasText: '(2)' }).waitFor();
    await page.reload();
    await page.locator('[data-testid=plan-link]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=plan-list] li.session').length === 2);

    // Languages: Russian content; English falls back to Kazakh, marked as such.
    await page.locator('a.back').click();
    await expectForumTitle(page, 'Жастар бастамалары форумы');
    await switchLanguage(page, 'ru');
    await expectForumTitle(page, 'Форум молодёжных инициатив');
    assert.match(await page.locator('[data-testid=programme]').textContent(), /Тренинг волонтёров/);
    await switchLanguage(page, 'en');
    const title = page.locator('[data-testid=forum-title]');
    await title.locator('.fallback', { hasText: 'not translated' }).waitFor();
    assert.equal(await title.locator('span[lang=kk]').textContent(), 'Жастар бастамалары форумы');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width}px wide`);
    await context.setOffline(false);
  });
});
