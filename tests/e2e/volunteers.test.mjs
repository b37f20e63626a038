// Volunteer hours, end to end, against the real sync server:
// - a volunteer's phone logs hours offline (a timer and hours typed by hand);
// - after it syncs, the coordinator on another device approves them (the entry is then
//   locked), makes a signing key, opens and prints the certificate (a real PDF);
// - the phone verifies the certificate's QR link on the verification page ("valid"),
//   and the same link with one character changed is "not valid".

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { launchBrowser, formatErrors, screenshot } from './lib/browser.mjs';
import { startSyncServer, configureSyncAt, syncRound } from './lib/sync.mjs';
import { DIST_ROOT, openApp, loadDemo, waitForEmptyState, expectCardWithText, expectForumTitle } from './lib/app.mjs';

let app;
before(async () => {
  app = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await app?.close();
});

async function syncUntilSent(page) {
  let s;
  for (let i = 0; i < 40; i++) {
    s = await syncRound(page);
    if (s.pending === 0 && !s.error) return;
  }
  const line = await page.locator('[data-testid=sync-line]').textContent();
  throw new Error(`sync did not send everything: ${JSON.stringify(s)} ${line}`);
}

/** The volunteer's approved minutes on the totals tab. */
async function approvedMinutes(page, forum, volunteer) {
  await openApp(page, app.url, `/forum/${forum}/volunteers?tab=totals`);
  const cell = page.locator(`tr[data-volunteer-id="${volunteer}"] td:nth-child(2)`);
  await cell.waitFor();
  const [h, m] = (await cell.textContent()).trim().split(':').map(Number);
  return h * 60 + m;
}

/** Changes one base64url character of the payload part of a certificate link. */
function tamper(url) {
  const at = url.indexOf('#c=') + 3 + 20;
  const c = url[at];
  return url.slice(0, at) + (c === 'A' ? 'B' : 'A') + url.slice(at + 1);
}

test('hours logged offline are approved on another device, certified, printed and verified', { timeout: 600_000 }, async () => {
  const server = await startSyncServer({ corsOrigin: app.url });
  const coord = await launchBrowser();
  const phone = await launchBrowser({ viewport: { width: 360, height: 780 } });
  const a = coord.page;
  const b = phone.page;
  try {
    // The coordinator's device has the forum and sends it to the server.
    await openApp(a, app.url);
    await loadDemo(a);
    await (await expectCardWithText(a, 'Орал')).click();
    await expectForumTitle(a, 'Орал');
    const forum = new URL(a.url()).pathname.split('/')[2];
    await configureSyncAt(a, app.url, server.url, server.token);
    await a.locator('[data-testid=sync-send-all]').click();
    await a.locator('[data-testid=sync-send-all-result]', { hasText: /\d/ }).waitFor();
    await syncUntilSent(a);

    // The phone gets it by sync, with a desk token for this forum (a volunteer's phone
    // logs hours but does not decide them).
    await openApp(b, app.url);
    await waitForEmptyState(b);
    await configureSyncAt(b, app.url, server.url, server.deskToken(forum));
    for (let i = 0; i < 20; i++) {
      await syncRound(b);
      if ((await b.locator('[data-testid=sync-line]').getAttribute('data-error')) === null) break;
    }
    await openApp(b, app.url, `/forum/${forum}/volunteers?tab=hours`);
    const volunteerOption = b.locator('#hand-who option:nth-child(2)');
    await volunteerOption.waitFor({ state: 'attached', timeout: 30_000 });
    const volunteerId = await volunteerOption.getAttribute('value');
    const volunteerName = (await volunteerOption.textContent()).replace(/\s*\(.*\)\s*$/, '').trim();

    // Offline: hours by hand, 09:00–12:15 today, and a timer.
    await b.locator('[data-testid=pending-list]').waitFor({ state: 'attached' });
    const pendingBefore = await b.locator('[data-testid=pending-entry]').count();
    assert.ok(pendingBefore > 0, 'the demo has entries waiting for approval');
    // On a desk token's device the queue says who decides, and offers no decision.
    assert.match(await b.locator('[data-testid=desk-cannot-decide]').textContent(), /үйлестірушісі/);
    assert.equal(await b.locator('[data-testid=pending-entry] [data-testid=approve]:visible').count(), 0);
    await b.context().setOffline(true);
    await b.locator('#hand-who').selectOption(volunteerId);
    await b.locator('#hand-task').fill('Тіркеу үстелі');
    await b.locator('#hand-from').fill('09:00');
    await b.locator('#hand-to').fill('12:15');
    await b.locator('[data-testid=hours-by-hand] button[type=submit]').click();
    const pendingEntry = b.locator(`[data-testid=pending-entry]`, { hasText: '3:15' });
    await pendingEntry.waitFor();
    assert.match(await pendingEntry.textContent(), new RegExp(volunteerName));
    // Not sent yet, and it says so.
    assert.ok(await pendingEntry.locator('.unsent-tag').isVisible());

    await b.locator('#timer-who').selectOption(volunteerId);
    await b.locator('#timer-task').fill('Залды дайындау');
    await b.locator('[data-testid=start-timer] button[type=submit]').click();
    await b.locator('[data-testid=running-entry]').first().waitFor();
    await b.locator('[data-testid=stop-timer]').first().click();
    await b.locator('[data-testid=running-entry]').waitFor({ state: 'detached' });
    assert.equal(await b.locator('[data-testid=pending-entry]').count(), pendingBefore + 2);
    await screenshot(b, 'volunteers-hours-offline-360');

    // Back online: the phone sends its entries.
    await b.context().setOffline(false);
    await syncUntilSent(b);

    // The coordinator gets them, approves the 3:15 entry and rejects the timer's with a reason.
    await syncRound(a);
    const approvedBefore = await approvedMinutes(a, forum, volunteerId);
    await openApp(a, app.url, `/forum/${forum}/volunteers?tab=hours`);
    const toApprove = a.locator('[data-testid=pending-entry]', { hasText: '3:15' });
    await toApprove.waitFor({ timeout: 30_000 });
    await toApprove.locator('[data-testid=approve]').click();
    const approved = a.locator('[data-testid=decided-entry][data-status=approved]', { hasText: volunteerName });
    await approved.waitFor();
    // Approved entries are locked: no buttons are left on them.
    assert.equal(await approved.locator('button').count(), 0);
    const other = a.locator('[data-testid=pending-entry]', { hasText: 'Залды дайындау' });
    await other.locator('[data-testid=reject]').click();
    await other.locator('input').fill('Екі рет енгізілген');
    await other.locator('[data-testid=confirm-reject]').click();
    await a.locator('[data-testid=decided-entry][data-status=rejected]', { hasText: 'Екі рет енгізілген' }).waitFor();
    await screenshot(a, 'volunteers-approved');

    // The signing key, made on the coordinator's device (rules tab).
    await openApp(a, app.url, `/forum/${forum}/volunteers?tab=rules`);
    await a.locator('[data-testid=create-signing-key]').click();
    await a.locator('[data-testid=signing-key-id]').waitFor();

    // Totals: 3:15 more approved for the volunteer (the rejected timer adds nothing),
    // and a certificate link.
    const approvedAfter = await approvedMinutes(a, forum, volunteerId);
    assert.equal(approvedAfter, approvedBefore + 195);
    await a.locator(`tr[data-volunteer-id="${volunteerId}"] [data-testid=certificate-link]`).click();
    await a.locator('[data-testid=certificate-name]', { hasText: volunteerName }).waitFor();
    const hoursText = await a.locator('[data-testid=certificate-hours]').textContent();
    assert.match(hoursText, new RegExp(`\\b${Math.floor(approvedAfter / 60)}\\b`));
    await a.locator('[data-testid=certificate-qr]').waitFor();
    const link = (await a.locator('[data-testid=certificate-url]').textContent()).trim();
    assert.match(link, /\/verify#c=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await screenshot(a, 'certificate');

    // Printing: the header and buttons are hidden, and Chromium makes a one-page A4 PDF.
    await a.emulateMedia({ media: 'print' });
    assert.equal(await a.locator('[data-testid=print-button]').isVisible(), false);
    assert.equal(await a.locator('header').first().isVisible(), false);
    const pdf = await a.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, 'the certificate prints on one A4 page');
    await a.emulateMedia({ media: 'screen' });

    // The forum (with its public key) reaches the phone; the phone verifies the link.
    await syncUntilSent(a);
    await syncRound(b);
    const path = link.slice(link.indexOf('/verify'));
    await openApp(b, app.url, path);
    const result = b.locator('[data-testid=verify-result][data-valid=true]');
    await result.waitFor({ timeout: 30_000 });
    assert.match(await result.textContent(), new RegExp(volunteerName));
    await screenshot(b, 'verify-valid');

    // One character changed: not valid.
    await openApp(b, app.url, '/');
    await openApp(b, app.url, tamper(path));
    await b.locator('[data-testid=verify-result][data-valid=false]').waitFor({ timeout: 30_000 });
    await screenshot(b, 'verify-tampered');

    for (const x of [coord, phone]) {
      assert.deepEqual(x.consoleErrors.filter((e) => !/Failed to load resource|net::ERR/.test(e)), [], formatErrors(x.consoleErrors));
    }
  } finally {
    await coord.close();
    await phone.close();
    await server.close();
  }
});

test('shifts: made from the programme once, a minor warned on a late shift, a waitlist when full', { timeout: 300_000 }, async () => {
  const session = await launchBrowser({ viewport: { width: 360, height: 780 } });
  const page = session.page;
  try {
    await openApp(page, app.url);
    await loadDemo(page);
    await (await expectCardWithText(page, 'Орал')).click();
    await expectForumTitle(page, 'Орал');
    const forum = new URL(page.url()).pathname.split('/')[2];
    await openApp(page, app.url, `/forum/${forum}/volunteers?tab=shifts`);
    await page.locator('[data-testid=shift-list]').waitFor();
    const before = await page.locator('[data-testid=shift]').count();

    // Training sessions get a "hall assistant" shift each; running it twice adds nothing.
    const form = page.locator('[data-testid=shifts-from-agenda]');
    await form.locator('#tpl-kind').selectOption('training');
    await form.locator('#tpl-task').fill('Тренинг залы');
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=shifts-made]', { hasText: /\d/ }).waitFor();
    const made = Number((await form.locator('[data-testid=shifts-made]').textContent()).match(/\d+/)[0]);
    assert.ok(made >= 1, `${made} shifts made`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=shift]').length === n, before + made);
    await form.locator('button[type=submit]').click();
    await form.locator('[data-testid=shifts-made]', { hasText: /: 0$/ }).waitFor();
    assert.equal(await page.locator('[data-testid=shift]').count(), before + made);

    // A shift by hand, 19:00 to 21:00, one person.
    const fresh = page.locator('[data-testid=new-shift]');
    await fresh.locator('#shift-task').fill('Кешкі кезекшілік');
    await fresh.locator('#shift-from').fill('19:00');
    await fresh.locator('#shift-to').fill('21:00');
    await fresh.locator('#shift-needed').fill('1');
    await fresh.locator('button[type=submit]').click();
    const shift = page.locator('[data-testid=shift]', { hasText: 'Кешкі кезекшілік' });
    await shift.waitFor();
    assert.equal((await shift.locator('[data-testid=shift-filled]').textContent()).trim(), '0 / 1');

    // A volunteer under 18: warned that work must end by 20:00, assigned only on a second click.
    const minor = shift.locator('select option', { hasText: /\(.+\)/ }).first();
    const minorId = await minor.getAttribute('value');
    const minorName = (await minor.textContent()).replace(/\s*\(.*\)\s*$/, '').trim();
    await shift.locator('select').selectOption(minorId);
    await shift.locator('[data-testid=assign]').click();
    const warning = shift.locator('[data-testid=minor-warning]');
    await warning.waitFor();
    assert.match(await warning.textContent(), /20:00/);
    assert.equal((await shift.locator('[data-testid=shift-filled]').textContent()).trim(), '0 / 1');
    await shift.locator('[data-testid=assign]').click();
    await shift.locator('[data-testid=shift-filled]', { hasText: '1 / 1' }).waitFor();
    assert.match(await shift.textContent(), new RegExp(minorName));

    // An adult on the full shift waits.
    const adult = await shift.locator('select option:not(:has-text("("))').nth(1).getAttribute('value');
    await shift.locator('select').selectOption(adult);
    await shift.locator('[data-testid=assign]').click();
    await shift.locator('.muted', { hasText: /:/ }).waitFor();
    assert.equal((await shift.locator('[data-testid=shift-filled]').textContent()).trim(), '1 / 1');
    await screenshot(page, 'volunteers-shift-waitlist-360');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the shifts tab is ${width}px wide at 360`);
    assert.deepEqual(session.consoleErrors, [], formatErrors(session.consoleErrors));
  } finally {
    await session.close();
  }
});
