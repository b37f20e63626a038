// Screenshot script (not a test): loads the demo data and saves full-page PNGs
// of the main pages (the demo forums, a day, the plan, a session, the editor, the tour)
// at a phone and a desktop width.
//   node tests/e2e/screenshots.mjs [--root path/to/dist]
//
// Output (tests/e2e/artifacts/, each at 360 and 1280 px): forum-list, oral-forum,
// oral-day (one day: a grid by room on wide screens), plan, session, editor, tour,
// the volunteers page's four tabs.

import path from 'node:path';

import { startServer } from './server.mjs';
import { launchBrowser, screenshot, formatErrors } from './lib/browser.mjs';
import {
  DIST_ROOT,
  FIRST_LOAD_TIMEOUT,
  openApp,
  loadDemo,
  expectCardWithText,
  expectForumTitle,
  settle,
} from './lib/app.mjs';

const VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1280, height: 900 },
];

function parseArgs(argv) {
  const opts = { root: DIST_ROOT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--root') {
      const value = argv[++i];
      if (value === undefined) throw new Error('missing value for --root');
      opts.root = path.resolve(value);
    } else if (arg.startsWith('--root=')) {
      opts.root = path.resolve(arg.slice('--root='.length));
    } else if (arg === '-h' || arg === '--help') {
      opts.help = true;
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

async function shoot(baseUrl, viewport) {
  const session = await launchBrowser({ viewport });
  const { page, consoleErrors } = session;
  const files = [];
  try {
    await openApp(page, baseUrl);
    await loadDemo(page);
    await expectCardWithText(page, 'Орал');
    await settle(page);
    files.push(await screenshot(page, `forum-list-${viewport.width}`));

    await (await expectCardWithText(page, 'Орал')).click();
    await expectForumTitle(page, 'Орал', FIRST_LOAD_TIMEOUT);
    await settle(page);
    files.push(await screenshot(page, `oral-forum-${viewport.width}`));

    // One day of the programme (a grid by room on wide screens), two sessions starred.
    await page.locator('.tabs .tab').nth(1).click();
    await settle(page);
    const stars = page.locator('[data-testid=programme] li.session:visible .star');
    await stars.nth(0).click();
    await stars.nth(1).click();
    await settle(page);
    files.push(await screenshot(page, `oral-day-${viewport.width}`));

    await page.locator('[data-testid=plan-link]').click();
    await page.locator('[data-testid=plan-list]').waitFor();
    await settle(page);
    files.push(await screenshot(page, `plan-${viewport.width}`));

    await page.locator('[data-testid=plan-list] a.title').first().click();
    await page.locator('[data-testid=session-title]').waitFor();
    await settle(page);
    files.push(await screenshot(page, `session-${viewport.width}`));

    await page.locator('[data-testid=edit-session]').click();
    await page.locator('[data-testid=title-kk]').waitFor();
    await page.locator('[data-testid=ends-at]').fill('2025-11-11T15:45');
    await page.locator('[data-testid=edit-warnings]').waitFor({ state: 'visible' }).catch(() => {});
    await settle(page);
    files.push(await screenshot(page, `editor-${viewport.width}`));

    // The registration desk: a search, one person checked in; delegations; walk-in;
    // the import preview of a messy file; badges.
    await page.goto(`${baseUrl}/`);
    await (await expectCardWithText(page, 'Орал')).click();
    await page.locator('[data-testid=desk-link]').click();
    await page.locator('[data-testid=desk-name]').fill('Кіреберіс 1');
    await page.locator('[data-testid=desk-name]').press('Enter');
    await page.locator('[data-testid=desk-search]').fill('akbota');
    await page.locator('[data-testid=desk-row]').first().waitFor();
    await page.locator('[data-testid=row-check-in]').first().click();
    await page.locator('[data-testid=row-undo]').first().waitFor();
    await settle(page);
    files.push(await screenshot(page, `desk-${viewport.width}`, { fullPage: false }));
    await page.locator('[data-testid=tab-delegations]').click();
    await page.locator('[data-testid=delegation]').first().waitFor();
    await settle(page);
    files.push(await screenshot(page, `desk-delegations-${viewport.width}`));
    const deskUrl = page.url();
    await page.goto(`${deskUrl}/new`);
    await page.locator('[data-testid=wi-name]').fill('Әлия Серікқызы');
    await page.locator('[data-testid=wi-phone]').fill('8 777 111');
    await page.locator('[data-testid=wi-year]').fill('2012');
    await page.locator('[data-testid=wi-iin]').fill('120101600001');
    await page.locator('[data-testid=wi-submit]').click();
    await page.locator('[data-testid=wi-phone-error]').waitFor();
    await settle(page);
    files.push(await screenshot(page, `walk-in-${viewport.width}`));
    await page.goto(deskUrl.replace(/\/desk$/, '/import'));
    await page.locator('[data-testid=import-file]').setInputFiles({
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFФИО;Телефон;Год рождения;Делегация;Роль\r\nАқбота Оқасова;8 701 234 56 78;2006;Ақмола облысы;участник\r\n' +
          '"Жеңіс\r\nБалабеков";+7 (702) 111-22-33;2005;Ақмола облысы;волонтёр\r\nҚате Телефон;12345;2004;;участник\r\n',
        'utf8',
      ),
    });
    await page.locator('[data-testid=import-counts]').waitFor();
    await settle(page);
    files.push(await screenshot(page, `import-${viewport.width}`));
    await page.goto(deskUrl.replace(/\/desk$/, '/badges?delegation=') + encodeURIComponent('Атырау облысының делегациясы'));
    await page.locator('[data-testid=badge]').first().waitFor().catch(() => {});
    await settle(page);
    files.push(await screenshot(page, `badges-${viewport.width}`));
    await page.goto(deskUrl.replace(/\/desk$/, '/review'));
    await page.locator('[data-testid=review-no-dupes]').waitFor();
    await settle(page);
    files.push(await screenshot(page, `review-${viewport.width}`));
    for (const tab of ['hours', 'shifts', 'totals', 'rules']) {
      await page.goto(deskUrl.replace(/\/desk$/, `/volunteers?tab=${tab}`));
      await page.locator(`[data-testid=tab-${tab}][aria-current=page]`).waitFor();
      await settle(page);
      files.push(await screenshot(page, `volunteers-${tab}-${viewport.width}`));
    }
    await page.goto(`${baseUrl}/settings`);
    await page.locator('[data-testid=sync-url]').fill('ftp://nowhere');
    await page.locator('[data-testid=sync-test]').click();
    await settle(page);
    files.push(await screenshot(page, `settings-sync-${viewport.width}`));

    // The outreach tour's itinerary, day by day and stop by stop.
    await page.goto(`${baseUrl}/`);
    await (await expectCardWithText(page, 'Ақмола')).click();
    await page.locator('[data-testid=programme] li.stop').first().waitFor();
    await settle(page);
    files.push(await screenshot(page, `tour-${viewport.width}`));
  } catch (err) {
    try {
      const file = await screenshot(page, `screenshots-failure-${viewport.width}`);
      console.error(`failure screenshot: ${file}`);
    } catch {
      // Ignore: the original error matters more.
    }
    throw err;
  } finally {
    if (consoleErrors.length > 0) {
      console.warn(`console errors at width ${viewport.width}:\n${formatErrors(consoleErrors)}`);
    }
    await session.close();
  }
  return files;
}

async function main() {
  const usage = 'usage: node tests/e2e/screenshots.mjs [--root DIR]';
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`screenshots.mjs: ${err.message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (opts.help) {
    console.log(usage);
    return;
  }
  const server = await startServer({ root: opts.root, port: 0 });
  try {
    for (const viewport of VIEWPORTS) {
      for (const file of await shoot(server.url, viewport)) console.log(file);
    }
  } finally {
    await server.close();
  }
}

main().catch((err) => {
  console.error(`screenshots.mjs: ${err.stack || err.message}`);
  process.exitCode = 1;
});
