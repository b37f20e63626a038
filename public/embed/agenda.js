// <jiyn-agenda>: a forum's programme on a partner website (docs/embedding.md).
//
//   <script type="module" src="https://…/embed.js"></script>
//   <jiyn-agenda feed="https://…/v1/forums/<forum>/agenda.json" lang="kk"></jiyn-agenda>
//
// It reads only the public agenda feed (docs/agenda-feed.md). The feed is decoded and
// prepared by a small wasm (crates/embed: ./jiyn_embed.js and ./jiyn_embed_bg.wasm,
// built by scripts/embed-build.sh): days and times in the forum's time zone, the grid
// by room, what is on now and next by the forum's clock, the filters. This file only
// builds the DOM and toggles `hidden`.
//
// - Shadow DOM (open) with its own CSS: the page's CSS cannot reach inside, and this
//   CSS cannot leak out. Themed with --jiyn-accent, --jiyn-bg, --jiyn-fg, --jiyn-muted,
//   --jiyn-line, --jiyn-card, --jiyn-now, --jiyn-font, --jiyn-font-size, --jiyn-radius.
// - A list on narrow containers, a grid by room (one day) on wide ones, decided by the
//   element's own width (ResizeObserver), not the window's; `layout="list|grid"` forces.
// - Day tabs, now/next, filters (search, kind, venue, room, language, "my programme").
// - Bookmarks per forum in this site's localStorage: `jiyn-embed:bookmarks:<forum id>`.
// - Languages kk/ru/en: the `lang` attribute, a switch, every string below in three.
// - The last feed seen is kept in localStorage (`jiyn-embed:feed:<feed URL>`, with the
//   time it was fetched) and shown, marked as possibly outdated, when the feed cannot
//   be fetched.
// Events: `jiyn-agenda-render` (detail: {sessions, ms, start, cached}: `ms` from the feed
// text in hand to the DOM built and laid out, `start` its performance.now()) after each render,
// `jiyn-agenda-error` (detail: {code, status}) when there is nothing to show.

import init, { Agenda } from './jiyn_embed.js';

export const TAG = 'jiyn-agenda';
const LANGS = ['kk', 'ru', 'en'];
const FETCH_TIMEOUT_MS = 15_000;
const TICK_MS = 30_000;
const REFRESH_MS = 5 * 60_000;
/** Grid needs this many pixels per room column (plus the time column). */
const GRID_COL_PX = 112;
const GRID_TIME_PX = 56;
/** Hysteresis so a scrollbar appearing cannot flip the layout back and forth. */
const GRID_SLACK_PX = 24;
const NARROW_PX = 320;
const NOW_NEXT_MAX = 3;

const KINDS = {
  plenary: ['Пленарлық отырыс', 'Пленарное заседание', 'Plenary'],
  dialogue_platform: ['Диалог алаңы', 'Диалоговая площадка', 'Dialogue platform'],
  training: ['Тренинг', 'Тренинг', 'Training'],
  intellectual_game: ['Зияткерлік ойын', 'Интеллектуальная игра', 'Intellectual game'],
  consultation: ['Кеңес беру', 'Консультация', 'Consultation'],
  ceremony: ['Салтанатты рәсім', 'Церемония', 'Ceremony'],
  meeting: ['Кездесу', 'Встреча', 'Meeting'],
  excursion: ['Экскурсия', 'Экскурсия', 'Excursion'],
  other: ['Басқа', 'Другое', 'Other'],
};

const MONTHS = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const WEEKDAYS = {
  kk: ['дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі', 'жексенбі'],
  ru: ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

const STRINGS = {
  kk: {
    region: 'Форум бағдарламасы',
    language: 'Тіл',
    langName: 'Қазақша',
    langShort: 'ҚАЗ',
    loading: 'Бағдарлама жүктелуде…',
    stale: 'Бағдарлама ескірген болуы мүмкін: жаңасы жүктелмеді, {when} сақталған нұсқа көрсетілді.',
    staleBad: 'Жаңа бағдарламаны оқу мүмкін болмады; {when} сақталған нұсқа көрсетілді.',
    offline: 'Бағдарлама жүктелмеді: желі жоқ, сақталған нұсқа да жоқ. Кейінірек қайталап көріңіз.',
    http: 'Бағдарлама жүктелмеді: сервер {status} кодымен жауап берді.',
    not_json: 'Бағдарлама файлы оқылмады (JSON емес).',
    truncated: 'Бағдарлама файлы толық жүктелмеді.',
    foreign: 'Бұл файл Jiyn бағдарламасы емес.',
    newer: 'Бағдарламаны Jiyn-нің жаңа нұсқасы жасаған; бұл виджет оны оқи алмайды.',
    malformed: 'Бағдарлама файлы бүлінген.',
    too_large: 'Бағдарлама файлы тым үлкен.',
    nofeed: 'Бағдарлама мекенжайы көрсетілмеген (feed атрибуты).',
    wasm: 'Бұл браузер бағдарламаны көрсете алмайды.',
    now: 'Қазір',
    next: 'Келесі',
    onNow: 'Қазір өтіп жатыр',
    days: 'Күндер',
    filters: 'Сүзгілер',
    search: 'Іздеу',
    searchHint: 'Атауы, спикер, зал',
    kind: 'Түрі',
    anyKind: 'Барлық түрі',
    venue: 'Өтетін орны',
    anyVenue: 'Барлық орын',
    room: 'Зал',
    anyRoom: 'Барлық зал',
    slang: 'Өткізу тілі',
    anyLang: 'Кез келген тіл',
    mine: 'Менің бағдарламам',
    add: 'Бағдарламама қосу: {t}',
    remove: 'Бағдарламамнан алып тастау: {t}',
    reset: 'Сүзгіні тазарту',
    count: '{total} сессияның {n} көрсетілді',
    empty: 'Бұл сүзгілерге сәйкес сессия жоқ.',
    emptyMine: 'Бұл күні бағдарламаңызда ештеңе жоқ: сессияны қосу үшін ☆ басыңыз.',
    speakers: 'Спикерлер',
    details: 'Толығырақ',
    seats: '{n} орын',
    times: 'Уақыт: {zone} (UTC{offset})',
    other: 'Басқа',
    more: 'тағы {n}',
    until: '{t} дейін',
  },
  ru: {
    region: 'Программа форума',
    language: 'Язык',
    langName: 'Русский',
    langShort: 'РУС',
    loading: 'Программа загружается…',
    stale: 'Программа может быть устаревшей: новую загрузить не удалось, показана копия от {when}.',
    staleBad: 'Новую программу прочитать не удалось; показана копия от {when}.',
    offline: 'Программа не загрузилась: нет сети и нет сохранённой копии. Попробуйте позже.',
    http: 'Программа не загрузилась: сервер ответил кодом {status}.',
    not_json: 'Файл программы не читается (это не JSON).',
    truncated: 'Файл программы загрузился не полностью.',
    foreign: 'Этот файл — не программа Jiyn.',
    newer: 'Программа сделана более новой версией Jiyn; этот виджет её не читает.',
    malformed: 'Файл программы повреждён.',
    too_large: 'Файл программы слишком большой.',
    nofeed: 'Не указан адрес программы (атрибут feed).',
    wasm: 'Этот браузер не может показать программу.',
    now: 'Сейчас',
    next: 'Далее',
    onNow: 'Идёт сейчас',
    days: 'Дни',
    filters: 'Фильтры',
    search: 'Поиск',
    searchHint: 'Название, спикер, зал',
    kind: 'Формат',
    anyKind: 'Все форматы',
    venue: 'Площадка',
    anyVenue: 'Все площадки',
    room: 'Зал',
    anyRoom: 'Все залы',
    slang: 'Язык проведения',
    anyLang: 'Любой язык',
    mine: 'Моя программа',
    add: 'Добавить в мою программу: {t}',
    remove: 'Убрать из моей программы: {t}',
    reset: 'Сбросить фильтры',
    count: 'Показано {n} из {total}',
    empty: 'Нет сессий по этим фильтрам.',
    emptyMine: 'В этот день в вашей программе ничего нет: нажмите ☆, чтобы добавить сессию.',
    speakers: 'Спикеры',
    details: 'Подробнее',
    seats: '{n} мест',
    times: 'Время: {zone} (UTC{offset})',
    other: 'Другое',
    more: 'ещё {n}',
    until: 'до {t}',
  },
  en: {
    region: 'Forum programme',
    language: 'Language',
    langName: 'English',
    langShort: 'ENG',
    loading: 'Loading the programme…',
    stale: 'The programme may be outdated: the latest could not be loaded; showing the copy saved {when}.',
    staleBad: 'The new programme could not be read; showing the copy saved {when}.',
    offline: 'The programme could not be loaded: no connection and no saved copy. Try again later.',
    http: 'The programme could not be loaded: the server answered {status}.',
    not_json: 'The programme file could not be read (not JSON).',
    truncated: 'The programme file did not load completely.',
    foreign: 'This file is not a Jiyn programme.',
    newer: 'The programme was made by a newer version of Jiyn; this widget cannot read it.',
    malformed: 'The programme file is damaged.',
    too_large: 'The programme file is too large.',
    nofeed: 'No programme address given (the feed attribute).',
    wasm: 'This browser cannot show the programme.',
    now: 'Now',
    next: 'Up next',
    onNow: 'On now',
    days: 'Days',
    filters: 'Filters',
    search: 'Search',
    searchHint: 'Title, speaker, room',
    kind: 'Kind',
    anyKind: 'All kinds',
    venue: 'Venue',
    anyVenue: 'All venues',
    room: 'Room',
    anyRoom: 'All rooms',
    slang: 'Held in',
    anyLang: 'Any language',
    mine: 'My programme',
    add: 'Add to my programme: {t}',
    remove: 'Remove from my programme: {t}',
    reset: 'Clear filters',
    count: '{n} of {total} sessions',
    empty: 'No sessions match these filters.',
    emptyMine: 'Nothing in your programme on this day: press ☆ on a session to add it.',
    speakers: 'Speakers',
    details: 'Details',
    seats: '{n} seats',
    times: 'Times: {zone} (UTC{offset})',
    other: 'Other',
    more: '{n} more',
    until: 'until {t}',
  },
};

const CSS = `
/* The host is a block (flow-root) holding one floated box: text decorations of the
   page (an underline on a parent div) propagate to in-flow boxes only, so the float
   keeps them out; "all: initial" resets everything that is inherited. */
:host { display: flow-root !important; min-width: 0; }
:host([hidden]) { display: none !important; }
.w {
  all: initial; display: block; float: left; width: 100%; box-sizing: border-box; min-width: 0; max-width: 100%;
  --a: var(--jiyn-accent, #0b6e4f); --bg: var(--jiyn-bg, #ffffff); --fg: var(--jiyn-fg, #1d2433);
  --mu: var(--jiyn-muted, #5a6472); --ln: var(--jiyn-line, #d3d8df); --cd: var(--jiyn-card, #f5f7f9);
  --nw: var(--jiyn-now, #fff4cc); --r: var(--jiyn-radius, 10px);
  font-family: var(--jiyn-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif);
  font-size: var(--jiyn-font-size, 16px); line-height: 1.4; color: var(--fg); background: var(--bg);
  text-align: start; overflow-wrap: anywhere; padding: .75em; border-radius: var(--r);
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
.w *, .w *::before, .w *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
h2, h3, p, ul { margin: 0; padding: 0; }
ul { list-style: none; }
button, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--a); outline-offset: 2px; }
.top { display: flex; flex-wrap: wrap; gap: .5em 1em; align-items: flex-start; justify-content: space-between; }
.ttl { min-width: 0; flex: 1 1 12em; }
.title { font-size: 1.25em; line-height: 1.25; font-weight: 700; }
.meta, .foot, .count { color: var(--mu); font-size: .875em; }
.seg { display: flex; flex-wrap: wrap; gap: .25em; }
.seg button, .tools button {
  border: 1px solid var(--ln); background: var(--bg); border-radius: calc(var(--r) * .6);
  padding: .3em .65em; min-height: 2.25em; line-height: 1.2;
}
.seg button[aria-pressed="true"], .tools button[aria-pressed="true"] { background: var(--a); border-color: var(--a); color: #fff; }
.note { margin-top: .75em; padding: .5em .75em; border-radius: calc(var(--r) * .6); background: var(--cd); border-left: 4px solid var(--mu); }
.note.warn { background: var(--nw); border-left-color: #b7791f; }
.note.err { border-left-color: #c53030; }
.nn { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 16em), 1fr)); gap: .5em 1em; margin-top: .75em; }
.nn h3 { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--mu); }
.nn li { margin-top: .25em; }
.nn button { all: unset; cursor: pointer; display: block; border-radius: 4px; }
.nn button:hover .t { text-decoration: underline; }
.nn button:focus-visible { outline: 3px solid var(--a); outline-offset: 2px; }
.nn .tm { font-variant-numeric: tabular-nums; font-weight: 600; margin-inline-end: .4em; }
.nn .pl { color: var(--mu); }
.days { margin-top: .75em; }
.days button { text-align: start; }
.days small { display: block; font-size: .75em; opacity: .85; }
.tools { display: flex; flex-wrap: wrap; gap: .5em .75em; align-items: flex-end; margin-top: .75em; }
.tools label { display: flex; flex-direction: column; gap: .15em; font-size: .8em; color: var(--mu); min-width: 0; flex: 1 1 9em; max-width: 100%; }
.tools input, .tools select {
  font-size: calc(1em / .8); color: var(--fg); background: var(--bg);
  border: 1px solid var(--ln); border-radius: calc(var(--r) * .6); padding: .35em .5em; min-height: 2.25em; width: 100%; min-width: 0;
}
.tools .q { flex: 2 1 12em; }
.tools .acts { display: flex; gap: .5em; flex-wrap: wrap; }
.count { margin-top: .5em; }
.board { margin-top: .5em; display: flex; flex-direction: column; gap: .5em; }
.ch, .hr { display: none; }
.s {
  position: relative; display: grid; grid-template-columns: 4.75em minmax(0, 1fr) auto; column-gap: .75em; row-gap: .15em;
  padding: .6em .75em; background: var(--cd); border: 1px solid var(--ln); border-inline-start: 4px solid var(--k, var(--a));
  border-radius: calc(var(--r) * .6); min-width: 0;
}
.s > * { grid-column: 2; min-width: 0; }
/* Off-screen cards skip layout and paint until scrolled to: a day switch lays out only
   what is on screen. */
.s { content-visibility: auto; contain-intrinsic-size: auto 10.5em; }
.s > .tm { grid-column: 1; grid-row: 1 / span 6; font-variant-numeric: tabular-nums; font-weight: 600; }
.s > .bm { grid-column: 3; grid-row: 1; }
.s .st { font-size: 1em; font-weight: 650; line-height: 1.3; }
.s .pl, .s .sp, .s .tg { font-size: .875em; color: var(--mu); }
.s .tg span + span::before { content: " · "; }
.s .badge { display: inline-block; font-size: .75em; font-weight: 700; background: var(--a); color: #fff; border-radius: 999px; padding: 0 .6em; }
.s.on { background: var(--nw); }
.s details { font-size: .875em; }
.s summary { cursor: pointer; color: var(--a); width: max-content; max-width: 100%; }
.s details p { margin-top: .25em; white-space: pre-line; }
.bm {
  border: 1px solid transparent; background: transparent; border-radius: 999px; width: 2.25em; height: 2.25em;
  font-size: 1.1em; line-height: 1; color: var(--mu); padding: 0;
}
.bm[aria-pressed="true"] { color: var(--a); }
.bm:hover { border-color: var(--ln); }
.empty { margin-top: .75em; color: var(--mu); }
.foot { margin-top: .75em; }
.w[data-w="xs"] .s { grid-template-columns: minmax(0, 1fr) auto; contain-intrinsic-size: auto 14em; }
.w[data-w="xs"] .s > * { grid-column: 1; }
.w[data-w="xs"] .s > .tm { grid-row: auto; }
.w[data-w="xs"] .s > .bm { grid-column: 2; grid-row: 1 / span 2; }
.w[data-w="xs"] { padding: .5em; }
.w[data-layout="grid"] .board {
  display: grid; gap: 0 4px; align-items: stretch;
  grid-template-columns: 3.5em repeat(var(--cols, 1), minmax(0, 1fr));
  /* A fixed time scale (5 minutes a row): a card's size never depends on its text, so the
     grid is laid out without measuring every card, and off-screen cards are skipped. */
  grid-template-rows: auto; grid-auto-rows: .8em;
}
.w[data-layout="grid"] .ch:not([hidden]) {
  display: block; position: sticky; top: 0; z-index: 1; background: var(--bg); font-weight: 650; font-size: .875em;
  padding: .25em .35em; border-bottom: 2px solid var(--ln);
}
.w[data-layout="grid"] .ch small { display: block; font-weight: 400; color: var(--mu); }
.w[data-layout="grid"] .hr:not([hidden]) { display: block; font-size: .75em; color: var(--mu); font-variant-numeric: tabular-nums; border-top: 1px solid var(--ln); padding-top: .1em; }
.w[data-layout="grid"] .s { display: block; padding: .35em .45em; margin: 1px 0; font-size: .875em; overflow: hidden; contain-intrinsic-size: auto none; }
.w[data-layout="grid"] .s:hover, .w[data-layout="grid"] .s:focus-within {
  overflow: visible; height: max-content; min-height: calc(100% - 2px); align-self: start; z-index: 2;
  box-shadow: 0 .25em .75em rgba(0, 0, 0, .18);
}
.w[data-layout="grid"] .s .pl { display: none; }
.w[data-layout="grid"] .s > .tm { font-size: .875em; }
.w[data-layout="grid"] .s > .bm { position: absolute; inset-inline-end: .15em; top: .15em; width: 2em; height: 2em; }
.w[data-layout="grid"] .s > .st { padding-inline-end: 1.75em; }
.k-plenary { --k: #2b6cb0; } .k-dialogue_platform { --k: #2f855a; } .k-training { --k: #b7791f; }
.k-intellectual_game { --k: #6b46c1; } .k-consultation { --k: #0987a0; } .k-ceremony { --k: #c05621; }
.k-meeting { --k: #b83280; } .k-excursion { --k: #276749; } .k-other { --k: #718096; }
@media (prefers-reduced-motion: no-preference) { .s { transition: background-color .2s; } }
@media print { .tools, .seg, .bm, .nn { display: none !important; } }
`;

let sheet = null;
function styles(root) {
  try {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Older browsers: a <style> element (needs style-src 'unsafe-inline' under a CSP).
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

let wasm = null;
function loadWasm() {
  wasm ??= init().catch((err) => {
    wasm = null;
    throw err;
  });
  return wasm;
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked (sandboxed frame, privacy settings)
  }
}

function readJson(key) {
  try {
    const text = storage()?.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  try {
    storage()?.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // full or blocked: the widget still works, without the saved copy
  }
}

/** `text`, or `["text", "ru"]` for a text in another language than asked. */
function textOf(t) {
  return Array.isArray(t) ? t[0] : (t ?? '');
}
function setText(el, t) {
  el.textContent = textOf(t);
  if (Array.isArray(t)) el.lang = t[1];
  else el.removeAttribute('lang');
  return el;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function fill(s, vars) {
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

const pad = (n) => String(n).padStart(2, '0');

function dayLong(lang, d) {
  const m = MONTHS[lang][d.m - 1];
  const wd = WEEKDAYS[lang][d.wd - 1];
  if (lang === 'en') return `${wd}, ${d.d} ${m}`;
  return `${d.d} ${m}, ${wd}`;
}

function dayShort(lang, d) {
  const m = MONTHS[lang][d.m - 1];
  return lang === 'en' ? `${d.d} ${m.slice(0, 3)}` : `${d.d} ${m}`;
}

/** «2025 жылғы 11–13 қараша», «11–13 ноября 2025», "11–13 November 2025". */
function dateRange(lang, from, to) {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  const mn = MONTHS[lang];
  let days;
  if (y1 === y2 && m1 === m2) days = d1 === d2 ? `${d1} ${mn[m1 - 1]}` : `${d1}–${d2} ${mn[m1 - 1]}`;
  else if (y1 === y2) days = `${d1} ${mn[m1 - 1]} – ${d2} ${mn[m2 - 1]}`;
  else return lang === 'kk' ? `${y1} ж. ${d1} ${mn[m1 - 1]} – ${y2} ж. ${d2} ${mn[m2 - 1]}` : `${d1} ${mn[m1 - 1]} ${y1} – ${d2} ${mn[m2 - 1]} ${y2}`;
  return lang === 'kk' ? `${y1} жылғы ${days}` : `${days} ${y1}`;
}

/** A saved copy's time, in the reader's own clock: «11 қараша, 14:05». */
function savedAt(lang, ms) {
  const t = new Date(ms);
  return `${t.getDate()} ${MONTHS[lang][t.getMonth()]}, ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

function pickLang(...candidates) {
  for (const c of candidates) {
    const code = String(c ?? '').toLowerCase().slice(0, 2);
    if (LANGS.includes(code)) return code;
  }
  return 'kk';
}

export class JiynAgenda extends HTMLElement {
  static observedAttributes = ['feed', 'lang', 'layout'];

  #ui;
  #agenda = null;
  #view = null;
  #cards = [];
  #dayEls = [];
  #heads = [];
  #lang = 'kk';
  #state = { day: 0, kinds: 0, venue: -1, room: -1, slang: '', q: '', mine: false };
  #bookmarks = new Set();
  #source = null; // {url, text, fetchedAt, stale, error}
  #load = 0;
  #timer = 0;
  #lastFetch = 0;
  #ro = null;
  #width = 0;
  #frame = 0;
  #onStorage = (e) => this.#storageChanged(e);
  #onOnline = () => this.#refresh(true);
  #onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - this.#lastFetch > REFRESH_MS) this.#refresh(false);
  };
  /** Timings of the last render and filter, ms (read by bench/embed.mjs). */
  timings = { render: 0, decode: 0, filter: 0 };

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    styles(root);
    this.#ui = this.#skeleton(root);
  }

  connectedCallback() {
    this.#lang = pickLang(this.getAttribute('lang'), document.documentElement.lang, navigator.language);
    if (!this.#source || this.#source.url !== this.#feedUrl()) this.#fetch();
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    window.addEventListener('storage', this.#onStorage);
    window.addEventListener('online', this.#onOnline);
    document.addEventListener('visibilitychange', this.#onVisible);
    if (typeof ResizeObserver === 'function') {
      this.#ro = new ResizeObserver((entries) => {
        const box = entries[entries.length - 1].contentRect;
        this.#width = box.width;
        // Next frame: changing the layout inside the observer would resize what it observes.
        cancelAnimationFrame(this.#frame);
        this.#frame = requestAnimationFrame(() => this.#layout());
      });
      this.#ro.observe(this);
    } else {
      this.#width = this.clientWidth;
      this.#layout();
    }
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    cancelAnimationFrame(this.#frame);
    this.#ro?.disconnect();
    this.#ro = null;
    window.removeEventListener('storage', this.#onStorage);
    window.removeEventListener('online', this.#onOnline);
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (name === 'feed') this.#fetch();
    else if (name === 'lang') {
      const lang = pickLang(after, this.#lang);
      if (lang !== this.#lang) {
        this.#lang = lang;
        this.#render();
      }
    } else if (name === 'layout') this.#layout();
  }

  /** The feed's absolute URL, or null. */
  #feedUrl() {
    const raw = this.getAttribute('feed');
    if (!raw) return null;
    try {
      const url = new URL(raw, document.baseURI);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  #t(key, vars) {
    const s = STRINGS[this.#lang][key];
    return vars ? fill(s, vars) : s;
  }

  // ------------------------------------------------------------------ the shell

  #skeleton(root) {
    const w = el('div', 'w');
    w.dataset.layout = 'list';
    w.setAttribute('part', 'widget');
    w.setAttribute('role', 'region');

    const top = el('div', 'top');
    const ttl = el('div', 'ttl');
    const title = el('h2', 'title');
    const meta = el('p', 'meta');
    ttl.append(title, meta);
    const langs = el('div', 'seg langs');
    langs.setAttribute('role', 'group');
    const langButtons = LANGS.map((code) => {
      const b = el('button', '', STRINGS[code].langShort);
      b.type = 'button';
      b.lang = code;
      b.dataset.lang = code;
      // The accessible name is the visible short name (WCAG 2.5.3); the full name is
      // the tooltip.
      b.title = STRINGS[code].langName;
      b.addEventListener('click', () => this.setAttribute('lang', code));
      return b;
    });
    langs.append(...langButtons);
    top.append(ttl, langs);

    const note = el('p', 'note');
    note.hidden = true;
    note.setAttribute('role', 'status');

    const nn = el('section', 'nn');
    nn.hidden = true;
    const nowBox = el('div', 'now');
    const nextBox = el('div', 'next');
    nowBox.append(el('h3'), el('ul'));
    nextBox.append(el('h3'), el('ul'));
    nn.append(nowBox, nextBox);

    const days = el('div', 'seg days');
    days.setAttribute('role', 'group');

    const tools = el('div', 'tools');
    tools.setAttribute('role', 'search');
    const field = (cls, control) => {
      const label = el('label', cls);
      const span = el('span');
      label.append(span, control);
      tools.append(label);
      return { label, span, control };
    };
    const q = field('q', el('input'));
    q.control.type = 'search';
    q.control.autocomplete = 'off';
    q.control.enterKeyHint = 'search';
    q.control.addEventListener('input', () => {
      this.#state.q = q.control.value;
      this.#apply();
    });
    const select = (cls, key) => {
      const f = field(cls, el('select'));
      f.control.addEventListener('change', () => {
        const v = f.control.value;
        if (key === 'kinds') this.#state.kinds = v === '' ? 0 : 1 << Number(v);
        else if (key === 'slang') this.#state.slang = v;
        else this.#state[key] = v === '' ? -1 : Number(v);
        this.#apply();
      });
      return f;
    };
    const kind = select('kind', 'kinds');
    const venue = select('venue', 'venue');
    const room = select('room', 'room');
    const slang = select('slang', 'slang');
    const acts = el('div', 'acts');
    const mine = el('button', 'mine');
    mine.type = 'button';
    mine.setAttribute('aria-pressed', 'false');
    mine.addEventListener('click', () => {
      this.#state.mine = !this.#state.mine;
      this.#apply();
    });
    const reset = el('button', 'reset');
    reset.type = 'button';
    reset.addEventListener('click', () => this.#resetFilters());
    acts.append(mine, reset);
    tools.append(acts);

    const count = el('p', 'count');
    count.setAttribute('aria-live', 'polite');
    const board = el('div', 'board');
    const empty = el('p', 'empty');
    empty.hidden = true;
    const foot = el('p', 'foot');

    const body = [nn, days, tools, count, board, empty, foot];
    for (const b of body) b.hidden = true;
    w.append(top, note, ...body);
    root.append(w);
    return { w, title, meta, langs: langButtons, langGroup: langs, note, nn, nowBox, nextBox, days, tools, q, kind, venue, room, slang, mine, reset, count, board, empty, foot, body };
  }

  /** The texts of the shell in the current language. */
  #shellText() {
    const ui = this.#ui;
    ui.w.lang = this.#lang;
    ui.w.setAttribute('aria-label', this.#t('region'));
    ui.langGroup.setAttribute('aria-label', this.#t('language'));
    for (const b of ui.langs) b.setAttribute('aria-pressed', String(b.dataset.lang === this.#lang));
    ui.days.setAttribute('aria-label', this.#t('days'));
    ui.tools.setAttribute('aria-label', this.#t('filters'));
    ui.nowBox.firstChild.textContent = this.#t('now');
    ui.nextBox.firstChild.textContent = this.#t('next');
    ui.q.span.textContent = this.#t('search');
    ui.q.control.placeholder = this.#t('searchHint');
    ui.kind.span.textContent = this.#t('kind');
    ui.venue.span.textContent = this.#t('venue');
    ui.room.span.textContent = this.#t('room');
    ui.slang.span.textContent = this.#t('slang');
    ui.mine.textContent = `★ ${this.#t('mine')}`;
    ui.reset.textContent = this.#t('reset');
  }

  #message(key, kind, vars) {
    const note = this.#ui.note;
    if (!key) {
      note.hidden = true;
      note.dataset.key = '';
      return;
    }
    note.hidden = false;
    note.dataset.key = key;
    note.className = `note ${kind ?? ''}`;
    note.setAttribute('role', kind === 'err' ? 'alert' : 'status');
    note.textContent = this.#t(key, vars);
  }

  /** The note for the current source, in the current language. */
  #sourceNote() {
    const s = this.#source;
    if (!s) return this.#message('loading');
    if (s.error && !this.#agenda) return this.#message(s.error, 'err', { status: s.status });
    if (s.stale) return this.#message(s.error ? 'staleBad' : 'stale', 'warn', { when: savedAt(this.#lang, s.fetchedAt) });
    if (s.pending && !this.#agenda) return this.#message('loading');
    this.#message(null);
  }

  // ------------------------------------------------------------------ the feed

  async #fetch() {
    const token = ++this.#load;
    const url = this.#feedUrl();
    this.#shellText();
    if (!url) {
      this.#source = { url, error: 'nofeed' };
      this.#agenda = null;
      this.#show(false);
      this.#sourceNote();
      this.#event('jiyn-agenda-error', { code: 'nofeed' });
      return;
    }
    const key = `jiyn-embed:feed:${url}`;
    const saved = readJson(key);
    this.#source = { url, pending: true };
    this.#sourceNote();
    try {
      await loadWasm();
    } catch {
      if (token !== this.#load) return;
      this.#source = { url, error: 'wasm' };
      this.#sourceNote();
      this.#event('jiyn-agenda-error', { code: 'wasm' });
      return;
    }
    if (token !== this.#load) return;
    // The saved copy first (unmarked while the network is asked), then the network.
    if (saved?.text && !this.#agenda) {
      try {
        this.#use(saved.text, true);
        this.#source = { url, text: saved.text, fetchedAt: saved.fetchedAt, pending: true };
      } catch {
        /* a damaged copy: wait for the network */
      }
    }
    let text;
    try {
      text = await this.#download(url);
    } catch (err) {
      if (token !== this.#load) return;
      this.#lastFetch = Date.now();
      if (this.#agenda && saved?.text) {
        this.#source = { url, text: saved.text, fetchedAt: saved.fetchedAt, stale: true };
      } else {
        // The server answered with an error, or there was no answer at all.
        const status = err?.status;
        const code = status ? 'http' : 'offline';
        this.#source = { url, error: code, status };
        this.#show(false);
        this.#event('jiyn-agenda-error', { code, status });
      }
      this.#sourceNote();
      return;
    }
    if (token !== this.#load) return;
    this.#lastFetch = Date.now();
    const fetchedAt = Date.now();
    if (this.#agenda && saved?.text === text) {
      this.#source = { url, text, fetchedAt };
      writeJson(key, { fetchedAt, text });
      this.#sourceNote();
      return;
    }
    try {
      this.#use(text, false);
      this.#source = { url, text, fetchedAt };
      writeJson(key, { fetchedAt, text });
    } catch (code) {
      const error = typeof code === 'string' && STRINGS.en[code] ? code : 'malformed';
      if (this.#agenda && saved?.text) {
        this.#source = { url, text: saved.text, fetchedAt: saved.fetchedAt, stale: true, error };
      } else {
        this.#source = { url, error };
        this.#show(false);
        this.#event('jiyn-agenda-error', { code: error });
      }
    }
    this.#sourceNote();
  }

  async #download(url) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), FETCH_TIMEOUT_MS);
    try {
      // `no-cache`: ask the server every time (an ETag makes it cheap), so a copy is
      // only shown as current when the server said so.
      const res = await fetch(url, { cache: 'no-cache', credentials: 'omit', signal: abort.signal });
      if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
      return await res.text();
    } finally {
      clearTimeout(timer);
    }
  }

  #refresh(force) {
    if (!this.isConnected || !this.#feedUrl()) return;
    if (force || Date.now() - this.#lastFetch > REFRESH_MS) this.#fetch();
  }

  /** Decodes `text` and renders it; throws the refusal code when it is not a feed. */
  #use(text, cached) {
    const t0 = performance.now();
    const agenda = new Agenda(text);
    const t1 = performance.now();
    // A new forum starts on its today with no filters; a newer feed of the same forum
    // keeps what the reader chose.
    const sameForum = this.#agenda?.forumId === agenda.forumId;
    this.#agenda?.free();
    this.#agenda = agenda;
    this.#bookmarks = new Set(readJson(`jiyn-embed:bookmarks:${agenda.forumId}`) ?? []);
    this.#render(!sameForum);
    void this.#ui.board.offsetHeight; // lay out now, so the timing includes it
    const t2 = performance.now();
    this.timings.decode = t1 - t0;
    this.timings.render = t2 - t0;
    this.#event('jiyn-agenda-render', { sessions: agenda.length, ms: t2 - t0, start: t0, cached });
  }

  #event(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #show(on) {
    for (const b of this.#ui.body) b.hidden = !on;
    if (on) this.#ui.empty.hidden = true;
  }

  // ------------------------------------------------------------------ rendering

  /** Builds everything from the view model in the current language. */
  #render(newFeed = false) {
    this.#shellText();
    this.#sourceNote();
    if (!this.#agenda) return;
    const lang = this.#lang;
    const v = (this.#view = JSON.parse(this.#agenda.view(lang)));
    const ui = this.#ui;
    this.#show(true);
    setText(ui.title, v.forum.title);
    const city = textOf(v.forum.city);
    ui.meta.textContent = [dateRange(lang, v.forum.starts_on, v.forum.ends_on), city].filter(Boolean).join(' · ');
    ui.foot.textContent = this.#t('times', { zone: v.forum.zone, offset: v.forum.offset });

    if (newFeed) {
      const nn = JSON.parse(this.#agenda.nowNext(Date.now()));
      this.#state = { day: nn.today ?? 0, kinds: 0, venue: -1, room: -1, slang: '', q: '', mine: false };
      ui.q.control.value = '';
    }
    if (this.#state.day >= v.days.length) this.#state.day = 0;

    // Day tabs.
    this.#dayEls = v.days.map((d, i) => {
      const b = el('button');
      b.type = 'button';
      // Named by its visible text (date and weekday, WCAG 2.5.3); the long date is the
      // tooltip.
      b.append(document.createTextNode(`${dayShort(lang, d)} `), el('small', '', WEEKDAYS[lang][d.wd - 1]));
      b.title = dayLong(lang, d);
      b.addEventListener('click', () => {
        this.#state.day = i;
        this.#apply();
        this.#layout();
      });
      return b;
    });
    ui.days.replaceChildren(...this.#dayEls);
    ui.days.hidden = v.days.length < 2;

    // Filter options.
    const options = (f, any, items, current) => {
      const opts = [new Option(any, '')];
      for (const [value, label, tagLang] of items) {
        const o = new Option(label, String(value));
        if (tagLang) o.lang = tagLang;
        opts.push(o);
      }
      f.control.replaceChildren(...opts);
      f.control.value = current;
      // An option a newer feed no longer has: back to "any".
      if (f.control.value !== current) f.control.value = '';
      f.label.hidden = items.length < 2;
    };
    const bit = this.#state.kinds ? Math.log2(this.#state.kinds) : '';
    options(ui.kind, this.#t('anyKind'), v.kinds.map(([i, code]) => [i, KINDS[code]?.[LANGS.indexOf(lang)] ?? code]), String(bit));
    options(ui.venue, this.#t('anyVenue'), v.venues.map((n, i) => [i, textOf(n), Array.isArray(n) ? n[1] : '']), this.#state.venue < 0 ? '' : String(this.#state.venue));
    const multiVenue = v.venues.length > 1;
    options(
      ui.room,
      this.#t('anyRoom'),
      v.rooms.map((r, i) => [i, multiVenue && r.venue !== null ? `${textOf(r.name)} (${textOf(v.venues[r.venue])})` : textOf(r.name), Array.isArray(r.name) ? r.name[1] : '']),
      this.#state.room < 0 ? '' : String(this.#state.room),
    );
    options(ui.slang, this.#t('anyLang'), v.langs.map((code) => [code, STRINGS[code].langName, code]), this.#state.slang);
    const st = this.#state;
    st.kinds = ui.kind.control.value === '' ? 0 : 1 << Number(ui.kind.control.value);
    st.venue = ui.venue.control.value === '' ? -1 : Number(ui.venue.control.value);
    st.room = ui.room.control.value === '' ? -1 : Number(ui.room.control.value);
    st.slang = ui.slang.control.value;

    // The board: per day its column heads and hour marks, then every session.
    const frag = document.createDocumentFragment();
    const heads = [];
    v.days.forEach((d, di) => {
      d.cols.forEach((c, ci) => {
        const h = el('div', 'ch');
        h.dataset.day = di;
        h.style.gridArea = `1 / ${ci + 2}`;
        const name = textOf(c.name);
        if (name) setText(h, c.name);
        else h.textContent = this.#t('other');
        if (textOf(c.sub)) h.append(setText(el('small'), c.sub));
        heads.push(h);
        frag.append(h);
      });
      const end = d.start + d.slots * 5;
      for (let m = Math.ceil(d.start / 60) * 60; m < end; m += 60) {
        const row = (m - d.start) / 5 + 2;
        const h = el('div', 'hr', `${pad(m / 60)}:00`);
        h.dataset.day = di;
        h.style.gridArea = `${row} / 1 / ${Math.min(row + 12, d.slots + 2)} / 2`;
        heads.push(h);
        frag.append(h);
      }
    });
    this.#cards = v.sessions.map((s, i) => {
      const c = this.#card(s, i);
      frag.append(c);
      return c;
    });
    this.#heads = heads;
    ui.board.replaceChildren(frag);
    this.#apply();
    this.#tick();
    this.#layout();
  }

  #card(s, i) {
    const lang = this.#lang;
    const c = el('article', `s k-${s.kind}`);
    c.dataset.i = i;
    c.dataset.id = s.id;
    c.tabIndex = -1;
    c.style.gridArea = `${s.row0 + 2} / ${s.col + 2} / ${s.row1 + 2} / ${s.col + 3}`;
    const tm = el('p', 'tm');
    const start = el('time', '', s.start);
    const end = el('time', '', s.end);
    tm.append(start, '–', end);
    const title = setText(el('h3', 'st'), s.title);
    const bm = el('button', 'bm');
    bm.type = 'button';
    bm.addEventListener('click', () => this.#toggleBookmark(i));
    c.append(tm, title, bm);
    const place = [s.room, s.venue, s.stop].filter(Boolean).map(textOf).filter(Boolean);
    if (place.length) c.append(el('p', 'pl', [...new Set(place)].join(' · ')));
    if (s.speakers.length) {
      const sp = el('p', 'sp', s.speakers.join(', '));
      sp.title = this.#t('speakers');
      c.append(sp);
    }
    const tags = el('p', 'tg');
    tags.append(el('span', 'kd', KINDS[s.kind]?.[LANGS.indexOf(lang)] ?? s.kind));
    if (s.langs.length) tags.append(el('span', 'lg', s.langs.map((l) => STRINGS[l].langShort).join(' · ')));
    if (s.capacity !== null) tags.append(el('span', 'cap', this.#t('seats', { n: s.capacity })));
    c.append(tags);
    const desc = textOf(s.desc);
    if (desc) {
      const d = el('details');
      const sum = el('summary', '', this.#t('details'));
      d.append(sum, setText(el('p'), s.desc));
      c.append(d);
    }
    this.#markBookmark(c, s);
    return c;
  }

  #markBookmark(card, s) {
    const on = this.#bookmarks.has(s.id);
    const bm = card.querySelector('.bm');
    bm.textContent = on ? '★' : '☆';
    bm.setAttribute('aria-pressed', String(on));
    bm.setAttribute('aria-label', this.#t(on ? 'remove' : 'add', { t: textOf(s.title) }));
  }

  // ------------------------------------------------------------------ filters

  /** Shows the sessions the filter keeps: the wasm answers, this only toggles `hidden`. */
  #apply() {
    if (!this.#agenda || !this.#view) return;
    const t0 = performance.now();
    const st = this.#state;
    const ui = this.#ui;
    const keep = this.#agenda.filter(st.day, st.kinds, st.venue, st.room, st.slang, st.q);
    const show = new Uint8Array(this.#cards.length);
    for (const i of keep) show[i] = 1;
    const sessions = this.#view.sessions;
    let shown = 0;
    let dayTotal = 0;
    for (let i = 0; i < this.#cards.length; i++) {
      if (sessions[i].day === st.day) dayTotal++;
      let on = show[i] === 1;
      if (on && st.mine && !this.#bookmarks.has(sessions[i].id)) on = false;
      if (on) shown++;
      const card = this.#cards[i];
      if (card.hidden === on) card.hidden = !on;
    }
    for (const h of this.#heads) {
      const on = Number(h.dataset.day) === st.day;
      if (h.hidden === on) h.hidden = !on;
    }
    this.#dayEls.forEach((b, i) => b.setAttribute('aria-pressed', String(i === st.day)));
    ui.board.style.setProperty('--cols', String(Math.max(1, this.#view.days[st.day]?.cols.length ?? 1)));
    ui.mine.setAttribute('aria-pressed', String(st.mine));
    const filtered = st.kinds || st.venue >= 0 || st.room >= 0 || st.slang || st.q.trim() || st.mine;
    ui.reset.hidden = !filtered;
    ui.count.textContent = this.#t('count', { n: shown, total: dayTotal });
    ui.empty.hidden = shown > 0;
    ui.empty.textContent = this.#t(st.mine ? 'emptyMine' : 'empty');
    this.timings.filter = performance.now() - t0;
  }

  #resetFilters() {
    const ui = this.#ui;
    Object.assign(this.#state, { kinds: 0, venue: -1, room: -1, slang: '', q: '', mine: false });
    ui.q.control.value = '';
    for (const f of [ui.kind, ui.venue, ui.room, ui.slang]) f.control.value = '';
    this.#apply();
    ui.q.control.focus();
  }

  // ------------------------------------------------------------------ bookmarks

  #toggleBookmark(i) {
    const s = this.#view.sessions[i];
    if (this.#bookmarks.has(s.id)) this.#bookmarks.delete(s.id);
    else this.#bookmarks.add(s.id);
    writeJson(`jiyn-embed:bookmarks:${this.#agenda.forumId}`, [...this.#bookmarks]);
    this.#markBookmark(this.#cards[i], s);
    if (this.#state.mine) this.#apply();
  }

  #storageChanged(e) {
    if (!this.#agenda || e.key !== `jiyn-embed:bookmarks:${this.#agenda.forumId}`) return;
    this.#bookmarks = new Set(readJson(e.key) ?? []);
    this.#view.sessions.forEach((s, i) => this.#markBookmark(this.#cards[i], s));
    this.#apply();
  }

  // ------------------------------------------------------------------ now and next

  #tick() {
    if (!this.#agenda || !this.#view) return;
    const nn = JSON.parse(this.#agenda.nowNext(Date.now()));
    const on = new Set(nn.now);
    this.#cards.forEach((c, i) => {
      const live = on.has(i);
      if (c.classList.contains('on') === live) return;
      c.classList.toggle('on', live);
      const old = c.querySelector('.badge');
      if (live && !old) c.querySelector('.tm').append(' ', el('span', 'badge', this.#t('onNow')));
      else if (!live) old?.remove();
    });
    const ui = this.#ui;
    const list = (box, items) => {
      box.hidden = items.length === 0;
      const ul = box.lastChild;
      ul.replaceChildren(
        ...items.slice(0, NOW_NEXT_MAX).map((i) => {
          const s = this.#view.sessions[i];
          const li = el('li');
          const b = el('button');
          b.type = 'button';
          const when = s.day === nn.today ? s.start : `${dayShort(this.#lang, this.#view.days[s.day])}, ${s.start}`;
          b.append(el('span', 'tm', box === ui.nowBox ? this.#t('until', { t: s.end }) : when), setText(el('span', 't'), s.title));
          const place = textOf(s.room ?? s.venue ?? s.stop);
          if (place) b.append(el('span', 'pl', ` · ${place}`));
          b.addEventListener('click', () => this.#reveal(i));
          li.append(b);
          return li;
        }),
      );
      if (items.length > NOW_NEXT_MAX) ul.append(el('li', 'pl', this.#t('more', { n: items.length - NOW_NEXT_MAX })));
    };
    list(ui.nowBox, nn.now);
    list(ui.nextBox, nn.next);
    ui.nn.hidden = nn.now.length === 0 && nn.next.length === 0;
  }

  /** Shows session `i` (its day, no filter hiding it) and moves focus to it. */
  #reveal(i) {
    const s = this.#view.sessions[i];
    if (this.#state.day !== s.day || this.#cards[i].hidden) {
      this.#state.day = s.day;
      const ui = this.#ui;
      Object.assign(this.#state, { kinds: 0, venue: -1, room: -1, slang: '', q: '', mine: false });
      ui.q.control.value = '';
      for (const f of [ui.kind, ui.venue, ui.room, ui.slang]) f.control.value = '';
      this.#apply();
      this.#layout();
    }
    const card = this.#cards[i];
    card.scrollIntoView({ block: 'nearest' });
    card.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------------ layout

  /** List or grid, from the element's own width (and the day's number of rooms). */
  #layout() {
    const w = this.#ui.w;
    const width = this.#width || this.clientWidth;
    w.dataset.w = width < NARROW_PX ? 'xs' : 'm';
    const forced = this.getAttribute('layout');
    const cols = this.#view?.days[this.#state.day]?.cols.length ?? 0;
    let grid;
    if (forced === 'list' || forced === 'grid') grid = forced === 'grid';
    else {
      const need = GRID_TIME_PX + Math.max(2, cols) * GRID_COL_PX;
      const was = w.dataset.layout === 'grid';
      grid = cols > 1 && width >= need - (was ? GRID_SLACK_PX : 0);
    }
    const layout = grid ? 'grid' : 'list';
    if (w.dataset.layout !== layout) w.dataset.layout = layout;
  }
}

/** Defines the element (once) under `name`. Importing this module calls it. */
export function define(name = TAG) {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, class extends JiynAgenda {});
  }
}

define();
