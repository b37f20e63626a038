// The Content-Security-Policy holds: index.html carries it and has no inline script,
// an injected inline script is refused, and a walk through the app's pages (with the
// demo, the desk, volunteers, a certificate, reports and settings) raises no CSP
// violation. docs/security.md explains the policy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { launchBrowser, formatErrors } from './lib/browser.mjs';
import { DIST_ROOT, openApp, loadDemo, expectCardWithText, expectForumTitle } from './lib/app.mjs';

let app;
before(async () => {
  app = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await app?.close();
});

test('the app runs under its CSP: no inline script, no violation on any page', { timeout: 300_000 }, async () => {
  const session = await launchBrowser();
  const page = session.page;
  try {
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    const html = await (await fetch(`${app.url}/`)).text();
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    assert.ok(policy, 'index.html has a CSP meta tag');
    assert.match(policy[1], /script-src 'self' 'wasm-unsafe-eval';/);
    assert.doesNotMatch(policy[1], /script-src[^;]*unsafe-inline/);
    const inline = [...html.matchAll(/<script(\s[^>]*)?>/g)].filter((m) => !/\ssrc=/.test(m[1] ?? ''));
    assert.equal(inline.length, 0, 'no inline <script> in index.html');

    await openApp(page, app.url);
    await loadDemo(page);
    await (await expectCardWithText(page, 'Орал')).click();
    await expectForumTitle(page, 'Орал');
    const forum = new URL(page.url()).pathname.split('/')[2];

    // An inline script injected into the page does not run (and says so in the console).
    const errorsBefore = session.consoleErrors.length;
    const ran = await page.evaluate(() => {
      window.__ran = false;
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.appendChild(s);
      return window.__ran;
    });
    assert.equal(ran, false, 'an injected inline script was refused');
    await page.waitForTimeout(100);
    const refused = session.consoleErrors.splice(errorsBefore);
    assert.equal(refused.length, 1, formatErrors(refused));
    assert.match(refused[0], /Content Security Policy/);
    await page.evaluate(() => (window.__csp = []));

    const paths = [
      `/forum/${forum}`,
      `/forum/${forum}/desk`,
      `/forum/${forum}/volunteers?tab=hours`,
      `/forum/${forum}/volunteers?tab=rules`,
      `/forum/${forum}/reports`,
      `/forum/${forum}/projects`,
      `/forum/${forum}/badges`,
      '/reports',
      '/verify',
      '/settings',
    ];
    for (const p of paths) {
      await openApp(page, app.url, p);
      await page.locator('main h1').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
    }
    // A certificate: a key made in the browser (crypto), a QR code drawn as SVG.
    await openApp(page, app.url, `/forum/${forum}/volunteers?tab=rules`);
    await page.locator('[data-testid=create-signing-key]').click();
    await page.locator('[data-testid=signing-key-id]').waitFor();
    await openApp(page, app.url, `/forum/${forum}/volunteers?tab=totals`);
    await page.locator('[data-testid=certificate-link]').first().click();
    await page.locator('[data-testid=certificate-qr]').waitFor();

    const violations = await page.evaluate(() => window.__csp);
    assert.deepEqual(violations, [], `CSP violations:\n${violations.join('\n')}`);
    assert.deepEqual(session.consoleErrors, [], formatErrors(session.consoleErrors));
  } finally {
    await session.close();
  }
});
