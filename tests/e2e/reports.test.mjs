// Reports, end to end: the Oral forum's dashboard agrees with the desk and the
// volunteers page, every chart has its numbers in a table, a table downloads as an
// Excel-friendly CSV, printing hides the app's bars, and the report across forums adds
// the three demo forums up. At 360 px nothing is wider than the screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';

import { startServer } from './server.mjs';
import { launchBrowser, formatErrors, screenshot } from './lib/browser.mjs';
import { DIST_ROOT, openApp, loadDemo, expectCardWithText, expectForumTitle } from './lib/app.mjs';

let app;
before(async () => {
  app = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await app?.close();
});

test('the forum report matches the data, with tables, CSV and print; the report across forums adds up', { timeout: 300_000 }, async () => {
  const session = await launchBrowser({ viewport: { width: 360, height: 800 } });
  const page = session.page;
  try {
    await openApp(page, app.url);
    await loadDemo(page);
    await (await expectCardWithText(page, 'Орал')).click();
    await expectForumTitle(page, 'Орал');
    const forum = new URL(page.url()).pathname.split('/')[2];

    // Check one person in at the desk, so "checked in" is not just the demo's zero.
    await openApp(page, app.url, `/forum/${forum}/desk`);
    await page.locator('[data-testid=desk-total]').waitFor({ timeout: 30_000 });
    const deskName = page.locator('[data-testid=desk-name]');
    if (await deskName.isVisible()) {
      await deskName.fill('Desk 1');
      await deskName.press('Enter');
    }
    await page.locator('[data-testid=row-check-in]').first().click();
    await page.locator('[data-testid=row-undo]').first().waitFor();

    // The volunteers page's approved total is the report's.
    await openApp(page, app.url, `/forum/${forum}/volunteers?tab=totals`);
    const approved = (await page.locator('[data-testid=total-approved]').textContent()).trim();

    await openApp(page, app.url, `/forum/${forum}/reports`);
    await page.locator('[data-testid=report-registered]').waitFor({ timeout: 30_000 });
    assert.equal((await page.locator('[data-testid=report-registered]').textContent()).trim(), '300');
    assert.equal((await page.locator('[data-testid=report-checked-in]').textContent()).trim(), '1');
    assert.equal((await page.locator('[data-testid=report-hours]').textContent()).trim(), approved);

    // Every chart is an image with a name, followed by a table with a caption.
    const charts = page.locator('main svg[role=img]');
    const n = await charts.count();
    assert.ok(n >= 5, `${n} charts`);
    for (let i = 0; i < n; i++) {
      const label = await charts.nth(i).evaluate((svg) => {
        const id = svg.getAttribute('aria-labelledby');
        return (id && document.getElementById(id)?.textContent) || svg.getAttribute('aria-label') || '';
      });
      assert.ok(label.trim().length > 0, `chart ${i} has no name`);
      const table = await charts.nth(i).evaluate((svg) => {
        const section = svg.closest('section');
        return section?.querySelector('table caption')?.textContent ?? '';
      });
      assert.ok(table.trim().length > 0, `chart ${i} has no table with a caption`);
    }
    // The role table's numbers add up to the headline.
    const roleSum = await page.locator('[data-testid=report-role] table tbody tr').evaluateAll((rows) =>
      rows.reduce((sum, r) => sum + Number(r.querySelectorAll('td')[0].textContent.replace(/\D/g, '')), 0),
    );
    assert.equal(roleSum, 300);

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the report is ${width}px wide at 360`);
    await screenshot(page, 'report-360');

    // A table as CSV: UTF-8 with BOM, `;`, the header first, one line per region.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=csv-regions]').click(),
    ]);
    const bytes = await fsp.readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split(/\r?\n/);
    assert.ok(lines[0].includes(';'), lines[0]);
    const regionRows = await page.locator('[data-testid=report-region] table tbody tr').count();
    assert.equal(lines.length - 1, regionRows);

    // Printing: the top bar, the sync line and the buttons are hidden; tables stay.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').first().isVisible(), false);
    assert.equal(await page.locator('[data-testid=report-print]').isVisible(), false);
    assert.ok(await page.locator('[data-testid=report-region] table').isVisible());
    await page.emulateMedia({ media: 'screen' });

    // Across forums: three forums, 900 people.
    await openApp(page, app.url, '/reports');
    await page.locator('[data-testid=report-forums]').waitFor({ timeout: 30_000 });
    assert.equal((await page.locator('[data-testid=report-registered]').textContent()).trim(), '900');
    assert.equal(await page.locator('[data-testid=report-forums] table tbody tr').count(), 3);
    await screenshot(page, 'report-all-360');
    assert.deepEqual(session.consoleErrors, [], formatErrors(session.consoleErrors));
  } finally {
    await session.close();
  }
});
