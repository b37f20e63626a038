// Backup and restore, end to end: download a backup, wipe the database, restore it,
// and compare every record; a damaged or foreign file is refused and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { DIST_ROOT, FIRST_LOAD_TIMEOUT, UI_TIMEOUT, loadDemo, openApp, switchLanguage, waitForEmptyState } from './lib/app.mjs';
import { counts, deleteDatabase, dumpRecords } from './lib/db.mjs';

let server;
let tmp;
before(async () => {
  server = await startServer({ root: DIST_ROOT });
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'jiyn-backup-'));
});
after(async () => {
  await server?.close();
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

/** Opens the settings page and downloads a backup of everything; returns the file path. */
async function downloadBackup(page) {
  await page.locator('[data-testid=nav-settings]').click();
  await page.locator('[data-testid=backup-download]').waitFor({ timeout: UI_TIMEOUT });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=backup-download]').click(),
  ]);
  assert.match(download.suggestedFilename(), /^jiyn-.*-all\.jiyn\.json$/);
  const file = path.join(tmp, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await page.locator('[data-testid=backup-result]').filter({ hasText: /\d/ }).waitFor({ timeout: UI_TIMEOUT });
  return file;
}

/** Restores `file` on the settings page; returns the result or error text. */
async function restore(page, file) {
  await page.locator('[data-testid=restore-file]').setInputFiles(file);
  const outcome = page.locator('[data-testid=restore-result], [data-testid=restore-error]');
  await outcome.first().waitFor({ timeout: 60_000 });
  return {
    ok: (await page.locator('[data-testid=restore-result]').count()) === 1,
    text: (await outcome.first().textContent()).trim(),
  };
}

test('backup, wipe, restore gives identical data, and a second restore adds nothing', async (t) => {
  await withBrowser(t, {}, async (b) => {
    const { page } = b;
    await openApp(page, server.url);
    await loadDemo(page);
    const before = await dumpRecords(page);
    assert.ok(before.participants.length >= 900, 'the demo is stored');
    const file = await downloadBackup(page);
    // The settings page says honestly whether the browser will keep the data.
    const persisted = page.locator('[data-testid=storage-persisted]');
    const kept = await persisted.getAttribute('data-persisted');
    assert.ok(['true', 'false'].includes(kept), `persistence shown: ${kept}`);
    assert.match(await persisted.textContent(), kept === 'true' ? /өздігінен өшірмеуге/ : /өшіріп жіберуі мүмкін/);
    const parsed = JSON.parse(await fsp.readFile(file, 'utf8'));
    assert.equal(parsed.format, 'jiyn-backup');
    // The demo has volunteer shifts: the lowest version that holds them is 3.
    assert.equal(parsed.version, 3);
    assert.match(parsed.sha256, /^[0-9a-f]{64}$/);

    // Wipe: the app gives up its connection and asks for a reload.
    assert.equal(await deleteDatabase(page), 'deleted');
    await page.locator('[data-testid=reload-needed]').waitFor({ timeout: UI_TIMEOUT });
    await page.goto(`${server.url}/`);
    await waitForEmptyState(page, FIRST_LOAD_TIMEOUT);
    assert.deepEqual(counts(await dumpRecords(page)), { forums: 0, sessions: 0, participants: 0, checkins: 0, hours: 0, projects: 0, signups: 0, shifts: 0, activities: 0 });

    await page.goto(`${server.url}/settings`);
    const first = await restore(page, file);
    assert.ok(first.ok, `restore failed: ${first.text}`);
    const after = await dumpRecords(page);
    assert.deepEqual(counts(after), counts(before));
    for (const store of Object.keys(before)) {
      assert.deepEqual(after[store], before[store], `${store} identical record by record`);
    }

    const second = await restore(page, file);
    assert.ok(second.ok, second.text);
    assert.match(second.text, /: 0 /, `nothing new the second time: ${second.text}`);
    assert.deepEqual(await dumpRecords(page), before, 'restoring twice creates no duplicates');
  });
});

test('damaged, cut-short, foreign and newer files are refused in the chosen language and change nothing', async (t) => {
  await withBrowser(t, {}, async (b) => {
    const { page } = b;
    await openApp(page, server.url);
    await loadDemo(page);
    const good = await fsp.readFile(await downloadBackup(page), 'utf8');
    const stored = await dumpRecords(page);

    const write = async (name, text) => {
      const f = path.join(tmp, name);
      await fsp.writeFile(f, text);
      return f;
    };
    const cases = [
      ['damaged.json', good.replace('Орал', 'Арал'), /бүлінген/],
      ['cut.json', good.slice(0, Math.floor(good.length / 2)), /толық емес/],
      ['foreign.json', JSON.stringify({ schedule: { version: '1.0' } }), /Жиын көшірмесі емес/],
      ['newer.json', good.replace(/"version":\d+/, '"version":9'), /жаңарақ нұсқасы/],
      ['binary.json', '\u0000\u0001PK garbage', /JSON/],
    ];
    for (const [name, text, message] of cases) {
      const result = await restore(page, await write(name, text));
      assert.equal(result.ok, false, `${name} must be refused`);
      assert.match(result.text, message, `${name}: ${result.text}`);
      assert.deepEqual(await dumpRecords(page), stored, `${name} changed nothing`);
    }

    await switchLanguage(page, 'ru');
    const ru = await restore(page, await write('damaged-ru.json', good.replace('Орал', 'Арал')));
    assert.match(ru.text, /повреждён/, ru.text);
  });
});
