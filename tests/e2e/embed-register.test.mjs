// The self-registration form <jiyn-register> (public/embed/register.js) on a partner
// website, against the real sync server:
// - the partner page is served from another origin (127.0.0.2) than the sync server
//   (127.0.0.1) and has aggressive global CSS (`* { all: unset }`, huge fonts, upper
//   case, red text); the form keeps its own layout and theme at 360 px, and its CSS
//   does not leak onto the page;
// - the language switch keeps what was typed; errors (the form's own and the
//   server's) stand next to their field with the value kept;
// - a registration reaches the server, and the organizer's pull sees it; the page
//   never receives anyone else's data;
// - made offline, a registration is kept in localStorage and sent when the browser is
//   online again, or on the next page load; with the server unreachable it is kept and
//   sent on the next `online` event.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { launchBrowser, formatErrors, screenshot } from './lib/browser.mjs';
import { startSyncServer, REPO } from './lib/sync.mjs';

const WIDGET = path.join(REPO, 'public', 'embed', 'register.js');
const PHONE = { width: 360, height: 780 };

/** A UUID v7 (the server's records and changes use them). */
function uuidv7() {
  const b = new Uint8Array(16);
  const now = Date.now();
  for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
  crypto.getRandomValues(b.subarray(6));
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A change carrying a whole new record, as a device's outbox holds it. */
function change(kind, record) {
  return {
    id: uuidv7(),
    kind,
    record: record.meta.id,
    forum: record.meta.forum,
    hlc: record.meta.hlc,
    fields: Object.keys(record).filter((k) => k !== 'meta').sort(),
    payload: JSON.stringify(record),
  };
}

function meta(id, forum) {
  const hlc = `${String(Date.now()).padStart(13, '0')}-00000-e2e-organizer`;
  return { id, forum, created: hlc, hlc };
}

let sync;
let partner;
let partnerDir;
const forum = uuidv7();
const SECRET = 'Құпия Адам';

async function api(method, urlPath, body) {
  const r = await fetch(`${sync.url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${sync.token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  assert.equal(r.status, 200, text);
  return JSON.parse(text);
}

/** The forum's participants, as the organizer's device pulls them. */
async function pulledPeople() {
  const page = await api('GET', `/v1/forums/${forum}/changes?since=0&limit=1000`);
  return page.records.filter((r) => r.kind === 'participant').map((r) => r.record);
}

async function waitForPerson(name, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await pulledPeople()).find((p) => p.full_name === name);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${name} never reached the server`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function partnerPage() {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner</title>
<style>
  * { all: unset; }
  head, style, script, title { display: none; }
  html, body { display: block; font-size: 48px; font-family: "Times New Roman", serif; color: #c00;
    line-height: 3; letter-spacing: 6px; text-transform: uppercase; word-spacing: 20px; }
  h2, p, button, input, label, legend, form, fieldset { font-size: 72px; color: lime; }
  jiyn-register { --jiyn-accent: rgb(106, 27, 154); --jiyn-radius: 4px; --jiyn-font: Arial, sans-serif; margin: 8px; }
</style>
<script type="module" src="/embed/register.js"></script>
</head>
<body>
<h2 id="partner-heading">Partner</h2>
<jiyn-register server="${sync.url}" forum="${forum}" lang="kk" consent-version="partner-2026-03"
  fields="region organisation"></jiyn-register>
<p id="partner-text">Footer</p>
</body>
</html>
`;
}

before(async () => {
  sync = await startSyncServer({ corsOrigin: 'http://127.0.0.1:9' });
  // The organizer's forum, and someone already registered whose data must never reach
  // the partner page.
  const forumRecord = {
    meta: meta(forum, forum),
    title: { kk: 'Жастар форумы', ru: 'Молодёжный форум', en: 'Youth forum' },
    city: { kk: 'Орал', ru: 'Уральск', en: 'Oral' },
    starts_on: '2026-11-22',
    ends_on: '2026-11-23',
    time_zone: 'Asia/Oral',
    format: 'single',
    venues: [],
    stops: [],
  };
  const secret = {
    meta: meta(uuidv7(), forum),
    full_name: SECRET,
    phone: '+77019998877',
    role: 'participant',
    badge_code: 'K7Q2M9XA',
  };
  const pushed = await api('POST', `/v1/forums/${forum}/changes`, {
    protocol: 1,
    device: 'e2e-organizer',
    changes: [change('forum', forumRecord), change('participant', secret)],
  });
  assert.equal(pushed.accepted.length, 2, JSON.stringify(pushed));
  // The partner's site: its page and the widget's file, on another origin.
  partnerDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'jiyn-e2e-partner-'));
  await fsp.mkdir(path.join(partnerDir, 'embed'));
  await fsp.copyFile(WIDGET, path.join(partnerDir, 'embed', 'register.js'));
  await fsp.writeFile(path.join(partnerDir, 'partner.html'), partnerPage());
  partner = await startServer({ root: partnerDir, port: 0, host: '127.0.0.2' });
});

after(async () => {
  await partner?.close();
  await sync?.close();
  if (partnerDir) await fsp.rm(partnerDir, { recursive: true, force: true });
});

/** Console errors other than the browser's own line for a failed or refused request. */
function realErrors(errors) {
  return errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));
}

const form = (page) => page.locator('jiyn-register');
const field = (page, name) => form(page).locator(`#f-${name}`);
const fieldError = (page, name) => form(page).locator(`#e-${name}`);
const resultText = (page) => form(page).locator('.result-text');
const queued = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) || '[]'), `jiyn-embed:register-queue:${forum}`);

test('a registration from a partner page reaches the server; the form keeps its layout and only ever shows the registrant its own result', { timeout: 300_000 }, async () => {
  const b = await launchBrowser({ viewport: PHONE });
  const { page } = b;
  const seen = [];
  page.on('response', async (r) => {
    if (!r.url().startsWith(sync.url)) return;
    const body = r.request().method() === 'OPTIONS' ? '' : await r.text().catch(() => '');
    seen.push({ method: r.request().method(), url: r.url(), status: r.status(), body });
  });
  try {
    await page.goto(`${partner.url}/partner.html`, { waitUntil: 'load' });
    await form(page).locator('h2', { hasText: 'Форумға тіркелу' }).waitFor();

    // The host page's CSS does not reach the form, and the form's does not leak out.
    const look = await page.evaluate(() => {
      const host = document.querySelector('jiyn-register');
      const s = host.shadowRoot;
      const root = s.querySelector('.root');
      const cs = (e) => getComputedStyle(e);
      const box = (e) => e.getBoundingClientRect();
      const inputs = [...s.querySelectorAll('input, button')].filter((e) => e.offsetParent !== null);
      return {
        innerWidth,
        root: { left: box(root).left, right: box(root).right, scroll: root.scrollWidth, client: root.clientWidth },
        widest: Math.max(...inputs.map((e) => box(e).right)),
        inputFont: cs(s.querySelector('#f-full_name')).fontSize,
        labelFont: cs(s.querySelector('label[for=f-full_name]')).fontSize,
        titleFont: cs(s.querySelector('h2')).fontSize,
        transform: cs(root).textTransform,
        spacing: cs(root).letterSpacing,
        color: cs(s.querySelector('label[for=f-full_name]')).color,
        font: cs(root).fontFamily,
        submitBg: cs(s.querySelector('button[type=submit]')).backgroundColor,
        inputRadius: cs(s.querySelector('#f-full_name')).borderTopLeftRadius,
        pageHeadingFont: cs(document.querySelector('#partner-heading')).fontSize,
        pageHeadingColor: cs(document.querySelector('#partner-heading')).color,
        inputHeight: box(s.querySelector('#f-full_name')).height,
      };
    });
    assert.ok(look.root.left >= 0 && look.root.right <= look.innerWidth, JSON.stringify(look));
    assert.ok(look.root.scroll <= look.root.client, `no overflow inside the form: ${JSON.stringify(look.root)}`);
    assert.ok(look.widest <= look.root.right, 'every control inside the form');
    assert.equal(look.inputFont, '16px');
    assert.equal(look.labelFont, '16px');
    assert.equal(look.titleFont, '20px');
    assert.equal(look.transform, 'none');
    assert.equal(look.spacing, 'normal');
    assert.equal(look.color, 'rgb(29, 36, 51)', 'its own text colour, not the page’s');
    assert.match(look.font, /^Arial/, 'themed by --jiyn-font');
    assert.equal(look.submitBg, 'rgb(106, 27, 154)', 'themed by --jiyn-accent');
    assert.equal(look.inputRadius, '2.4px', 'themed by --jiyn-radius');
    assert.ok(look.inputHeight >= 44, 'a touch-sized input');
    assert.equal(look.pageHeadingFont, '72px', 'the page keeps its own CSS');
    assert.equal(look.pageHeadingColor, 'rgb(0, 255, 0)');
    await screenshot(page, 'embed-register-360-kk');

    // Typing, then switching the language: the text changes, what was typed stays.
    await field(page, 'full_name').fill('Ақбота Оқасова');
    await field(page, 'region').fill('Батыс Қазақстан');
    await form(page).getByRole('button', { name: 'Русский' }).click();
    await form(page).locator('h2', { hasText: 'Регистрация на форум' }).waitFor();
    assert.equal(await field(page, 'full_name').inputValue(), 'Ақбота Оқасова');
    assert.equal(await form(page).getByRole('button', { name: 'Русский' }).getAttribute('aria-pressed'), 'true');
    assert.match(await form(page).locator('.consent').innerText(), /partner-2026-03/, 'the consent text’s version is shown');

    // Under 18: the guardian's part appears; without it the form says what is missing
    // next to each field and keeps everything typed.
    const minorYear = new Date().getFullYear() - 15;
    await field(page, 'birth_year').fill(String(minorYear));
    await form(page).locator('fieldset.guardian').waitFor();
    await field(page, 'consent').check();
    await form(page).getByRole('button', { name: 'Зарегистрироваться' }).click();
    await fieldError(page, 'guardian_name').waitFor();
    assert.match(await fieldError(page, 'guardian_name').innerText(), /младше 18/);
    assert.match(await fieldError(page, 'guardian_agree').innerText(), /согласие/);
    assert.equal(await field(page, 'guardian_name').getAttribute('aria-invalid'), 'true');
    assert.equal(await field(page, 'full_name').inputValue(), 'Ақбота Оқасова');
    assert.equal(await field(page, 'guardian_name').evaluate((e) => e === e.getRootNode().activeElement), true, 'focus on the first error');
    await screenshot(page, 'embed-register-360-errors');
    assert.equal(seen.filter((r) => r.method === 'POST').length, 0, 'nothing sent yet');

    // The server's refusal (no +7 0… numbers) stands next to the phone field.
    await field(page, 'guardian_name').fill('Гүлнар Оқасова');
    await field(page, 'guardian_agree').check();
    await field(page, 'phone').fill('+7 001 234 56 78');
    await form(page).getByRole('button', { name: 'Зарегистрироваться' }).click();
    await fieldError(page, 'phone').waitFor();
    assert.match(await fieldError(page, 'phone').innerText(), /Проверьте номер/);
    assert.equal(await field(page, 'phone').inputValue(), '+7 001 234 56 78');
    assert.equal(await field(page, 'full_name').inputValue(), 'Ақбота Оқасова');

    await field(page, 'phone').fill('8 701 555 00 11');
    await form(page).getByRole('button', { name: 'Зарегистрироваться' }).click();
    await resultText(page).filter({ hasText: 'Вы зарегистрированы' }).waitFor();
    await screenshot(page, 'embed-register-360-registered');

    const p = await waitForPerson('Ақбота Оқасова');
    assert.equal(p.phone, '+77015550011');
    assert.equal(p.birth_year, minorYear);
    assert.equal(p.region, 'Батыс Қазақстан');
    assert.equal(p.role, 'participant');
    assert.match(p.badge_code, /^[0-9A-HJKMNP-TV-Z]{8}$/);
    assert.equal(p.consent.text_version, 'partner-2026-03');
    assert.equal(p.consent.language, 'ru');
    assert.deepEqual(p.consent.guardian, { full_name: 'Гүлнар Оқасова' });

    // The page only ever posted registrations, and only ever heard back a status or a
    // refusal: nobody's data, not even the registrant's own.
    assert.ok(seen.length >= 2, JSON.stringify(seen));
    for (const r of seen) {
      assert.ok(['POST', 'OPTIONS'].includes(r.method), `${r.method} ${r.url}`);
      assert.ok(r.url.endsWith(`/v1/forums/${forum}/registrations`), r.url);
      for (const secret of [SECRET, '77019998877', 'K7Q2M9XA', 'Ақбота', p.badge_code]) {
        assert.ok(!r.body.includes(secret), `${secret} in ${r.body}`);
      }
    }
    assert.ok(seen.some((r) => r.body === '{"status":"registered"}'));
    assert.ok(!(await form(page).innerText()).includes(SECRET));

    // "Register someone else" brings back an empty form.
    await form(page).getByRole('button', { name: 'Зарегистрировать ещё одного' }).click();
    assert.equal(await field(page, 'full_name').inputValue(), '');
    assert.equal(await field(page, 'full_name').evaluate((e) => e === e.getRootNode().activeElement), true);
    assert.deepEqual(realErrors(b.consoleErrors), [], formatErrors(b.consoleErrors));
  } catch (err) {
    await screenshot(page, 'failure-embed-register').catch(() => {});
    throw err;
  } finally {
    await b.close();
  }
});

/** Fills the form for an adult and submits it. */
async function registerAdult(page, name, submit) {
  await field(page, 'full_name').fill(name);
  await field(page, 'birth_year').fill('1999');
  await field(page, 'consent').check();
  await form(page).getByRole('button', { name: submit }).click();
}

test('offline, a registration waits in the partner site’s storage and reaches the server when online again or on the next page load', { timeout: 300_000 }, async () => {
  const b = await launchBrowser({ viewport: PHONE });
  const { context } = b;
  let page = b.page;
  try {
    await page.goto(`${partner.url}/partner.html`, { waitUntil: 'load' });
    await form(page).locator('h2', { hasText: 'Форумға тіркелу' }).waitFor();
    await form(page).getByRole('button', { name: 'English' }).click();

    // Offline: kept, said so, not on the server.
    await context.setOffline(true);
    await registerAdult(page, 'Ерлан Сейітов', 'Register');
    await resultText(page).filter({ hasText: 'Saved, will be sent when you are online.' }).waitFor();
    await screenshot(page, 'embed-register-360-offline');
    const waiting = await queued(page);
    assert.equal(waiting.length, 1);
    assert.equal(waiting[0].body.full_name, 'Ерлан Сейітов');
    assert.match(waiting[0].body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!(await pulledPeople()).some((p) => p.full_name === 'Ерлан Сейітов'));

    // Online again: sent by the `online` event, and the message says so.
    await context.setOffline(false);
    await resultText(page).filter({ hasText: 'You are registered. Thank you!' }).waitFor();
    const erlan = await waitForPerson('Ерлан Сейітов');
    assert.equal(erlan.meta.id, waiting[0].body.id, 'the id made in the browser');
    assert.deepEqual(await queued(page), []);

    // Offline again, and the page is closed before the network comes back: the next
    // visit sends it.
    await form(page).getByRole('button', { name: 'Register someone else' }).click();
    await context.setOffline(true);
    await registerAdult(page, 'Дана Нұрова', 'Register');
    await resultText(page).filter({ hasText: 'Saved' }).waitFor();
    assert.equal((await queued(page)).length, 1);
    await page.close();
    await context.setOffline(false);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!(await pulledPeople()).some((p) => p.full_name === 'Дана Нұрова'), 'nothing sent while no page was open');
    page = await context.newPage();
    await page.goto(`${partner.url}/partner.html`, { waitUntil: 'load' });
    await form(page).locator('.notice', { hasText: 'Сақталған тіркеу жіберілді.' }).waitFor();
    await waitForPerson('Дана Нұрова');
    assert.deepEqual(await queued(page), []);
    assert.equal(await field(page, 'full_name').inputValue(), '', 'an earlier visit’s data is not shown');

    // Online but the server cannot be reached: kept, and sent on the next `online`.
    await page.route(`${sync.url}/**`, (route) => route.abort('connectionrefused'));
    await registerAdult(page, 'Сәуле Мұратова', 'Тіркелу');
    await resultText(page).filter({ hasText: 'Сервер қазір жауап бермей тұр' }).waitFor();
    assert.equal((await queued(page)).length, 1);
    await page.unroute(`${sync.url}/**`);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await resultText(page).filter({ hasText: 'Сіз тіркелдіңіз' }).waitFor();
    await waitForPerson('Сәуле Мұратова');
    assert.deepEqual(await queued(page), []);

    // Each registration is stored once, however it travelled.
    const people = await pulledPeople();
    for (const name of ['Ерлан Сейітов', 'Дана Нұрова', 'Сәуле Мұратова']) {
      assert.equal(people.filter((p) => p.full_name === name).length, 1, name);
    }
    assert.deepEqual(realErrors(b.consoleErrors), [], formatErrors(b.consoleErrors));
  } catch (err) {
    await screenshot(page, 'failure-embed-register-offline').catch(() => {});
    throw err;
  } finally {
    await b.close();
  }
});
