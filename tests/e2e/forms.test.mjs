// Forms say what is wrong next to the field and keep what was typed (WCAG 2.2 AA: 3.3.1
// error identification, 3.3.3 error suggestion, 1.3.1 the message programmatically tied
// to its field), on a 360 px phone, in Kazakh and in Russian or English.
//
// For each form: every field is filled, one of them wrongly; after submitting, the
// message is visible, in the page's language, sits right after its field (no other
// control in between that it does not describe), is named by the field's
// aria-describedby, the field has aria-invalid="true" and has the focus, and every
// typed value is still in its field. Then the field is corrected, the form submitted,
// the success shown and aria-invalid is gone.
//
// Before the forms were mended, this failed for the session editor (capacity: no
// aria-invalid, no message reference), the forum editor (dates: no aria-invalid; a
// capacity like "сорок" was wiped while typing), the volunteers' forms (hours by hand:
// aria-invalid without aria-describedby; the others one shared line per form), sync
// settings (no aria-describedby) and the certificate check (no field-level message);
// the projects' activity form already did all of it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { startSyncServer } from './lib/sync.mjs';
import {
  DIST_ROOT,
  FIRST_LOAD_TIMEOUT,
  UI_TIMEOUT,
  openApp,
  loadDemo,
  expectCardWithText,
  expectForumTitle,
  switchLanguage,
} from './lib/app.mjs';

const TEST_TIMEOUT = 300_000;
const PHONE = { viewport: { width: 360, height: 780 } };

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await server?.close();
});

/** Every control's value in `scope` (checkboxes as booleans), keyed by id or test id. */
function values(page, scope) {
  return page.$$eval(`${scope} input, ${scope} select, ${scope} textarea`, (els) =>
    els
      .filter((e) => e.type !== 'file' && e.type !== 'hidden')
      .map((e, i) => [e.id || e.dataset.testid || `#${i}`, e.type === 'checkbox' ? e.checked : e.value]),
  );
}

/** Opens `path` and makes sure the page is in `lang`. */
async function openIn(page, path, lang, ready) {
  await openApp(page, server.url, path);
  await page.locator(ready).first().waitFor({ timeout: FIRST_LOAD_TIMEOUT });
  const now = await page.evaluate(() => document.documentElement.lang);
  if (now !== lang) await switchLanguage(page, lang);
}

/**
 * Asserts the field `fieldSel` is marked invalid with `message` (an exact text in the
 * page's language `lang`) next to it, and (when `focused`) that it has the focus.
 */
async function expectFieldError(page, fieldSel, { message, lang, focused = true }) {
  try {
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') === 'true', fieldSel, {
      timeout: UI_TIMEOUT,
    });
  } catch {
    const attrs = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      return el && { invalid: el.getAttribute('aria-invalid'), describedby: el.getAttribute('aria-describedby') };
    }, fieldSel);
    assert.fail(`${fieldSel}: aria-invalid did not become "true" (${JSON.stringify(attrs)})`);
  }
  const info = await page.evaluate((sel) => {
    const field = document.querySelector(sel);
    const ids = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const messages = ids
      .map((id) => document.getElementById(id))
      .filter((el) => el && el.textContent.trim() !== '')
      .map((el) => {
        const r = el.getBoundingClientRect();
        // The controls between the field and its message (either order) must be ones
        // the message also describes (a trilingual title, a table of column choices).
        const [first, last] =
          field.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? [field, el] : [el, field];
        const between = [...document.querySelectorAll('input, select, textarea, button')].filter(
          (c) =>
            c !== field &&
            first.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING &&
            c.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING &&
            !c.contains(last),
        );
        const strangers = between
          .filter((c) => !(c.getAttribute('aria-describedby') || '').split(/\s+/).includes(el.id))
          .map((c) => c.id || c.dataset.testid || c.outerHTML.slice(0, 60));
        return {
          id: el.id,
          text: el.textContent.trim(),
          visible: el.checkVisibility() && r.width > 0 && r.height > 0,
          inside: r.left >= -1 && r.right <= window.innerWidth + 1,
          strangers,
        };
      });
    return { ids, messages, lang: document.documentElement.lang, active: document.activeElement === field };
  }, fieldSel);
  assert.equal(info.lang, lang, 'the page language');
  const msg = info.messages.find((m) => m.text.includes(message));
  assert.ok(
    msg,
    `${fieldSel}: aria-describedby ${JSON.stringify(info.ids)} names no message with ${JSON.stringify(message)}; ` +
      `seen: ${JSON.stringify(info.messages.map((m) => m.text))}`,
  );
  assert.ok(msg.visible, `${fieldSel}: the message #${msg.id} is visible`);
  assert.ok(msg.inside, `${fieldSel}: the message #${msg.id} fits the 360 px screen`);
  assert.deepEqual(msg.strangers, [], `${fieldSel}: the message #${msg.id} sits next to its field`);
  if (focused) {
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), fieldSel, {
      timeout: UI_TIMEOUT,
    }).catch(() => assert.fail(`${fieldSel}: the first invalid field has the focus`));
  }
}

/** Asserts the field `fieldSel` is no longer marked invalid. */
async function expectFieldFine(page, fieldSel) {
  await page
    .waitForFunction((sel) => {
      const el = document.querySelector(sel);
      return el && el.getAttribute('aria-invalid') !== 'true';
    }, fieldSel, { timeout: UI_TIMEOUT })
    .catch(() => assert.fail(`${fieldSel}: aria-invalid is gone after the correction`));
}

/** Submits, checks the error, and that every typed value stayed. */
async function submitWrong(page, scope, submit, fieldSel, expectation) {
  const typed = await values(page, scope);
  await page.locator(submit).click();
  await expectFieldError(page, fieldSel, expectation);
  assert.deepEqual(await values(page, scope), typed, `${scope}: every typed value is still in its field`);
}

async function demoForum(page, city = 'Орал') {
  await openApp(page, server.url);
  await loadDemo(page);
  await (await expectCardWithText(page, city)).click();
  await expectForumTitle(page, city);
  return new URL(page.url()).pathname.split('/')[2];
}

test('session editor (kk)', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page }) => {
    const forum = await demoForum(page);

    // The session editor, in Kazakh: a capacity that is not a number.
    await openIn(page, `/forum/${forum}/edit/session/new`, 'kk', '[data-testid=title-kk]');
    const form = 'section.editor form'; // [data-testid=session-form]
    await page.locator('[data-testid=title-kk]').fill('Пішіндерді тексеру');
    await page.locator('[data-testid=title-ru]').fill('Проверка форм');
    await page.locator('[data-testid=title-en]').fill('Checking forms');
    await page.locator('#kind').selectOption({ index: 2 });
    await page.locator('[data-testid=starts-at]').fill('2025-11-12T15:00');
    await page.locator('[data-testid=ends-at]').fill('2025-11-12T16:00');
    await page.locator('[data-testid=speakers]').fill('Азат Қадыров');
    await page.locator('#capacity').fill('12 орын');
    await page.locator(`${form} input[type=checkbox]`).first().check();
    await page.locator('#description-kk').fill('Сипаттама');
    await submitWrong(page, form, '[data-testid=save-session]', '#capacity', {
      message: 'Бүтін сан жазыңыз.',
      lang: 'kk',
    });
    await page.locator('#capacity').fill('12');
    await page.locator('[data-testid=save-session]').click();
    await page.locator('[data-testid=save-result] .ok').waitFor();
    await expectFieldFine(page, '#capacity');

    // A session with no title at all: said under the three title fields.
    await openIn(page, `/forum/${forum}/edit/session/new`, 'kk', '[data-testid=title-kk]');
    await page.locator('[data-testid=starts-at]').fill('2025-11-12T17:00');
    await page.locator('[data-testid=ends-at]').fill('2025-11-12T18:00');
    await submitWrong(page, form, '[data-testid=save-session]', '[data-testid=title-kk]', {
      message: 'Атауын кем дегенде бір тілде жазыңыз.',
      lang: 'kk',
    });
    await page.locator('[data-testid=title-ru]').fill('Без казахского названия');
    await page.locator('[data-testid=save-session]').click();
    await page.locator('[data-testid=save-result] .ok').waitFor();
    await expectFieldFine(page, '[data-testid=title-kk]');
  });
});

test('forum editor (ru)', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page }) => {
    await openApp(page, server.url);
    // Dates out of order and a room's capacity in words.
    await openIn(page, '/forum/new', 'ru', '[data-testid=forum-title-kk]');
    const fform = 'section.editor form'; // [data-testid=forum-form]
    await page.locator('[data-testid=forum-title-kk]').fill('Көкшетау жастар форумы');
    await page.locator('[data-testid=forum-title-ru]').fill('Молодёжный форум Кокшетау');
    await page.locator('[data-testid=forum-city-kk]').fill('Көкшетау');
    await page.locator('[data-testid=starts-on]').fill('2026-05-20');
    await page.locator('[data-testid=ends-on]').fill('2026-05-19');
    await page.locator('[data-testid=zone]').selectOption('Asia/Almaty');
    await page.locator('[data-testid=add-venue]').click();
    await page.locator('[data-testid=venue-0-kk]').fill('Жастар орталығы');
    await page.locator('[data-testid=add-room-0]').click();
    await page.locator('[data-testid=venue-0-room-0-ru]').fill('Большой зал');
    await page.locator('#room-cap-0-0').fill('сорок');
    await submitWrong(page, fform, '[data-testid=save-forum]', '[data-testid=ends-on]', {
      message: 'Форум должен заканчиваться не раньше начала.',
      lang: 'ru',
    });
    await expectFieldError(page, '#room-cap-0-0', { message: 'Введите целое число.', lang: 'ru', focused: false });
    await page.locator('[data-testid=ends-on]').fill('2026-05-22');
    await page.locator('#room-cap-0-0').fill('40');
    await expectFieldFine(page, '[data-testid=ends-on]');
    await expectFieldFine(page, '#room-cap-0-0');
    await page.locator('[data-testid=save-forum]').click();
    await expectForumTitle(page, 'Молодёжный форум Кокшетау');
  });
});

test('volunteers: hours by hand and rejection (kk), timer and rules (en), shifts (ru)', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page }) => {
    const forum = await demoForum(page);

    // Hours by hand, in Kazakh: a task of spaces.
    await openIn(page, `/forum/${forum}/volunteers?tab=hours`, 'kk', '[data-testid=hours-by-hand]');
    const hand = '[data-testid=hours-by-hand]';
    await page.locator('#hand-who').selectOption({ index: 1 });
    await page.locator('#hand-task').fill('   ');
    await page.locator('#hand-date').fill('2025-11-11');
    await page.locator('#hand-from').fill('10:00');
    await page.locator('#hand-to').fill('12:00');
    await page.locator('#hand-note').fill('Қолмен');
    await submitWrong(page, hand, `${hand} button[type=submit]`, '#hand-task', { message: 'Тапсырманы жазыңыз.', lang: 'kk' });
    await page.locator('#hand-task').fill('Пішін тексеру үстелі');
    await page.locator(`${hand} button[type=submit]`).click();
    await page.locator(`${hand} .ok`, { hasText: 'Сақталды.' }).waitFor();
    await expectFieldFine(page, '#hand-task');

    // Rejecting that entry without a reason.
    const entry = page.locator('[data-testid=pending-entry]', { hasText: 'Пішін тексеру үстелі' });
    await entry.locator('[data-testid=reject]').click();
    const reason = await entry.locator('[data-testid=reject-reason]').getAttribute('id');
    await entry.locator('[data-testid=confirm-reject]').click();
    await expectFieldError(page, `[id="${reason}"]`, { message: 'Себебін жазыңыз.', lang: 'kk' });
    await page.locator(`[id="${reason}"]`).fill('Екі рет енгізілген');
    await entry.locator('[data-testid=confirm-reject]').click();
    await page.locator('[data-testid=decided-entry][data-status=rejected]', { hasText: 'Екі рет енгізілген' }).waitFor();

    // The timer, in English: no task.
    await switchLanguage(page, 'en');
    const timer = '[data-testid=start-timer]';
    await page.locator('#timer-who').selectOption({ index: 1 });
    await page.locator('#timer-task').fill('');
    await submitWrong(page, timer, `${timer} button[type=submit]`, '#timer-task', { message: 'Write the task.', lang: 'en' });
    await page.locator('#timer-task').fill('Help desk');
    await page.locator(`${timer} button[type=submit]`).click();
    await page.locator('[data-testid=running-entry]', { hasText: 'Help desk' }).waitFor();
    await expectFieldFine(page, '#timer-task');

    // Rules for minors, in English: hours in words.
    await openIn(page, `/forum/${forum}/volunteers?tab=rules`, 'en', '[data-testid=volunteer-rules]');
    const rules = '[data-testid=volunteer-rules]';
    await page.locator('#rule-max').fill('four');
    await page.locator('#rule-latest').fill('21:00');
    await page.locator(`${rules} input[type=checkbox]`).check();
    await submitWrong(page, rules, `${rules} button[type=submit]`, '#rule-max', { message: 'A number from 0 to 24.', lang: 'en' });
    await page.locator('#rule-max').fill('4');
    await page.locator(`${rules} button[type=submit]`).click();
    await page.locator(`${rules} .ok`, { hasText: 'Saved.' }).waitFor();
    await expectFieldFine(page, '#rule-max');

    // A new shift, in Russian: nobody needed.
    await openIn(page, `/forum/${forum}/volunteers?tab=shifts`, 'ru', '[data-testid=new-shift]');
    const shift = '[data-testid=new-shift]';
    await page.locator('#shift-task').fill('Гардероб');
    await page.locator('#shift-place').fill('Фойе');
    await page.locator('#shift-date').fill('2025-11-11');
    await page.locator('#shift-from').fill('09:00');
    await page.locator('#shift-to').fill('11:00');
    await page.locator('#shift-needed').fill('0');
    await submitWrong(page, shift, `${shift} button[type=submit]`, '#shift-needed', { message: 'Хотя бы один человек.', lang: 'ru' });
    await page.locator('#shift-needed').fill('2');
    await page.locator(`${shift} button[type=submit]`).click();
    await page.locator(`${shift} .ok`, { hasText: 'Сохранено.' }).waitFor();
    await expectFieldFine(page, '#shift-needed');

    // Assigning to that shift without choosing a volunteer.
    const card = page.locator('[data-testid=shift]', { hasText: 'Гардероб' });
    await card.waitFor();
    const select = `[id="${await card.locator('select').getAttribute('id')}"]`;
    await card.locator('[data-testid=assign]').click();
    await expectFieldError(page, select, { message: 'Выберите волонтёра.', lang: 'ru' });
    await page.locator(select).selectOption({ index: 1 });
    await card.locator('[data-testid=assign]').click();
    // A volunteer under 18 is warned about first; the coordinator assigns anyway.
    if (await card.locator('[data-testid=minor-warning]').isVisible()) await card.locator('[data-testid=assign]').click();
    await page.locator('[data-testid=shift]', { hasText: 'Гардероб' }).locator('[data-testid=shift-filled]', { hasText: '1 / 2' }).waitFor();
    await expectFieldFine(page, select);

    // Shifts from the programme, in Russian: minutes in words.
    const tpl = '[data-testid=shifts-from-agenda]';
    await page.locator('#tpl-kind').selectOption({ index: 1 });
    await page.locator('#tpl-task').fill('Встреча гостей');
    await page.locator('#tpl-before').fill('полчаса');
    await page.locator('#tpl-duration').fill('45');
    await page.locator('#tpl-needed').fill('3');
    await submitWrong(page, tpl, `${tpl} button[type=submit]`, '#tpl-before', {
      message: 'Укажите число минут целым числом.',
      lang: 'ru',
    });
    await page.locator('#tpl-before').fill('30');
    await page.locator(`${tpl} button[type=submit]`).click();
    await page.locator('[data-testid=shifts-made]').filter({ hasText: /\d/ }).waitFor();
    await expectFieldFine(page, '#tpl-before');
  });
});

test('sync settings (ru), restore (kk), import mapping (en)', { timeout: TEST_TIMEOUT }, async (t) => {
  const sync = await startSyncServer({ corsOrigin: server.url });
  try {
    await withBrowser(t, PHONE, async ({ page }) => {
      const forum = await demoForum(page);

      // Sync settings, in Russian: an address that is not http(s).
      await openIn(page, '/settings', 'ru', '[data-testid=sync-url]');
      const form = '[data-testid=sync-form]';
      await page.locator('[data-testid=sync-url]').fill('ftp://example.org');
      await page.locator('[data-testid=sync-token]').fill(sync.token);
      await submitWrong(page, form, '[data-testid=sync-save]', '[data-testid=sync-url]', {
        message: 'Адрес должен начинаться с http:// или https://.',
        lang: 'ru',
      });
      await page.locator('[data-testid=sync-url]').fill(sync.url);
      await page.locator('[data-testid=sync-save]').click();
      await page.locator('[data-testid=sync-state].ok').waitFor();
      await expectFieldFine(page, '[data-testid=sync-url]');
      await page.locator('[data-testid=sync-off]').click();
      await page.locator('[data-testid=sync-state].muted').waitFor();

      // Restoring a file that is not a backup, in Kazakh; then a real backup.
      await switchLanguage(page, 'kk');
      await page.locator('[data-testid=restore-file]').setInputFiles({
        name: 'notes.json',
        mimeType: 'application/json',
        buffer: Buffer.from('бұл көшірме емес'),
      });
      await expectFieldError(page, '[data-testid=restore-file]', {
        message: 'Бұл Жиын көшірмесі емес: файл JSON пішімінде емес.',
        lang: 'kk',
        focused: false,
      });
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=backup-download]').click()]);
      await page.locator('[data-testid=restore-file]').setInputFiles(await download.path());
      await page.locator('[data-testid=restore-result]').waitFor({ timeout: 60_000 });
      await expectFieldFine(page, '[data-testid=restore-file]');

      // Importing a list whose names are in a column nobody recognises, in English.
      await openIn(page, `/forum/${forum}/import`, 'en', '[data-testid=import-file]');
      await page.locator('[data-testid=import-file]').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
      await expectFieldError(page, '[data-testid=import-file]', { message: 'The file holds no rows.', lang: 'en', focused: false });
      // The message follows a language switch made after it appeared.
      await switchLanguage(page, 'ru');
      await expectFieldError(page, '[data-testid=import-file]', { message: 'В файле нет ни одной строки.', lang: 'ru', focused: false });
      await switchLanguage(page, 'en');
      await page.locator('[data-testid=import-file]').setInputFiles({
        name: 'list.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Телефон;Кім\n+77011234567;Айгерім Сейітова\n+77017654321;Данияр Омаров\n'),
      });
      await page.locator('[data-testid=map-select]').first().waitFor();
      await expectFieldFine(page, '[data-testid=import-file]');
      await expectFieldError(page, '#map-select-1', { message: 'Choose the column that holds the names.', lang: 'en', focused: false });
      await expectFieldError(page, '#map-select-0', { message: 'Choose the column that holds the names.', lang: 'en', focused: false });
      assert.ok(await page.locator('[data-testid=import-run]').isDisabled(), 'nothing to import yet');
      await page.locator('#map-select-1').selectOption('FullName');
      await expectFieldFine(page, '#map-select-1');
      assert.equal(await page.locator('#map-select-0').inputValue(), 'Phone', 'the other column keeps its choice');
      await page.locator('[data-testid=import-run]').click();
      await page.locator('[data-testid=import-done]').waitFor({ timeout: 60_000 });
    });
  } finally {
    await sync.close();
  }
});

test('certificate check: pasted text that is no certificate (kk, then ru), then a real one', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page }) => {
    const forum = await demoForum(page);
    await openIn(page, `/forum/${forum}/volunteers?tab=rules`, 'kk', '[data-testid=create-signing-key]');
    await page.locator('[data-testid=create-signing-key]').click();
    await page.locator('[data-testid=signing-key-id]').waitFor();
    await openApp(page, server.url, `/forum/${forum}/volunteers?tab=totals`);
    const cert = page.locator('[data-testid=certificate-link]').first();
    await cert.waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    await cert.click();
    const link = (await page.locator('[data-testid=certificate-url]').textContent({ timeout: FIRST_LOAD_TIMEOUT })).trim();

    await openIn(page, '/verify', 'kk', '[data-testid=verify-input]');
    const form = '[data-testid=verify-form]';
    await page.locator('[data-testid=verify-input]').fill('бұл сертификат емес');
    await submitWrong(page, form, '[data-testid=verify-button]', '[data-testid=verify-input]', {
      message: 'Код бүлінген немесе бұл Жиын сертификаты емес.',
      lang: 'kk',
    });
    // The message follows the language.
    await switchLanguage(page, 'ru');
    await expectFieldError(page, '[data-testid=verify-input]', {
      message: 'Код повреждён или это не сертификат Жиын.',
      lang: 'ru',
      focused: false,
    });
    assert.equal(await page.locator('[data-testid=verify-input]').inputValue(), 'бұл сертификат емес');
    await page.locator('[data-testid=verify-input]').fill(link);
    await page.locator('[data-testid=verify-button]').click();
    await page.locator('[data-testid=verify-result][data-valid=true]').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    await expectFieldFine(page, '[data-testid=verify-input]');
  });
});

test('projects: an activity with a count in words (kk)', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page }) => {
    const forum = await demoForum(page, 'Тараз');
    await openIn(page, `/forum/${forum}/projects`, 'kk', '[data-testid=activity-form-open]');
    await page.locator('[data-testid=activity-form-open]').first().click();
    const form = '[data-testid=activity-form-box][open] [data-testid=activity-form]';
    const field = async (testid) => `[id="${await page.locator(`${form} [data-testid=${testid}]`).getAttribute('id')}"]`;
    await page.locator(`${form} [data-testid=activity-target]`).selectOption({ index: 1 });
    const date = page.locator(`${form} [data-testid=activity-date]`);
    await date.fill(await date.getAttribute('min'));
    await page.locator(`${form} [data-testid=activity-count]`).fill('бес');
    await page.locator(`${form} [data-testid=activity-attendees]`).fill('40');
    await page.locator(`${form} [data-testid=activity-note]`).fill('Мектепте кездесу');
    const count = await field('activity-count');
    await submitWrong(page, form, `${form} [data-testid=activity-save]`, count, {
      message: '1-ден кем емес бүтін санды жазыңыз.',
      lang: 'kk',
    });
    await page.locator(count).fill('5');
    await page.locator(`${form} [data-testid=activity-save]`).click();
    await page.locator(`${form} [data-testid=activity-form-notice]`).filter({ hasText: 'Тіркелді' }).waitFor();
    await expectFieldFine(page, count);
  });
});
