// The organizer's session editor, end to end: a session ending before it starts is
// refused next to the field and nothing is stored; clashes are warned in plain words
// while typing; save, duplicate, delete and undo, each checked in IndexedDB.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { dumpRecords, outboxChanges } from './lib/db.mjs';
import { DIST_ROOT, UI_TIMEOUT, openApp, loadDemo, expectCardWithText, expectForumTitle } from './lib/app.mjs';

const TEST_TIMEOUT = 180_000;

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await server?.close();
});

/** Live sessions stored in IndexedDB with this Kazakh title. */
async function storedWithTitle(page, title) {
  const dump = await dumpRecords(page);
  return dump.sessions.filter((s) => s.title?.kk === title && !s.meta.deleted);
}

test('session editor: refuses an end before the start, warns of clashes, saves, duplicates, deletes with undo', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await openApp(page, server.url);
    await loadDemo(page);
    await (await expectCardWithText(page, 'Орал')).click();
    await expectForumTitle(page, 'Орал');
    const sessionsBefore = (await dumpRecords(page)).sessions.length;

    await page.locator('[data-testid=add-session]').click();
    const title = 'Жастар кеңесінің отырысы';
    await page.locator('[data-testid=title-kk]').fill(title);
    await page.locator('[data-testid=starts-at]').fill('2025-11-11T10:50');
    await page.locator('[data-testid=ends-at]').fill('2025-11-11T10:40');
    await page.locator('[data-testid=error-ends]', { hasText: 'Аяқталуы басталуынан кейін' }).waitFor();
    await page.locator('[data-testid=save-session]').click();
    await page.locator('[data-testid=save-result]', { hasText: 'ештеңе сақталған жоқ' }).waitFor();
    assert.equal((await dumpRecords(page)).sessions.length, sessionsBefore, 'nothing stored');

    // Fixed times; the small hall, and a speaker who is on the plenary stage then.
    await page.locator('[data-testid=ends-at]').fill('2025-11-11T11:20');
    await page.waitForFunction(() => document.querySelector('[data-testid=error-ends]').textContent.trim() === '');
    await page.locator('[data-testid=room]').selectOption({ label: 'Үлкен зал' });
    await page.locator('[data-testid=speakers]').fill('Азат Қадыров');
    const warnings = page.locator('[data-testid=edit-warnings]');
    await warnings.waitFor({ state: 'visible' });
    const text = await warnings.textContent();
    assert.match(text, /зал бос емес/, 'the hall is taken by the plenary');
    assert.match(text, /Азат Қадыров: осы уақытта басқа жерде сөйлейді/, 'the speaker is on the plenary');
    assert.match(text, /Пленар/);

    // Warnings never block: save.
    await page.locator('[data-testid=save-session]').click();
    await page.locator('[data-testid=save-result] .ok').waitFor();
    let stored = await storedWithTitle(page, title);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].starts_at, '2025-11-11T10:50:00');
    assert.deepEqual(stored[0].speakers, ['Азат Қадыров']);
    const outbox = await outboxChanges(page);
    assert.ok(outbox.some((c) => c.record === stored[0].meta.id), 'the change is queued for sync');

    // Duplicate: a second session, same data, its own id; the editor now edits it.
    await page.locator('[data-testid=duplicate-session]').click();
    await page.waitForURL((url) => !url.pathname.endsWith(stored[0].meta.id) && url.pathname.includes('/edit/session/'));
    stored = await storedWithTitle(page, title);
    assert.equal(stored.length, 2);
    assert.notEqual(stored[0].meta.id, stored[1].meta.id);

    // Delete the copy, then undo.
    await page.locator('[data-testid=title-kk]').waitFor();
    await page.locator('[data-testid=delete-session]').click();
    await page.locator('[data-testid=deleted-banner]').waitFor();
    assert.equal((await storedWithTitle(page, title)).length, 1, 'a tombstone, not a live session');
    await page.locator('[data-testid=undo-delete]').click();
    await page.locator('[data-testid=deleted-banner]').waitFor({ state: 'detached' });
    assert.equal((await storedWithTitle(page, title)).length, 2, 'the undo brought it back');

    // The programme shows both.
    await page.locator('a.back').click();
    await expectForumTitle(page, 'Орал');
    await page.locator('[data-testid=programme-search]').fill('Жастар кеңесінің');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=programme] li.session:not([hidden])').length === 2,
      null,
      { timeout: UI_TIMEOUT },
    );
  });
});

test('forum editor: a new forum with a venue and rooms; dates out of order refused', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, {}, async ({ page }) => {
    await openApp(page, server.url);
    await page.locator('[data-testid=new-forum]').click();
    await page.locator('[data-testid=forum-title-kk]').fill('Көкшетау жастар форумы');
    await page.locator('[data-testid=forum-title-ru]').fill('Молодёжный форум Кокшетау');
    await page.locator('[data-testid=forum-city-kk]').fill('Көкшетау');
    await page.locator('[data-testid=starts-on]').fill('2026-05-20');
    await page.locator('[data-testid=ends-on]').fill('2026-05-19');
    await page.locator('[data-testid=forum-error-dates]', { hasText: 'басталғаннан кейін' }).waitFor();
    await page.locator('[data-testid=save-forum]').click();
    await page.locator('[data-testid=forum-save-result]', { hasText: 'ештеңе сақталған жоқ' }).waitFor();
    assert.equal((await dumpRecords(page)).forums.length, 0, 'nothing stored');

    await page.locator('[data-testid=ends-on]').fill('2026-05-21');
    await page.locator('[data-testid=zone]').selectOption('Asia/Almaty');
    await page.locator('[data-testid=add-venue]').click();
    await page.locator('[data-testid=venue-0-kk]').fill('Жастар орталығы');
    await page.locator('[data-testid=add-room-0]').click();
    await page.locator('[data-testid=add-room-0]').click();
    await page.locator('[data-testid=venue-0-room-0-kk]').fill('Үлкен зал');
    await page.locator('[data-testid=venue-0-room-1-kk]').fill('Кіші зал');
    await page.locator('[data-testid=save-forum]').click();
    await expectForumTitle(page, 'Көкшетау жастар форумы');

    const [forum] = (await dumpRecords(page)).forums;
    assert.equal(forum.starts_on, '2026-05-20');
    assert.equal(forum.ends_on, '2026-05-21');
    assert.equal(forum.time_zone, 'Asia/Almaty');
    assert.equal(forum.meta.forum, forum.meta.id);
    assert.deepEqual(forum.venues[0].rooms.map((r) => r.name.kk), ['Үлкен зал', 'Кіші зал']);

    // Edit: rename, saved in place (same id, the title field stamped).
    await page.locator('[data-testid=edit-forum]').click();
    await page.locator('[data-testid=forum-title-en]').fill('Kokshetau youth forum');
    await page.locator('[data-testid=save-forum]').click();
    await page.locator('[data-testid=forum-save-result] .ok').waitFor();
    const [edited] = (await dumpRecords(page)).forums;
    assert.equal(edited.meta.id, forum.meta.id);
    assert.equal(edited.title.en, 'Kokshetau youth forum');
    assert.ok(edited.meta.stamps.title, 'the title carries its own stamp');
  });
});

test('sign-up for a session with 2 places: the third waits, a cancellation moves them up; offline, pending', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, {}, async ({ page, context }) => {
    await openApp(page, server.url);
    await loadDemo(page);
    await (await expectCardWithText(page, 'Орал')).click();
    await expectForumTitle(page, 'Орал');
    await page.locator('[data-testid=add-session]').click();
    await page.locator('[data-testid=title-kk]').fill('Түйіндеме жазу: кеңес');
    await page.locator('[data-testid=starts-at]').fill('2025-11-12T15:00');
    await page.locator('[data-testid=ends-at]').fill('2025-11-12T15:30');
    await page.locator('#capacity').fill('2');
    await page.locator('[data-testid=save-session]').click();
    await page.locator('[data-testid=save-result] .ok').waitFor();
    const sessionId = new URL(page.url()).pathname.split('/').pop();
    const forumId = new URL(page.url()).pathname.split('/')[2];

    await page.goto(`${server.url}/forum/${forumId}/session/${sessionId}`);
    await page.locator('[data-testid=signup-submit]').waitFor();
    // No network from here on: sign-ups are still recorded, on the device.
    await context.setOffline(true);
    await page.locator('[data-testid=signup-submit]').click();
    await page.locator('#signup-name-error', { hasText: 'Аты-жөніңізді' }).waitFor();

    const signUp = async (name, count) => {
      await page.locator('[data-testid=signup-name]').fill(name);
      await page.locator('[data-testid=signup-submit]').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=my-signup]').length === n, count, { timeout: UI_TIMEOUT });
    };
    await signUp('Айгерім Сейітова', 1);
    await signUp('Данияр Омаров', 2);
    await page.locator('[data-testid=signup-submit]', { hasText: 'Күту тізіміне' }).waitFor();
    await signUp('Мадина Әлиева', 3);
    const places = () => page.locator('[data-testid=signup-place]').allTextContents();
    assert.deepEqual(await places(), ['орын берілді', 'орын берілді', 'күту тізімінде, кезегі: 1']);
    assert.match(await page.locator('[data-testid=signup-summary]').textContent(), /2 \/ 2 орын бос емес · 1 күту тізімінде/);
    assert.equal(await page.locator('[data-testid=signup-pending]').count(), 3, 'not sent: all pending');

    // The first cancels: the waiting one gets the place.
    await page.locator('[data-testid=my-signup]').first().locator('button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=my-signup] [data-testid=signup-place]')?.textContent === 'бас тартты');
    assert.deepEqual(await places(), ['бас тартты', 'орын берілді', 'орын берілді']);
    await context.setOffline(false);
  });
});
