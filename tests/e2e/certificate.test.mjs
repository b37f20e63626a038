// Certificates of volunteer hours, on their own (the full hours flow across devices is
// in volunteers.test.mjs). The demo's Oral forum has approved hours:
// - the organizer makes a signing key, opens a volunteer's certificate in kk/ru/en, and
//   it prints on one A4 page with the header and buttons hidden;
// - /verify says "valid" for its link (fragment or pasted), and "not valid" with the
//   right reason for changed minutes, garbage, and on a device that knows no key;
// - a device that only has the sync server's address gets the key from the forum's
//   public feed, and then verifies offline from its cache;
// - a device without the private key does not sign (no QR code).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { launchBrowser, formatErrors, screenshot } from './lib/browser.mjs';
import { startSyncServer } from './lib/sync.mjs';
import { outboxChanges } from './lib/db.mjs';
import { DIST_ROOT, openApp, loadDemo, waitForEmptyState, expectCardWithText, expectForumTitle, FIRST_LOAD_TIMEOUT } from './lib/app.mjs';

let app;
before(async () => {
  app = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await app?.close();
});

const VALID = '[data-testid=verify-result][data-valid=true]';
const INVALID = '[data-testid=verify-result][data-valid=false]';

/** The same certificate with its minutes changed and the payload re-encoded. */
function withMinutes(link, minutes) {
  const at = link.indexOf('#c=') + 3;
  const [payload, signature] = link.slice(at).split('.');
  const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  json.minutes = minutes;
  const forged = Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
  return `${link.slice(0, at)}${forged}.${signature}`;
}

/** Sets a device setting directly (as the settings page would store it). */
async function setSetting(page, key, value) {
  await page.evaluate(
    async ({ key, value }) => {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open('jiyn');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        await new Promise((resolve, reject) => {
          const tx = db.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key, value });
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { key, value },
  );
}

test('a certificate is signed, printed on one A4 page and verified; forgeries and unknown forums are not valid', { timeout: 600_000 }, async () => {
  const server = await startSyncServer({ corsOrigin: app.url });
  let stopped = false;
  const stopServer = async () => {
    if (!stopped) {
      stopped = true;
      await server.close();
    }
  };
  const org = await launchBrowser();
  const other = await launchBrowser({ viewport: { width: 360, height: 780 } });
  const a = org.page;
  const b = other.page;
  try {
    await openApp(a, app.url);
    await loadDemo(a);
    await (await expectCardWithText(a, 'Орал')).click();
    await expectForumTitle(a, 'Орал');
    const forum = new URL(a.url()).pathname.split('/')[2];

    // The signing key: none yet, then made on this device.
    await openApp(a, app.url, `/forum/${forum}/volunteers?tab=rules`);
    await a.locator('[data-testid=signing-key-state][data-state=none]').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    await a.locator('[data-testid=create-signing-key]').click();
    await a.locator('[data-testid=signing-key-state][data-state=here]').waitFor();
    const keyId = (await a.locator('[data-testid=signing-key-id]').textContent()).trim();
    assert.match(keyId, /^[A-Za-z0-9_-]{8}$/);
    // The seed stays in the device's settings; only the public key is in the forum.
    const change = (await outboxChanges(a)).find((c) => c.kind === 'forum' && c.record === forum);
    assert.ok(change, 'the forum change with the key is queued for sync');
    assert.deepEqual(change.fields, ['signing_key']);
    const publicKey = JSON.parse(change.payload).signing_key;
    assert.match(publicKey, /^[A-Za-z0-9_-]{43}$/);

    // A volunteer with approved hours and their certificate.
    await openApp(a, app.url, `/forum/${forum}/volunteers?tab=totals`);
    const certLink = a.locator('[data-testid=certificate-link]').first();
    await certLink.waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    const certPath = await certLink.getAttribute('href');
    await openApp(a, app.url, `${certPath}?lang=kk`);
    const name = (await a.locator('[data-testid=certificate-name]').textContent({ timeout: FIRST_LOAD_TIMEOUT })).trim();
    assert.ok(name.length > 3);
    const hours = a.locator('[data-testid=certificate-hours]');
    const minutes = Number(await hours.getAttribute('data-minutes'));
    assert.ok(minutes > 0);
    assert.match(await hours.textContent(), /сағат|минут/);
    assert.match(await a.locator('.cert-title').textContent(), /Волонтерлік сағаттар туралы сертификат/);
    assert.equal(await a.locator('[data-testid=certificate-qr] svg path').count(), 1);
    const link = (await a.locator('[data-testid=certificate-url]').textContent()).trim();
    assert.ok(link.startsWith(`${app.url}/verify#c=`), link);
    assert.match(link, /#c=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    await screenshot(a, 'certificate-kk');

    // The certificate's language is its own: ru and en, with the same facts.
    await a.locator('[data-testid=certificate-lang-ru]').click();
    await a.locator('.cert-title', { hasText: 'Сертификат о волонтёрских часах' }).waitFor();
    assert.match(await a.locator('[data-testid=certificate-hours]').textContent(), /час|минут/);
    await a.locator('[data-testid=certificate-lang-en]').click();
    await a.locator('.cert-title', { hasText: 'Certificate of volunteer hours' }).waitFor();
    assert.equal((await a.locator('[data-testid=certificate-name]').textContent()).trim(), name);
    assert.equal(Number(await a.locator('[data-testid=certificate-hours]').getAttribute('data-minutes')), minutes);
    assert.equal(await a.locator('article.certificate').getAttribute('lang'), 'en');

    // Printing: one A4 page, no header, no buttons, no language links.
    await a.emulateMedia({ media: 'print' });
    assert.equal(await a.locator('[data-testid=print-button]').isVisible(), false);
    assert.equal(await a.locator('[data-testid=certificate-lang-kk]').isVisible(), false);
    assert.equal(await a.locator('header').first().isVisible(), false);
    assert.equal(await a.locator('[data-testid=certificate-qr]').isVisible(), true);
    const pdf = await a.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, 'the certificate prints on one A4 page');
    await a.emulateMedia({ media: 'screen' });

    // Verified on the organizer's device: from the fragment, and pasted.
    await openApp(a, app.url, link.slice(app.url.length));
    const valid = a.locator(VALID);
    await valid.waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.equal((await a.locator('[data-testid=verify-name]').textContent()).trim(), name);
    assert.equal(Number(await a.locator('[data-testid=verify-hours]').getAttribute('data-minutes')), minutes);
    assert.equal(await a.locator('[data-testid=verify-source]').getAttribute('data-source'), 'device');
    assert.equal(await a.locator('[role=status] [data-testid=verify-result]').count(), 1);
    await screenshot(a, 'verify-valid-1280');

    await openApp(a, app.url, '/verify');
    await a.locator('[data-testid=verify-input]').fill(link);
    await a.locator('[data-testid=verify-button]').click();
    await a.locator(VALID).waitFor();

    // More minutes, re-encoded: the signature no longer matches.
    await openApp(a, app.url, '/');
    await openApp(a, app.url, withMinutes(link, minutes + 600).slice(app.url.length));
    await a.locator(INVALID).waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.match(await a.locator('[data-testid=verify-reason]').textContent(), /қолтаңбаға сәйкес келмейді/);
    // Nothing of the forged certificate is shown.
    assert.equal(await a.locator('[data-testid=verify-name]').count(), 0);

    // Garbage pasted: damaged.
    await openApp(a, app.url, '/verify');
    await a.locator('[data-testid=verify-input]').fill('https://example.org/verify#c=hello.world');
    await a.locator('[data-testid=verify-button]').click();
    await a.locator(INVALID).waitFor();
    assert.match(await a.locator('[data-testid=verify-reason]').textContent(), /бүлінген/);

    // Another device with no data and no sync server: unknown forum, not valid.
    await openApp(b, app.url);
    await waitForEmptyState(b);
    await openApp(b, app.url, link.slice(app.url.length));
    await b.locator(INVALID).waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.match(await b.locator('[data-testid=verify-reason]').textContent(), /Белгісіз форум/);

    // The organizer's forum (with its public key) reaches the sync server; the other
    // device only knows the server's address. It gets the key from the public feed...
    const push = await fetch(`${server.url}/v1/forums/${forum}/changes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, device: 'e2e', changes: [change] }),
    });
    const pushed = await push.json();
    assert.deepEqual(pushed.rejected, [], JSON.stringify(pushed));
    const feed = await (await fetch(`${server.url}/v1/forums/${forum}/agenda.json`)).json();
    assert.equal(feed.forum.signing_key, publicKey);
    await setSetting(b, 'sync.url', server.url);
    await openApp(b, app.url, '/');
    await openApp(b, app.url, link.slice(app.url.length));
    await b.locator(VALID).waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.equal(await b.locator('[data-testid=verify-source]').getAttribute('data-source'), 'server');
    assert.equal((await b.locator('[data-testid=verify-name]').textContent()).trim(), name);
    await screenshot(b, 'verify-valid-360');
    // ...and keeps it: offline, still valid; a forgery still not.
    await b.context().setOffline(true);
    await stopServer();
    await openApp(b, app.url, '/verify');
    await b.locator('[data-testid=verify-input]').fill(link);
    await b.locator('[data-testid=verify-button]').click();
    await b.locator(VALID).waitFor();
    await b.locator('[data-testid=verify-input]').fill(withMinutes(link, 1));
    await b.locator('[data-testid=verify-button]').click();
    await b.locator(INVALID).waitFor();
    await screenshot(b, 'verify-forged-360');
    await b.context().setOffline(false);
    // The page fits 360 px.
    const overflow = await b.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 360 px`);

    // A device with the forum but not the private key does not sign.
    await openApp(b, app.url, '/');
    await loadDemo(b);
    await openApp(b, app.url, certPath);
    await b.locator('[data-testid=certificate-unavailable]').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.equal(await b.locator('[data-testid=certificate-qr]').count(), 0);

    // The key lost on the organizer's device (its seed gone): the key is "elsewhere",
    // nothing is signed; a new key only after a confirmation, and then certificates
    // signed with the old key are "signed by another key".
    await setSetting(a, `cert.seed.${forum}`, '');
    await openApp(a, app.url, `/forum/${forum}/volunteers?tab=rules`);
    await a.locator('[data-testid=signing-key-state][data-state=elsewhere]').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    await openApp(a, app.url, certPath);
    await a.locator('[data-testid=certificate-unavailable]').waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.equal(await a.locator('[data-testid=certificate-qr]').count(), 0);
    await openApp(a, app.url, `/forum/${forum}/volunteers?tab=rules`);
    await a.locator('[data-testid=replace-signing-key]').click();
    await a.locator('[data-testid=confirm-new-key]:focus').waitFor();
    await screenshot(a, 'signing-key-confirm');
    await a.locator('[data-testid=confirm-new-key]').click();
    await a.locator('[data-testid=signing-key-state][data-state=here]').waitFor();
    assert.notEqual((await a.locator('[data-testid=signing-key-id]').textContent()).trim(), keyId);
    await openApp(a, app.url, link.slice(app.url.length));
    await a.locator(INVALID).waitFor({ timeout: FIRST_LOAD_TIMEOUT });
    assert.match(await a.locator('[data-testid=verify-reason]').textContent(), /басқа кілтпен/);

    for (const x of [org, other]) {
      assert.deepEqual(x.consoleErrors.filter((e) => !/Failed to load resource|net::ERR/.test(e)), [], formatErrors(x.consoleErrors));
    }
  } finally {
    await org.close();
    await other.close();
    await stopServer();
  }
});
