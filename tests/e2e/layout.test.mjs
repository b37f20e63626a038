// Phones first: every page fits a 360 px wide screen without sideways scrolling,
// in all three languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { screenshot, withBrowser } from './lib/browser.mjs';
import { DIST_ROOT, LANGS, appPaths, loadDemo, openApp, switchLanguage } from './lib/app.mjs';

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT });
});
after(async () => {
  await server?.close();
});

test('every page fits 360 px in kk, ru and en', async (t) => {
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async (b) => {
    const { page } = b;
    await openApp(page, server.url);
    await loadDemo(page);
    const paths = await appPaths(page, server.url);
    for (const lang of LANGS) {
      await switchLanguage(page, lang);
      for (const p of paths) {
        await page.goto(`${server.url}${p}`);
        await page.locator('main h1').first().waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) await screenshot(page, `overflow-${lang}${p.replace(/\W+/g, '-')}`);
        assert.ok(width <= 360, `${lang} ${p} is ${width}px wide`);
      }
    }
  });
});
