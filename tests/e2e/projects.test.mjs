// Social projects, end to end on a 360 px phone: the Taraz forum's projects page shows
// plan vs done exactly as the seed file has it (overdue targets in words, met ones
// marked); a wrong activity is refused next to its fields and keeps what was typed;
// logging an activity advances its target by its count and survives a reload; offline
// (the service worker serves the app, IndexedDB the data) the page shows the same, and
// an entry deleted there comes back with Undo.
//
// The browser's clock is fixed at 2025-09-26 11:00 in Taraz (Asia/Almaty, UTC+5), so
// which targets are overdue does not depend on the day the test runs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';

import { startServer } from './server.mjs';
import { withBrowser } from './lib/browser.mjs';
import { ensureServiceWorkerControl } from './lib/offline.mjs';
import {
  DIST_ROOT,
  UI_TIMEOUT,
  openApp,
  loadDemo,
  expectCardWithText,
  expectForumTitle,
  switchLanguage,
} from './lib/app.mjs';

const TEST_TIMEOUT = 240_000;
const SEED_URL = new URL('../../seeds/taraz-projects.json', import.meta.url);
/** 11:00 on 26 September 2025 in Taraz. */
const NOW = new Date('2025-09-26T06:00:00Z');
const TODAY = '2025-09-26';

let server;
before(async () => {
  server = await startServer({ root: DIST_ROOT, port: 0 });
});
after(async () => {
  await server?.close();
});

/** "1,000": English digit grouping, as the page writes counts in English. */
const en = (n) => n.toLocaleString('en-US');

/** What the page must show for a seed target on TODAY (no activity logged). */
function expected(target) {
  const met = target.done >= target.planned;
  return {
    planned: target.planned,
    done: target.done,
    met,
    overdue: !met && target.deadline < TODAY,
    percent: met ? 100 : Math.floor((target.done * 100) / target.planned),
  };
}

/** Every target row of the page: project id, target id, figures and visible text. */
function readTargets(page) {
  return page.$$eval('[data-testid=project]', (cards) =>
    cards.map((card) => ({
      project: card.dataset.projectId,
      title: card.querySelector('h2').textContent.trim(),
      targets: [...card.querySelectorAll('[data-testid=target-progress]')].map((row) => {
        const bar = row.querySelector('[role=progressbar]');
        return {
          id: row.dataset.targetId,
          metric: row.querySelector('.pj-metric').textContent.trim(),
          planned: Number(row.dataset.planned),
          done: Number(row.dataset.done),
          met: row.dataset.met === 'true',
          overdue: row.dataset.overdue === 'true',
          count: row.querySelector('[data-testid=target-count]').textContent.trim(),
          valueNow: Number(bar.getAttribute('aria-valuenow')),
          valueMax: Number(bar.getAttribute('aria-valuemax')),
          label: bar.getAttribute('aria-labelledby'),
          overdueText: row.querySelector('[data-testid=target-overdue]')?.textContent.trim() ?? null,
          metText: row.querySelector('[data-testid=target-met]')?.textContent.trim() ?? null,
        };
      }),
    })),
  );
}

/** Live records of the app's `activities` store, read with raw IndexedDB. */
function storedActivities(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('jiyn');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('activities').objectStore('activities').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result.filter((a) => !a.meta.deleted));
          };
          req.onerror = () => {
            db.close();
            reject(req.error);
          };
        };
      }),
  );
}

/** The card of `title` and its target row of `metric` (English texts, substrings). */
function targetRow(page, title, metric) {
  const card = page.locator('[data-testid=project]', { has: page.locator('h2', { hasText: title }) });
  const metricCell = page.locator('.pj-metric', { hasText: metric });
  return {
    card,
    row: card.locator('[data-testid=target-progress]', { has: metricCell }),
    /** Waits until the row shows `done`. */
    waitForDone: (done) =>
      card
        .locator(`[data-testid=target-progress][data-done="${done}"]`, { has: metricCell })
        .waitFor({ timeout: UI_TIMEOUT }),
  };
}

test('projects: plan vs done is the seed; an activity logged advances its target, survives reload, and the page works offline', { timeout: TEST_TIMEOUT }, async (t) => {
  const seed = JSON.parse(await fsp.readFile(SEED_URL, 'utf8'));
  await withBrowser(t, { viewport: { width: 360, height: 740 } }, async ({ page, context }) => {
    await page.clock.setFixedTime(NOW);
    await openApp(page, server.url);
    await loadDemo(page);
    await (await expectCardWithText(page, 'Тараз')).click();
    await expectForumTitle(page, 'Тараз');
    const forumPath = new URL(page.url()).pathname;
    await switchLanguage(page, 'en');

    await page.goto(`${server.url}${forumPath}/projects`);
    await page.locator('[data-testid=project]').first().waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=project]').length === n, seed.projects.length, {
      timeout: UI_TIMEOUT,
    });

    // Plan vs done, project by project and target by target, in the seed's order.
    const shown = await readTargets(page);
    assert.deepEqual(
      shown.map((p) => p.title),
      seed.projects.map((p) => p.title.en),
      'every seed project, in the seed order',
    );
    let overdueSeen = 0;
    let metSeen = 0;
    for (const [i, project] of seed.projects.entries()) {
      const card = shown[i];
      assert.equal(card.targets.length, project.targets.length, `${project.key}: every target`);
      for (const [j, target] of project.targets.entries()) {
        const want = expected(target);
        const got = card.targets[j];
        const where = `${project.key}/${target.key}`;
        assert.equal(got.metric, target.metric.en, where);
        assert.equal(got.planned, want.planned, `${where} planned`);
        assert.equal(got.done, want.done, `${where} done`);
        assert.equal(got.count, `${en(want.done)} / ${en(want.planned)} ${target.unit.en} · ${want.percent}%`, `${where} visible text`);
        assert.equal(got.valueNow, want.percent, `${where} aria-valuenow`);
        assert.equal(got.valueMax, 100, `${where} aria-valuemax`);
        assert.ok(got.label, `${where}: the bar is labelled by its metric`);
        assert.equal(got.met, want.met, `${where} met`);
        assert.equal(got.overdue, want.overdue, `${where} overdue`);
        if (want.overdue) {
          overdueSeen += 1;
          // Not colour alone: the words and the deadline.
          assert.match(got.overdueText, /Overdue — deadline: \d+ \w+ 2025/, `${where} says it is overdue`);
        } else {
          assert.equal(got.overdueText, null, `${where} is not marked overdue`);
        }
        if (want.met) metSeen += 1;
        assert.equal(got.metText !== null, want.met, `${where} marked met`);
      }
    }
    assert.ok(overdueSeen > 0 && metSeen > 0, `the seed has overdue (${overdueSeen}) and met (${metSeen}) targets on ${TODAY}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width}px wide`);

    // Log an activity for the offence-prevention project's student meetings (4 of 10).
    const TITLE = 'Preventing offences and crime among teenagers and young people';
    const METRIC = 'Meetings with students, with law-enforcement representatives';
    const { card, row, waitForDone } = targetRow(page, TITLE, METRIC);
    await waitForDone(4);
    const targetId = await row.getAttribute('data-target-id');
    await card.locator('[data-testid=activity-form-open]').click();
    const form = card.locator('[data-testid=activity-form]');
    await form.locator('[data-testid=activity-target]').selectOption(targetId);
    const NOTE = 'meeting held on 25 September, 40 students, with police officers';

    // Wrong first: after the project's end and a count of 0. Refused at the fields;
    // what was typed stays; nothing is stored.
    await form.locator('[data-testid=activity-date]').fill('2025-11-05');
    await form.locator('[data-testid=activity-count]').fill('0');
    await form.locator('[data-testid=activity-attendees]').fill('40');
    await form.locator('[data-testid=activity-note]').fill(NOTE);
    await form.locator('[data-testid=activity-save]').click();
    await form.locator('[data-testid=activity-error-date]', { hasText: 'The project ended on 31 October 2025' }).waitFor();
    await form.locator('[data-testid=activity-error-count]', { hasText: 'at least 1' }).waitFor();
    assert.equal(await form.locator('[data-testid=activity-count]').getAttribute('aria-invalid'), 'true');
    assert.equal(await form.locator('[data-testid=activity-note]').inputValue(), NOTE, 'what was typed stays');
    assert.equal(await form.locator('[data-testid=activity-attendees]').inputValue(), '40');
    assert.equal((await storedActivities(page)).length, 0, 'nothing stored');

    // Corrected, and saved from the keyboard.
    await form.locator('[data-testid=activity-date]').fill('2025-09-25');
    await form.locator('[data-testid=activity-count]').fill('2');
    await form.locator('[data-testid=activity-count]').press('Enter');
    await waitForDone(6);
    assert.equal(await form.locator('[data-testid=activity-error-count]').textContent(), '');
    const entry = card.locator('[data-testid=activity-log] [data-testid=activity]').first();
    await entry.waitFor();
    const entryText = await entry.textContent();
    for (const part of ['25 September 2025', METRIC, '+2 meetings', '40 attendees', NOTE]) {
      assert.ok(entryText.includes(part), `the log entry shows ${JSON.stringify(part)}: ${entryText}`);
    }
    assert.match(await row.locator('[data-testid=target-count]').textContent(), /^6 \/ 10 meetings · 60%$/);
    let stored = await storedActivities(page);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].target, targetId);
    assert.equal(stored[0].count, 2);
    assert.equal(stored[0].on, '2025-09-25');
    assert.equal(stored[0].attendees, 40);
    assert.equal(stored[0].note, NOTE);
    assert.equal(await form.locator('[data-testid=activity-count]').inputValue(), '1', 'ready for the next entry');
    assert.ok(
      await card.locator('[data-testid=activity-form-box]').evaluate((d) => d.open),
      'the card was refreshed in place: its form is still open',
    );
    await card.locator('[data-testid=activity-saved]', { hasText: '+2' }).waitFor();

    // A reload shows the same.
    await page.reload({ waitUntil: 'load' });
    await targetRow(page, TITLE, METRIC).waitForDone(6);
    const afterReload = await readTargets(page);

    // Offline: the same page, from the service worker and IndexedDB.
    await ensureServiceWorkerControl(page);
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    const offline = targetRow(page, TITLE, METRIC);
    await offline.waitForDone(6);
    assert.deepEqual(await readTargets(page), afterReload, 'offline, the page shows the same');

    // Delete the entry offline: done goes back to 4; Undo brings it back to 6.
    await offline.card.locator('[data-testid=activity-delete]').first().click();
    await offline.waitForDone(4);
    assert.equal((await storedActivities(page)).length, 0);
    await offline.card.locator('[data-testid=activity-undo]').click();
    await offline.waitForDone(6);
    stored = await storedActivities(page);
    assert.equal(stored.length, 1, 'undo restores the entry');
    assert.equal(stored[0].count, 2);
    await context.setOffline(false);
  });
});
