// Keyboard alone, on a 360 px phone: the desk (find, check in, undo, the scanner
// panel, a walk-in), the programme (day tabs, filters, a bookmark, a session page and
// back) and volunteer hours (tabs, hours by hand, approval) are done with Tab, Enter,
// Space, arrow keys, Escape and typing only; no click, no fill on the app's controls.
// After every key that moves focus, the focused element must show its focus (the
// pixels around it change when focus styles are switched off) and must not be covered
// by a sticky bar.
//
// JIYN_KBD_SELFTEST=1 switches every focus style off on each page: then every test
// must fail (proves the checks can fail).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { dumpRecords } from './lib/db.mjs';
import { DIST_ROOT, FIRST_LOAD_TIMEOUT, openApp, loadDemo, expectForumTitle } from './lib/app.mjs';
import { NO_FOCUS_CSS, assertFocusOn, assertFocusVisible, focusState, press, tabTo } from './lib/keyboard.mjs';

const PHONE = { viewport: { width: 360, height: 740 } };
const TEST_TIMEOUT = 300_000;

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await server?.close();
});

/** With JIYN_KBD_SELFTEST, every page the tests see has no focus styles. */
async function selftest(context) {
  if (!process.env.JIYN_KBD_SELFTEST) return;
  await context.addInitScript((css) => {
    const add = () => {
      const s = document.createElement('style');
      s.textContent = css;
      document.head.append(s);
    };
    if (document.head) add();
    else document.addEventListener('DOMContentLoaded', add);
  }, NO_FOCUS_CSS);
}

/** Fresh profile, demo data, then the Oral forum's home page reached by keyboard. */
async function openOralByKeyboard(page) {
  await openApp(page, server.url);
  await loadDemo(page);
  await page.evaluate(() => document.activeElement?.blur());
  // The forum card of Орал, by Tab from the top of the page.
  await tabTo(page, '[data-testid=forum-card]', { text: 'Орал', max: 40 });
  await page.keyboard.press('Enter');
  await expectForumTitle(page, 'Орал');
  return new URL(page.url()).pathname.split('/')[2];
}

/**
 * Type a time (up to 12:59) into the focused time field, part by part as a person does:
 * hours, minutes, and the AM/PM part when the browser's clock has one (Debian's
 * Chromium shows a 12-hour field whatever the locale); in a 24-hour field the letter
 * does nothing.
 */
async function typeTime(page, hhmm) {
  const [h, m] = hhmm.split(':');
  await page.keyboard.type(`${h}${m}`);
  await page.keyboard.type(Number(h) < 12 ? 'A' : 'P');
}

/** How many live participants have this name. */
function dumpCount(dump, name) {
  return dump.participants.filter((p) => !p.meta.deleted && p.full_name === name).length;
}

/** Wait until the page has settled after a navigation (heading shown, fonts loaded). */
async function settle(page) {
  await page.locator('main h1').first().waitFor({ timeout: FIRST_LOAD_TIMEOUT });
  await page.waitForTimeout(300);
  await page.evaluate(() => document.fonts?.ready.then(() => undefined));
}

test('desk by keyboard: desk name, find a person, check in, undo, scanner panel, walk-in', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page, context }) => {
    await selftest(context);
    const forum = await openOralByKeyboard(page);
    await settle(page);

    await tabTo(page, '[data-testid=desk-link]', { max: 60 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-total]').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.equal(new URL(page.url()).pathname, `/forum/${forum}/desk`);

    // A new device has no desk name yet: type it and press Enter.
    await page.locator('[data-testid=desk-name]').waitFor();
    // The search box has focus on arrival; the desk name is above it.
    await assertFocusOn(page, '[data-testid=desk-search]', 'the desk opens in its search box');
    await tabTo(page, '[data-testid=desk-name]', { back: true, max: 10 });
    await page.keyboard.type('Кіреберіс 1');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-name-shown]', { hasText: 'Кіреберіс 1' }).waitFor();
    // Focus is not lost with the form: it goes on to the search box.
    await assertFocusOn(page, '[data-testid=desk-search]', 'after saving the desk name');

    // The list is virtual (only the rows in view are in the page): Tab walks down 30
    // rows as it scrolls, each one focused and in view, and Shift+Tab walks back.
    const walked = new Set();
    for (let i = 0; i < 30; i += 1) {
      await press(page, 'Tab', `row ${i + 1} of the list`);
      const row = await page.evaluate(() => {
        const el = document.activeElement;
        return el.matches('[data-testid=desk-row] button') ? el.getAttribute('aria-label') : null;
      });
      assert.ok(row, `Tab ${i + 1} from the search box is on a row's button`);
      walked.add(row);
    }
    assert.equal(walked.size, 30, 'thirty different people');
    await tabTo(page, '[data-testid=desk-search]', { back: true, max: 31 });

    // Find someone by typing their name.
    const name = await page.locator('[data-testid=desk-row] [data-testid=row-name]').nth(3).textContent();
    await page.keyboard.type(name);
    await page.waitForFunction(
      (n) => {
        const rows = [...document.querySelectorAll('[data-testid=desk-row]')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        return rows[0]?.querySelector('[data-testid=row-name]')?.textContent.trim() === n;
      },
      name.trim(),
    );
    const first = page.locator('[data-testid=desk-row]', { has: page.locator('[data-testid=row-name]', { hasText: name.trim() }) }).first();

    // Tab to their row's check-in button and press Enter.
    await tabTo(page, '[data-testid=desk-row] button', { max: 5, where: 'search → first row' });
    const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.ok(label.includes(name.trim()), `the focused button is ${JSON.stringify(label)}, for ${name}`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'row-check-in');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-notice]', { hasText: name.trim() }).waitFor();
    await first.locator('[data-testid=row-when]', { hasText: 'Кіреберіс 1' }).waitFor();
    let dump = await dumpRecords(page);
    const person = dump.participants.find((p) => p.full_name === name.trim());
    assert.ok(person, `${name} is a participant`);
    let events = dump.checkins.filter((e) => e.participant === person.meta.id);
    assert.deepEqual(events.map((e) => e.action), ['check_in'], 'one check-in stored');
    // Focus stays on the row's button, which now undoes.
    await assertFocusOn(page, '[data-testid=row-undo]', 'after checking in');

    // Undo with Space, on the same button.
    await page.keyboard.press('Space');
    await page.locator('[data-testid=desk-notice] .info', { hasText: name.trim() }).waitFor();
    await first.locator('[data-testid=row-when]').waitFor({ state: 'detached' });
    dump = await dumpRecords(page);
    events = dump.checkins.filter((e) => e.participant === person.meta.id);
    assert.deepEqual(events.map((e) => e.action).sort(), ['check_in', 'undo'], 'the undo is stored');
    await assertFocusOn(page, '[data-testid=row-check-in]', 'after undoing');

    // The notice's own button checks in again (reached with Shift+Tab, back up the page).
    await tabTo(page, '[data-testid=notice-undo]', { back: true, max: 10 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-notice] .ok', { hasText: name.trim() }).waitFor();
    await first.locator('[data-testid=row-when]').waitFor();
    await assertFocusOn(page, '[data-testid=notice-undo]', 'after the notice button');

    // Delegations: the view's button, then a whole delegation checked in after its
    // question (Escape cancels the question; focus moves with it every time).
    await tabTo(page, '[data-testid=tab-delegations]', { back: true, max: 10 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=delegations]').waitFor();
    await assertFocusOn(page, '[data-testid=tab-delegations][aria-pressed=true]', 'after showing the delegations');
    const ask = '[data-testid=delegation-check-in]:not([disabled])';
    await tabTo(page, ask, { max: 20 });
    const delegation = await page.evaluate(() => document.activeElement.closest('[data-testid=delegation]').dataset.name);
    const card = `[data-testid=delegation][data-name=${JSON.stringify(delegation)}]`;
    const [done, total] = (await page.locator(`${card} [data-testid=delegation-count]`).textContent()).split('/').map((x) => Number(x.trim()));
    const eventsBefore = (await dumpRecords(page)).checkins.length;
    await page.keyboard.press('Enter');
    await assertFocusOn(page, `${card} [data-testid=delegation-confirm]`, 'the question takes focus');
    await page.keyboard.press('Escape');
    await assertFocusOn(page, `${card} ${ask}`, 'Escape cancels the question');
    assert.equal((await dumpRecords(page)).checkins.length, eventsBefore, 'nothing written by asking and cancelling');
    await page.keyboard.press('Space');
    await assertFocusOn(page, `${card} [data-testid=delegation-confirm]`, 'asked again');
    await page.keyboard.press('Enter');
    await page.locator(`${card} [data-testid=delegation-count]`, { hasText: `${total} / ${total}` }).waitFor();
    assert.equal((await dumpRecords(page)).checkins.length, eventsBefore + total - done, 'one event per member not yet in');
    await assertFocusOn(page, card, 'after checking the delegation in');
    // Back to the people.
    await tabTo(page, '.desk-tabs button:first-child', { back: true, max: 40 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-search]').waitFor();
    await assertFocusOn(page, '.desk-tabs button:first-child[aria-pressed=true]', 'after showing the people');

    // The scanner panel opens from its button and closes with Escape; focus returns.
    await tabTo(page, '[data-testid=open-scanner]', { max: 4 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=scanner]').waitFor();
    await tabTo(page, '[data-testid=manual-code]', { max: 6 });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=scanner]').waitFor({ state: 'detached' });
    await assertFocusOn(page, '[data-testid=open-scanner]', 'after Escape closed the scanner');

    // A walk-in, by keyboard.
    await tabTo(page, '[data-testid=walk-in]', { max: 4 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=wi-name]').waitFor();
    await settle(page);
    await tabTo(page, '[data-testid=wi-name]', { max: 20 });
    await page.keyboard.type('Ерасыл Тұрсынбаев');
    await press(page, 'Tab', 'name → phone');
    await assertFocusOn(page, '[data-testid=wi-phone]');
    await page.keyboard.type('8 705 987 65 43');
    await press(page, 'Tab');
    await assertFocusOn(page, '[data-testid=wi-year]');
    await page.keyboard.type('2001');
    // Enter submits; the consent is missing, so focus goes to its checkbox.
    await page.keyboard.press('Enter');
    await page.locator('#wi-consent-error', { hasText: /\S/ }).waitFor();
    await assertFocusOn(page, '[data-testid=wi-consent]', 'the first field to fix');
    assert.equal(dumpCount(await dumpRecords(page), 'Ерасыл Тұрсынбаев'), 0, 'nothing stored yet');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('[data-testid=wi-consent]').isChecked(), true, 'Space ticks the consent');
    await tabTo(page, '[data-testid=wi-submit]', { max: 10 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=walk-in-done]').waitFor();
    dump = await dumpRecords(page);
    const walkIn = dump.participants.find((p) => p.full_name === 'Ерасыл Тұрсынбаев');
    assert.ok(walkIn, 'the walk-in is stored');
    assert.equal(walkIn.phone, '+77059876543');
    assert.equal(dump.checkins.filter((e) => e.participant === walkIn.meta.id).length, 1, 'and checked in');
    // Focus moves to the result, not lost with the hidden form.
    await assertFocusOn(page, '[data-testid=walk-in-done]', 'after registering');
    // "Register another" starts again in the name field.
    await tabTo(page, '[data-testid=walk-in-done] button', { max: 4 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=walk-in-done]').waitFor({ state: 'detached' });
    await assertFocusOn(page, '[data-testid=wi-name]', 'after "register another"');
    assert.equal(await page.locator('[data-testid=wi-name]').inputValue(), '', 'a fresh form');

    // Back to the desk by its link; the walk-in is found there, checked in.
    await tabTo(page, 'a.back', { back: true, max: 10 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-total]').waitFor();
    assert.equal(new URL(page.url()).pathname, `/forum/${forum}/desk`);
    await assertFocusOn(page, '[data-testid=desk-search]', 'the desk opens in its search box');
    await page.keyboard.type('Тұрсынбаев Ерасыл');
    await page.locator('[data-testid=desk-row]', { hasText: 'Ерасыл Тұрсынбаев' }).locator('[data-testid=row-undo]').waitFor();

    // The desk name's Change button opens the field with focus in it; Enter saves and
    // returns to the search box.
    await tabTo(page, '[data-testid=desk-name-change]', { back: true, max: 10 });
    await page.keyboard.press('Enter');
    await assertFocusOn(page, '[data-testid=desk-name]', 'after Change');
    await page.keyboard.press('End');
    await page.keyboard.type('А');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=desk-name-shown]', { hasText: 'Кіреберіс 1А' }).waitFor();
    await assertFocusOn(page, '[data-testid=desk-search]', 'after saving the new desk name');
  });
});

test('programme by keyboard: day tabs, search and kind filters, a bookmark, a session page and back', { timeout: TEST_TIMEOUT }, async (t) => {
  await withBrowser(t, PHONE, async ({ page, context }) => {
    await selftest(context);
    const forum = await openOralByKeyboard(page);
    await settle(page);
    const home = `/forum/${forum}`;
    const dayTabs = page.locator('nav.tabs a.tab');
    assert.ok((await dayTabs.count()) >= 3, 'the Oral forum has "all days" and at least two days');

    // Day tabs: Tab to the first day, Enter; then the next day.
    const shownCount = () => page.locator('.results-count').textContent();
    const allCount = await shownCount();
    await tabTo(page, 'nav.tabs a.tab:nth-child(2)', { max: 40 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('day'));
    await page.locator('nav.tabs a.tab:nth-child(2)[aria-current=true]').waitFor();
    await assertFocusOn(page, 'nav.tabs a.tab:nth-child(2)', 'after choosing a day');
    const day1 = new URL(page.url()).searchParams.get('day');
    assert.notEqual(await shownCount(), allCount, 'one day shows fewer sessions than all days');
    await press(page, 'Tab', 'to the next day');
    await assertFocusOn(page, 'nav.tabs a.tab:nth-child(3)');
    await page.keyboard.press('Enter');
    await page.waitForFunction((d) => {
      const day = new URL(location.href).searchParams.get('day');
      return day && day !== d;
    }, day1);
    await page.locator('nav.tabs a.tab:nth-child(3)[aria-current=true]').waitFor();
    await assertFocusOn(page, 'nav.tabs a.tab:nth-child(3)', 'after choosing the next day');
    // Back to all days with Shift+Tab.
    await tabTo(page, 'nav.tabs a.tab:nth-child(1)', { back: true, max: 3 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('day'));
    await assertFocusOn(page, 'nav.tabs a.tab:nth-child(1)', 'after choosing all days');

    // Filters: open "more filters" with Enter on its summary, press a kind with Space.
    await tabTo(page, 'details.more-filters > summary', { max: 10 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('details.more-filters').open);
    await tabTo(page, 'button.chip', { max: 4 });
    const kindLabel = (await page.evaluate(() => document.activeElement.textContent)).trim();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('kind'));
    await assertFocusOn(page, 'button.chip[aria-pressed=true]', `after pressing the kind ${kindLabel}`);
    const kindCount = await shownCount();
    assert.notEqual(kindCount, allCount, `the kind ${kindLabel} filters the list`);
    // Every session still shown is of that kind.
    const kinds = await page.$$eval('[data-testid=programme] li.session:not([hidden]) .kind', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(kinds.length > 0 && kinds.every((k) => k === kindLabel), `shown kinds: ${[...new Set(kinds)].join(', ')}`);
    // Space again turns it off.
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('kind'));
    await assertFocusOn(page, 'button.chip[aria-pressed=false]', 'after releasing the kind');

    // Search: type in the field.
    await tabTo(page, '[data-testid=programme-search]', { back: true, max: 20 });
    const sessionTitle = (await page.locator('[data-testid=programme] li.session a.title').nth(2).textContent()).trim();
    const word = sessionTitle.split(/\s+/).find((w) => w.length >= 5) ?? sessionTitle;
    await page.keyboard.type(word);
    await page.waitForFunction((n) => document.querySelector('.results-count').textContent !== n, allCount);
    await assertFocusOn(page, '[data-testid=programme-search]', 'while typing in the search');
    assert.equal(await page.locator('[data-testid=programme-search]').inputValue(), word);

    // Bookmark the session whose title was searched, with Enter on its star.
    const item = page.locator('[data-testid=programme] li.session:not([hidden])', { hasText: sessionTitle }).first();
    const sessionId = await item.getAttribute('data-session');
    const star = `li.session[data-session="${sessionId}"] button.star`;
    await tabTo(page, star, { max: 40 });
    assert.equal(await page.locator(star).getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('Enter');
    await page.locator(`${star}[aria-pressed=true]`).waitFor();
    await assertFocusOn(page, star, 'after bookmarking');
    await page.locator('[data-testid=plan-link]', { hasText: '(1)' }).waitFor();

    // "Clear filters" hides itself when pressed: focus goes to the search box.
    await tabTo(page, '[data-testid=clear-filters]', { back: true, max: 40 });
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('.results-count').textContent === n, allCount);
    await assertFocusOn(page, '[data-testid=programme-search]', 'after clearing the filters');
    assert.equal(await page.locator('[data-testid=programme-search]').inputValue(), '');
    assert.equal(new URL(page.url()).search, '', 'no filter left in the address');
    assert.equal(await page.locator(star).getAttribute('aria-pressed'), 'true', 'the bookmark stays');

    // Its page, by Enter on its title (found again by the search).
    await page.keyboard.type(word);
    await page.waitForFunction((n) => document.querySelector('.results-count').textContent !== n, allCount);
    await tabTo(page, `li.session[data-session="${sessionId}"] a.title`, { max: 40 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=session-title]', { hasText: sessionTitle }).waitFor();
    assert.equal(new URL(page.url()).pathname, `${home}/session/${sessionId}`);
    await settle(page);
    // The bookmark shows there too, and the page's own star is reached by Tab.
    await tabTo(page, '.session-page button.star', { max: 40 });
    assert.equal(await page.locator('.session-page button.star').getAttribute('aria-pressed'), 'true');

    // Back to the programme by the page's back link.
    await tabTo(page, 'a.back', { back: true, max: 40 });
    await page.keyboard.press('Enter');
    await expectForumTitle(page, 'Орал');
    await page.locator(`${star}[aria-pressed=true]`).waitFor();

    // Stored, not only kept in the page: still there after a reload.
    await page.reload({ waitUntil: 'load' });
    await expectForumTitle(page, 'Орал');
    await page.locator(`${star}[aria-pressed=true]`).waitFor();
    await page.locator('[data-testid=plan-link]', { hasText: '(1)' }).waitFor();
  });
});

test('volunteers by keyboard: tabs, hours by hand (select with arrows, times typed, Enter), approve', { timeout: TEST_TIMEOUT }, async (t) => {
  const focusAfter = {};
  await withBrowser(t, PHONE, async ({ page, context }) => {
    await selftest(context);
    const forum = await openOralByKeyboard(page);
    await settle(page);
    await tabTo(page, '[data-testid=volunteers-link]', { max: 60 });
    await page.keyboard.press('Enter');
    await page.locator('#hand-who').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.equal(new URL(page.url()).pathname, `/forum/${forum}/volunteers`);
    await settle(page);

    // The page's tabs are links: Tab to "shifts", Enter; then back to "hours".
    await tabTo(page, '[data-testid=tab-shifts]', { max: 20 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=shift-list]').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('tab'), 'shifts');
    await assertFocusOn(page, '[data-testid=tab-shifts]', 'after opening the shifts tab');
    assert.equal(await page.locator('[data-testid=tab-shifts]').getAttribute('aria-current'), 'page');
    await press(page, 'Tab');
    await assertFocusOn(page, '[data-testid=tab-totals]');
    await tabTo(page, '[data-testid=tab-hours]', { back: true, max: 3 });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=hours-by-hand]').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('tab'), 'hours');
    await assertFocusOn(page, '[data-testid=tab-hours]', 'after opening the hours tab');

    // Hours by hand: the volunteer chosen with the arrow keys.
    await tabTo(page, '#hand-who', { max: 30 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const who = await page.locator('#hand-who').inputValue();
    assert.ok(who, 'ArrowDown chose a volunteer');
    const whoName = (await page.locator(`#hand-who option[value="${who}"]`).textContent()).replace(/\s*\(.*\)\s*$/, '').trim();
    await tabTo(page, '#hand-task', { max: 3 });
    await page.keyboard.type('Тіркеу үстелі');
    await tabTo(page, '#hand-from', { max: 6 });
    await typeTime(page, '09:00');
    await tabTo(page, '#hand-to', { max: 4 });
    await typeTime(page, '12:15');
    assert.equal(await page.locator('#hand-from').inputValue(), '09:00');
    assert.equal(await page.locator('#hand-to').inputValue(), '12:15');
    const before = (await dumpRecords(page)).hours.length;
    // Enter in the form submits it.
    await page.keyboard.press('Enter');
    const entry = page.locator('[data-testid=pending-entry]', { hasText: '3:15' }).filter({ hasText: whoName });
    await entry.waitFor();
    let dump = await dumpRecords(page);
    assert.equal(dump.hours.length, before + 1, 'one entry stored');
    const stored = dump.hours.find((h) => h.volunteer === who && h.task === 'Тіркеу үстелі');
    assert.ok(stored, 'the entry is the one typed');
    assert.equal(stored.status, 'pending', `stored as ${JSON.stringify(stored.status)}`);
    const entryId = stored.meta.id;
    // Where focus is once the page has re-rendered with the new entry.
    await page.waitForTimeout(300);
    focusAfter.save = await page.evaluate(() => document.activeElement?.id || null);

    // Approve it by keyboard.
    const approve = `[data-testid=pending-entry][data-entry-id="${entryId}"] [data-testid=approve]`;
    await page.locator(approve).waitFor();
    await tabTo(page, approve, { max: 60 });
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid=decided-entry][data-status=approved][data-entry-id="${entryId}"]`).waitFor();
    dump = await dumpRecords(page);
    const approved = dump.hours.find((h) => h.meta.id === entryId);
    assert.ok(approved.status.approved ?? approved.status.Approved ?? /approved/i.test(JSON.stringify(approved.status)), `approved: ${JSON.stringify(approved.status)}`);
    assert.equal(await page.locator(`[data-testid=pending-entry][data-entry-id="${entryId}"]`).count(), 0, 'no longer pending');
    await page.waitForTimeout(300);
    focusAfter.approve = await page.evaluate(() => {
      const el = document.activeElement;
      if (el?.id === 'pending-h') return 'the pending heading';
      return el?.matches('[data-testid=pending-entry] [data-testid=approve]') ? 'the next pending entry' : null;
    });

    // Shifts: a volunteer assigned to the first shift by keyboard; focus comes back to
    // that shift's Assign button after the tab is rebuilt.
    await tabTo(page, '[data-testid=tab-shifts]', { back: true, max: 80 });
    await page.keyboard.press('Enter');
    const card = page.locator('[data-testid=shift]').first();
    await card.waitFor();
    const shiftId = await card.getAttribute('data-shift-id');
    const inShift = async () => (await dumpRecords(page)).signups.filter((x) => x.session === shiftId && !x.cancelled && !x.meta.deleted);
    const heldBefore = await inShift();
    const select = `[data-shift-id="${shiftId}"] select`;
    await tabTo(page, select, { max: 20 });
    // The first volunteer (by the arrows) not already on the shift.
    let chosen = '';
    for (let i = 0; i < 40 && (!chosen || heldBefore.some((x) => x.participant === chosen)); i++) {
      await page.keyboard.press('ArrowDown');
      chosen = await page.locator(select).inputValue();
    }
    assert.ok(chosen && !heldBefore.some((x) => x.participant === chosen), 'ArrowDown reached a volunteer not on the shift');
    const assignButton = `[data-shift-id="${shiftId}"] [data-testid=assign]`;
    await tabTo(page, assignButton, { max: 3 });
    await page.keyboard.press('Enter');
    // A minor's warning asks for a second press ("Assign anyway"); focus stays on it.
    await page.waitForTimeout(300);
    if ((await inShift()).length === heldBefore.length) {
      await assertFocusOn(page, assignButton, 'after a warning');
      await page.keyboard.press('Enter');
    }
    for (let i = 0; i < 50 && (await inShift()).length === heldBefore.length; i++) await page.waitForTimeout(100);
    assert.equal((await inShift()).length, heldBefore.length + 1, 'one sign-up stored for the shift');
    await assertFocusOn(page, assignButton, 'after assigning (the tab was rebuilt)', 5_000);
    await assertFocusVisible(page, 'the Assign button after assigning');
  });

  // Every write reloads the page's data and rebuilds the tab; the page puts focus back
  // where the keyboard was (the field Enter was pressed in, the next entry).
  await t.test('focus stays in the field Enter was pressed in after saving hours', () => {
    assert.equal(focusAfter.save, 'hand-to', 'focus after saving hours');
  });
  await t.test('focus moves to the next pending entry (or the list) after approving', () => {
    assert.ok(focusAfter.approve, 'focus was lost (on <body>) after approving');
  });
});

// The checks themselves, on a page made for them: each kind of hidden focus is caught,
// and a plain focus ring passes.
test('the focus checks catch: no style, a ring clipped away, a bar on top, focus lost', { timeout: 60_000 }, async (t) => {
  await withBrowser(t, PHONE, async ({ page }) => {
    await page.setContent(`<!doctype html>
      <style>
        body { margin: 0; font: 16px sans-serif; }
        button { margin: 20px; padding: 10px; }
        :focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
        #plain:focus-visible { outline: none; }
        .clip { overflow: hidden; width: 200px; margin: 20px; }
        .clip button { margin: 0; width: 200px; }
        .bar { position: fixed; left: 0; right: 0; top: 300px; height: 80px; background: #0b5d6b; }
        #under { position: absolute; top: 310px; margin: 0; }
      </style>
      <button id="good">good</button>
      <button id="plain">no ring</button>
      <div class="clip"><button id="clipped">ring clipped away</button></div>
      <button id="under">under a bar</button>
      <div class="bar"></div>
      <button id="gone" onclick="this.remove()">removes itself</button>`);
    await page.keyboard.press('Tab');
    await assertFocusOn(page, '#good');
    await assert.rejects(press(page, 'Tab'), /#plain|no ring.*no focus style/);
    await assert.rejects(press(page, 'Tab'), /ring clipped away.*cannot be seen/);
    await assert.rejects(press(page, 'Tab'), /under a bar.*covered by div\.bar/);
    await press(page, 'Tab');
    await assertFocusOn(page, '#gone');
    await page.keyboard.press('Enter');
    await assert.rejects(assertFocusOn(page, '#gone', 'after removal', 300), /is on <body>/);
    await assert.rejects(assertFocusVisible(page, 'after removal'), /nothing has focus/);
  });
});
