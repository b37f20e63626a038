// <jiyn-register>: the self-registration form a partner website embeds.
//
//   <script type="module" src="https://…/embed/register.js"></script>
//   <jiyn-register server="https://sync.example.kz" forum="<forum uuid>"
//                  lang="kk" consent-version="jiyn-embed-2026-1"></jiyn-register>
//
// It posts one registration to the sync server's public route
// `POST {server}/v1/forums/{forum}/registrations` (docs/sync.md) and shows the answer.
// Offline, or when the server cannot be reached, the registration waits in this
// site's localStorage (`jiyn-embed:register-queue:<forum>`) and is sent on the
// `online` event, on a timer while the server is away, and on the next page load.
// Every registration carries a UUID v7 made here, so sending it twice stores it once.
//
// It renders in an open Shadow DOM with its own CSS (the host page's CSS cannot reach
// it, its CSS cannot leak out), themed by --jiyn-accent, --jiyn-bg, --jiyn-fg,
// --jiyn-font and --jiyn-radius. It never reads or shows anyone else's data: the
// server's answer is only "registered" or "already registered". Plain JS, no wasm.
// Attributes: server, forum, lang (kk|ru|en), consent-version, fields (optional extra
// inputs: "region district organisation"). docs/embedding.md has the snippets.

export const TAG = 'jiyn-register';
export const DEFAULT_CONSENT_VERSION = 'jiyn-embed-2026-1';
const LANGS = ['kk', 'ru', 'en'];
const LANG_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
const EXTRA_FIELDS = ['region', 'district', 'organisation'];
const ADULT_AGE = 18;
const MAX_TEXT = 200;
const MAX_QUEUE = 50;
const TIMEOUT_MS = 15_000;
const RETRY_MIN_MS = 30_000;
const RETRY_MAX_MS = 300_000;

const STRINGS = {
  kk: {
    title: 'Форумға тіркелу',
    language: 'Тіл',
    required: 'Жұлдызшамен (*) белгіленген жолдар міндетті.',
    full_name: 'Аты-жөні *',
    phone: 'Телефон',
    phoneHint: 'Мысалы: 8\u00a0701\u00a0234\u00a056\u00a078 немесе +7\u00a0701\u00a0234\u00a056\u00a078',
    birth_year: 'Туған жылы *',
    birthHint: 'Төрт санмен, мысалы 2007',
    region: 'Облыс',
    district: 'Аудан',
    organisation: 'Оқу орны немесе ұйым',
    guardianHeading: '18 жасқа толмаған қатысушы: ата-ананың немесе заңды өкілдің келісімі',
    guardianName: 'Ата-ананың / өкілдің аты-жөні *',
    guardianPhone: 'Ата-ананың / өкілдің телефоны',
    guardianAgree: 'Ата-ана / өкіл келісімін берді *',
    consentHeading: 'Дербес деректерді өңдеуге келісім *',
    consentText:
      'Ұйымдастырушылар менің аты-жөнімді, телефонымды, туған жылымды және осы формадағы басқа мәліметтерді осы форумға тіркеу үшін өңдеуіне және оларды Қазақстан аумағында сақтауына келісемін («Дербес деректер және оларды қорғау туралы» ҚР Заңы).',
    consentVersion: 'Келісім мәтінінің нұсқасы:',
    consentAgree: 'Келісемін *',
    submit: 'Тіркелу',
    sending: 'Жіберілуде…',
    registered: 'Сіз тіркелдіңіз. Рақмет!',
    already: 'Бұл тіркеу бұрын қабылданған. Рақмет!',
    queued: 'Сақталды: интернет пайда болғанда жіберіледі.',
    busy: 'Сервер қазір жауап бермей тұр. Тіркеу сақталды және кейінірек өзі жіберіледі.',
    sentLater: 'Сақталған тіркеу жіберілді.',
    pending: 'Жіберуді күтіп тұрған тіркеулер:',
    another: 'Тағы біреуді тіркеу',
    fixErrors: 'Белгіленген жолдарды түзетіңіз.',
    errName: 'Аты-жөніңізді жазыңыз.',
    errTooLong: 'Тым ұзын: ең көбі 200 таңба.',
    errPhone: 'Телефон нөмірін тексеріңіз: Қазақстан 8 701 … немесе +7 701 …; басқа елдер + және ел кодымен.',
    errYear: 'Туған жылын төрт санмен жазыңыз, мысалы 2007.',
    errGuardianName: '18 жасқа толмаған қатысушыға ата-ананың немесе өкілдің аты-жөні керек.',
    errGuardianAgree: 'Ата-ананың немесе өкілдің келісімі керек.',
    errConsent: 'Келісімсіз тіркелу мүмкін емес.',
    errField: 'Бұл жолды тексеріңіз.',
    errNotFound: 'Бұл форма дұрыс бапталмаған: серверде мұндай форум жоқ.',
    errSetup: 'Бұл форма дұрыс бапталмаған: server және forum атрибуттары керек.',
    errTooLarge: 'Мәліметтер тым көп. Қысқартып, қайталап көріңіз.',
    errStorage: 'Тіркеуді жіберу де, сақтау да мүмкін болмады. Интернет пайда болғанда қайталап көріңіз.',
    errSavedRefused: 'Бұрын сақталған тіркеу қабылданбады. Форманы қайта толтырыңыз.',
    errOther: 'Тіркеу қабылданбады. Мәліметтерді тексеріп, қайталап көріңіз.',
  },
  ru: {
    title: 'Регистрация на форум',
    language: 'Язык',
    required: 'Поля со звёздочкой (*) обязательны.',
    full_name: 'Фамилия и имя *',
    phone: 'Телефон',
    phoneHint: 'Например: 8\u00a0701\u00a0234\u00a056\u00a078 или +7\u00a0701\u00a0234\u00a056\u00a078',
    birth_year: 'Год рождения *',
    birthHint: 'Четыре цифры, например 2007',
    region: 'Область',
    district: 'Район',
    organisation: 'Место учёбы или организация',
    guardianHeading: 'Участник младше 18 лет: согласие родителя или законного представителя',
    guardianName: 'ФИО родителя / представителя *',
    guardianPhone: 'Телефон родителя / представителя',
    guardianAgree: 'Родитель / представитель дал согласие *',
    consentHeading: 'Согласие на обработку персональных данных *',
    consentText:
      'Я согласен(на), что организаторы обрабатывают мои фамилию и имя, телефон, год рождения и другие данные этой формы для регистрации на этот форум и хранят их на территории Казахстана (Закон РК «О персональных данных и их защите»).',
    consentVersion: 'Версия текста согласия:',
    consentAgree: 'Я согласен(на) *',
    submit: 'Зарегистрироваться',
    sending: 'Отправляем…',
    registered: 'Вы зарегистрированы. Спасибо!',
    already: 'Эта регистрация уже была принята. Спасибо!',
    queued: 'Сохранено: отправим, когда появится интернет.',
    busy: 'Сервер сейчас не отвечает. Регистрация сохранена и будет отправлена позже сама.',
    sentLater: 'Сохранённая регистрация отправлена.',
    pending: 'Ждут отправки регистраций:',
    another: 'Зарегистрировать ещё одного',
    fixErrors: 'Исправьте отмеченные поля.',
    errName: 'Укажите фамилию и имя.',
    errTooLong: 'Слишком длинно: не больше 200 символов.',
    errPhone: 'Проверьте номер: Казахстан 8 701 … или +7 701 …; другие страны — с + и кодом страны.',
    errYear: 'Укажите год рождения четырьмя цифрами, например 2007.',
    errGuardianName: 'Для участника младше 18 лет нужны ФИО родителя или представителя.',
    errGuardianAgree: 'Нужно согласие родителя или представителя.',
    errConsent: 'Без согласия регистрация невозможна.',
    errField: 'Проверьте это поле.',
    errNotFound: 'Форма настроена неверно: такого форума нет на сервере.',
    errSetup: 'Форма настроена неверно: нужны атрибуты server и forum.',
    errTooLarge: 'Слишком много данных. Сократите и попробуйте снова.',
    errStorage: 'Не удалось ни отправить, ни сохранить регистрацию. Попробуйте снова, когда появится интернет.',
    errSavedRefused: 'Сохранённая ранее регистрация не принята. Заполните форму ещё раз.',
    errOther: 'Регистрация не принята. Проверьте данные и попробуйте снова.',
  },
  en: {
    title: 'Register for the forum',
    language: 'Language',
    required: 'Fields marked * are required.',
    full_name: 'Full name *',
    phone: 'Phone',
    phoneHint: 'For example: 8\u00a0701\u00a0234\u00a056\u00a078 or +7\u00a0701\u00a0234\u00a056\u00a078',
    birth_year: 'Birth year *',
    birthHint: 'Four digits, e.g. 2007',
    region: 'Region',
    district: 'District',
    organisation: 'School or organisation',
    guardianHeading: 'Participant under 18: consent of a parent or guardian',
    guardianName: 'Parent’s / guardian’s name *',
    guardianPhone: 'Parent’s / guardian’s phone',
    guardianAgree: 'The parent / guardian agrees *',
    consentHeading: 'Consent to the processing of personal data *',
    consentText:
      'I agree that the organisers process my name, phone, birth year and the other details in this form to register me for this forum, and keep them in Kazakhstan (Law of the Republic of Kazakhstan «On personal data and their protection»).',
    consentVersion: 'Consent text version:',
    consentAgree: 'I agree *',
    submit: 'Register',
    sending: 'Sending…',
    registered: 'You are registered. Thank you!',
    already: 'This registration was already received. Thank you!',
    queued: 'Saved, will be sent when you are online.',
    busy: 'The server is not answering right now. Your registration is saved and will be sent later by itself.',
    sentLater: 'The saved registration has been sent.',
    pending: 'Registrations waiting to be sent:',
    another: 'Register someone else',
    fixErrors: 'Please correct the marked fields.',
    errName: 'Enter your full name.',
    errTooLong: 'Too long: at most 200 characters.',
    errPhone: 'Check the number: Kazakhstan 8 701 … or +7 701 …; other countries with + and the country code.',
    errYear: 'Enter the birth year as four digits, e.g. 2007.',
    errGuardianName: 'A participant under 18 needs a parent’s or guardian’s name.',
    errGuardianAgree: 'The parent’s or guardian’s consent is needed.',
    errConsent: 'Registration needs your consent.',
    errField: 'Check this field.',
    errNotFound: 'This form is not set up correctly: the server has no such forum.',
    errSetup: 'This form is not set up correctly: it needs the server and forum attributes.',
    errTooLarge: 'Too much data. Shorten it and try again.',
    errStorage: 'The registration could not be sent or saved. Try again when you are online.',
    errSavedRefused: 'A registration saved earlier was not accepted. Please fill in the form again.',
    errOther: 'The registration was not accepted. Check the details and try again.',
  },
};

const CSS = `
/* A flow-root host holding one floated box: a page's text decoration (an underline on
   a parent element) propagates to in-flow boxes only, so the float keeps it out. */
:host { all: initial; display: flow-root !important; }
:host([hidden]) { display: none !important; }
.root {
  all: initial;
  display: block;
  float: left;
  width: 100%;
  box-sizing: border-box;
  max-width: 100%;
  padding: 16px;
  font-family: var(--jiyn-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif);
  font-size: 16px;
  font-weight: 400;
  line-height: 1.45;
  color: var(--jiyn-fg, #1d2433);
  background: var(--jiyn-bg, #ffffff);
  border: 1px solid #c3c9d4;
  border: 1px solid color-mix(in srgb, var(--jiyn-fg, #1d2433) 25%, transparent);
  border-radius: var(--jiyn-radius, 10px);
  text-align: start;
  overflow-wrap: anywhere;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px 12px; margin: 0 0 12px; }
h2 { margin: 0; font-size: 20px; line-height: 1.25; font-weight: 700; }
.langs { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; border: 0; }
.langs button { min-height: 36px; padding: 4px 10px; font-size: 14px; }
button {
  font: inherit; cursor: pointer; margin: 0;
  color: var(--jiyn-fg, #1d2433); background: transparent;
  border: 1px solid color-mix(in srgb, var(--jiyn-fg, #1d2433) 40%, transparent);
  border-radius: calc(var(--jiyn-radius, 10px) * 0.6);
}
button[aria-pressed="true"] { background: var(--jiyn-accent, #0b6e4f); border-color: var(--jiyn-accent, #0b6e4f); color: #fff; }
button.primary {
  display: block; width: 100%; min-height: 48px; padding: 10px 16px; margin-top: 16px;
  font-weight: 700; color: #fff; background: var(--jiyn-accent, #0b6e4f); border-color: var(--jiyn-accent, #0b6e4f);
}
button.primary[disabled] { opacity: 0.6; cursor: progress; }
button:focus-visible, input:focus-visible {
  outline: 3px solid var(--jiyn-accent, #0b6e4f); outline-offset: 2px;
}
form { display: block; margin: 0; }
p { margin: 0; }
.small { font-size: 14px; opacity: 0.85; }
.field { display: block; margin: 12px 0 0; }
label { display: block; font-weight: 600; margin: 0 0 4px; }
input[type="text"], input[type="tel"] {
  display: block; width: 100%; min-height: 44px; margin: 0; padding: 8px 12px;
  font: inherit; color: var(--jiyn-fg, #1d2433); background: var(--jiyn-bg, #ffffff);
  border: 1px solid #8a94a6;
  border: 1px solid color-mix(in srgb, var(--jiyn-fg, #1d2433) 50%, transparent);
  border-radius: calc(var(--jiyn-radius, 10px) * 0.6);
}
input[aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
.check { display: flex; align-items: flex-start; gap: 10px; margin: 8px 0 0; font-weight: 600; }
.check input { width: 22px; height: 22px; margin: 1px 0 0; flex: none; accent-color: var(--jiyn-accent, #0b6e4f); }
fieldset { margin: 16px 0 0; padding: 12px; border: 1px solid color-mix(in srgb, var(--jiyn-fg, #1d2433) 25%, transparent); border-radius: calc(var(--jiyn-radius, 10px) * 0.6); min-width: 0; }
legend { padding: 0 4px; font-weight: 700; }
.error { color: #b3261e; font-size: 14px; font-weight: 600; margin: 4px 0 0; }
.notice { margin: 0 0 12px; padding: 8px 12px; border-radius: calc(var(--jiyn-radius, 10px) * 0.6); background: color-mix(in srgb, var(--jiyn-accent, #0b6e4f) 12%, transparent); }
.result { padding: 8px 0 0; }
.pending { margin: 12px 0 0; }
.result:focus { outline: none; }
.result-text { font-size: 18px; font-weight: 700; }
.result[data-state="queued"] .result-text { color: inherit; }
`;

/** A UUID v7 text: 48 bits of Unix milliseconds, version 7, variant 10, random rest. */
export function uuidv7(now = Date.now(), random = crypto.getRandomValues(new Uint8Array(10))) {
  const b = new Uint8Array(16);
  for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
  b.set(random.subarray(0, 10), 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The localStorage key of a forum's registrations waiting to be sent. */
export function queueKey(forum) {
  return `jiyn-embed:register-queue:${forum}`;
}

function readQueue(forum) {
  try {
    const v = JSON.parse(localStorage.getItem(queueKey(forum)) || '[]');
    return Array.isArray(v) ? v.filter((e) => e && e.body && typeof e.body.id === 'string') : [];
  } catch {
    return [];
  }
}

/** Writes the queue; false when storage is not available (full, disabled). */
function writeQueue(forum, queue) {
  try {
    if (queue.length) localStorage.setItem(queueKey(forum), JSON.stringify(queue));
    else localStorage.removeItem(queueKey(forum));
    return true;
  } catch {
    return false;
  }
}

function enqueue(forum, body) {
  const queue = readQueue(forum).filter((e) => e.body.id !== body.id);
  if (queue.length >= MAX_QUEUE) return false;
  queue.push({ body, queued_at: Date.now() });
  return writeQueue(forum, queue);
}

function dequeue(forum, id) {
  writeQueue(forum, readQueue(forum).filter((e) => e.body.id !== id));
}

/**
 * Sends one registration. Answers `{ kind: 'ok', status }`, `{ kind: 'refused',
 * status, field, code }` (the server will not take it: drop it), `{ kind: 'later',
 * retryAfter }` (no network, no answer, busy or failing server: keep it).
 */
export async function send(server, forum, body) {
  const url = `${server.replace(/\/+$/, '')}/v1/forums/${encodeURIComponent(forum)}/registrations`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let r;
  try {
    r = await fetch(url, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: abort.signal,
    });
  } catch {
    return { kind: 'later' };
  } finally {
    clearTimeout(timer);
  }
  let answer = null;
  try {
    answer = await r.json();
  } catch {
    answer = null;
  }
  if (r.ok && answer && (answer.status === 'registered' || answer.status === 'already registered')) {
    return { kind: 'ok', status: answer.status };
  }
  if (r.status === 429 || r.status >= 500 || r.ok) {
    const retry = Number(r.headers.get('retry-after'));
    return { kind: 'later', retryAfter: Number.isFinite(retry) && retry > 0 ? retry * 1000 : undefined };
  }
  return { kind: 'refused', status: r.status, field: answer?.field ?? null, code: answer?.error ?? null };
}

/** Forums whose queue a page is sending now (one sender per forum per page). */
const flushing = new Set();

function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, String(v));
  }
  for (const c of children) e.append(c);
  return e;
}

export class JiynRegister extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'consent-version', 'fields', 'forum', 'server'];
  }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: 'open' });
    this._errors = new Map(); // field name → string key
    this._formError = null;
    this._notice = null;
    this._result = null; // { state: 'registered'|'already'|'queued'|'busy', id }
    this._retryMs = RETRY_MIN_MS;
    this._timer = null;
    this._sending = false;
    this._onOnline = () => {
      this._retryMs = RETRY_MIN_MS;
      this.flush();
    };
    this._build();
  }

  connectedCallback() {
    window.addEventListener('online', this._onOnline);
    this._renderText();
    this.flush();
  }

  disconnectedCallback() {
    window.removeEventListener('online', this._onOnline);
    clearTimeout(this._timer);
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this._els) return;
    if (name === 'fields') this._renderFields();
    if (name === 'forum' || name === 'server') this.flush();
    this._renderText();
  }

  get lang() {
    const own = (this.getAttribute('lang') || '').toLowerCase().slice(0, 2);
    if (LANGS.includes(own)) return own;
    const page = (document.documentElement.lang || navigator.language || '').toLowerCase().slice(0, 2);
    return LANGS.includes(page) ? page : 'kk';
  }

  set lang(v) {
    this.setAttribute('lang', v);
  }

  get consentVersion() {
    return (this.getAttribute('consent-version') || '').trim() || DEFAULT_CONSENT_VERSION;
  }

  get forum() {
    return (this.getAttribute('forum') || '').trim();
  }

  get server() {
    return (this.getAttribute('server') || '').trim();
  }

  _t(key) {
    return STRINGS[this.lang][key] ?? STRINGS.en[key] ?? key;
  }

  _configured() {
    return Boolean(this.server && /^[0-9a-f-]{36}$/i.test(this.forum));
  }

  // ---- building (once; text is filled in by _renderText, so a language switch
  //      keeps everything typed) -------------------------------------------------

  _field(name, type, attrs = {}) {
    const input = el('input', {
      id: `f-${name}`,
      name,
      type,
      'aria-describedby': `e-${name} h-${name}`,
      ...attrs,
    });
    const label = el('label', { for: `f-${name}` });
    const hint = el('p', { id: `h-${name}`, class: 'small', hidden: true });
    const error = el('p', { id: `e-${name}`, class: 'error', hidden: true });
    const wrap = el('div', { class: 'field', 'data-field': name }, [label, input, hint, error]);
    this._els.fields[name] = { wrap, input, label, hint, error };
    return wrap;
  }

  _check(name, labelKey) {
    const input = el('input', { id: `f-${name}`, name, type: 'checkbox', 'aria-describedby': `e-${name}` });
    const text = el('span');
    const label = el('label', { class: 'check', for: `f-${name}` }, [input, text]);
    const error = el('p', { id: `e-${name}`, class: 'error', hidden: true });
    this._els.fields[name] = { wrap: label, input, label: text, error, labelKey };
    return [label, error];
  }

  _build() {
    const style = el('style');
    style.textContent = CSS;
    this._els = { fields: {} };
    const e = this._els;
    e.title = el('h2');
    e.langs = el('div', { class: 'langs', role: 'group' });
    e.langButtons = LANGS.map((code) => {
      const b = el('button', { type: 'button', lang: code, 'data-lang': code });
      b.textContent = LANG_NAMES[code];
      b.addEventListener('click', () => {
        this.setAttribute('lang', code);
      });
      e.langs.append(b);
      return b;
    });
    e.notice = el('p', { class: 'notice', role: 'status', hidden: true });
    e.pending = el('p', { class: 'small pending', hidden: true });
    e.required = el('p', { class: 'small' });
    e.extra = el('div');
    e.guardianLegend = el('legend');
    e.guardian = el('fieldset', { class: 'guardian', hidden: true }, [
      e.guardianLegend,
      this._field('guardian_name', 'text', { autocomplete: 'off', maxlength: MAX_TEXT }),
      this._field('guardian_phone', 'tel', { autocomplete: 'off', inputmode: 'tel', maxlength: 40 }),
      ...this._check('guardian_agree'),
    ]);
    e.consentLegend = el('legend');
    e.consentText = el('p');
    e.consentVersion = el('p', { class: 'small' });
    e.consent = el('fieldset', { class: 'consent' }, [
      e.consentLegend,
      e.consentText,
      e.consentVersion,
      ...this._check('consent'),
    ]);
    e.formError = el('p', { class: 'error', role: 'alert', hidden: true });
    e.submit = el('button', { type: 'submit', class: 'primary' });
    e.form = el('form', { novalidate: true }, [
      e.required,
      this._field('full_name', 'text', { autocomplete: 'name', maxlength: MAX_TEXT, required: true }),
      this._field('phone', 'tel', { autocomplete: 'tel', inputmode: 'tel', maxlength: 40 }),
      this._field('birth_year', 'text', {
        inputmode: 'numeric',
        autocomplete: 'bday-year',
        maxlength: 4,
        pattern: '[0-9]{4}',
        required: true,
      }),
      e.guardian,
      e.extra,
      e.consent,
      e.formError,
      e.submit,
    ]);
    e.resultText = el('p', { class: 'result-text' });
    e.another = el('button', { type: 'button', class: 'primary' });
    e.result = el('div', { class: 'result', role: 'status', tabindex: '-1', hidden: true }, [e.resultText, e.another]);
    e.root = el('div', { class: 'root', part: 'root' }, [
      el('div', { class: 'head' }, [e.title, e.langs]),
      e.notice,
      e.form,
      e.result,
      e.pending,
    ]);
    this._root.append(style, e.root);
    for (const f of EXTRA_FIELDS) this._field(f, 'text', { maxlength: MAX_TEXT, autocomplete: 'off' });
    this._renderFields();

    e.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this._submit();
    });
    e.fields.birth_year.input.addEventListener('input', () => this._renderGuardian());
    for (const [name, f] of Object.entries(e.fields)) {
      f.input.addEventListener(f.input.type === 'checkbox' ? 'change' : 'input', () => {
        if (this._errors.delete(name)) this._renderText();
      });
    }
    e.another.addEventListener('click', () => {
      this._result = null;
      e.form.reset();
      this._errors.clear();
      this._formError = null;
      this._renderGuardian();
      this._renderText();
      e.fields.full_name.input.focus();
    });
  }

  /** The optional extra inputs the `fields` attribute asks for, in a fixed order. */
  _renderFields() {
    const wanted = (this.getAttribute('fields') || '').toLowerCase().split(/[\s,]+/);
    this._els.extra.replaceChildren(
      ...EXTRA_FIELDS.filter((f) => wanted.includes(f)).map((f) => this._els.fields[f].wrap),
    );
  }

  _birthYear() {
    const v = this._els.fields.birth_year.input.value.trim();
    return /^[0-9]{4}$/.test(v) ? Number(v) : null;
  }

  _isMinor() {
    const y = this._birthYear();
    return y != null && new Date().getFullYear() - y < ADULT_AGE;
  }

  _renderGuardian() {
    this._els.guardian.hidden = !this._isMinor();
  }

  /** Every text in the current language; values typed stay as they are. */
  _renderText() {
    const e = this._els;
    const lang = this.lang;
    e.root.setAttribute('lang', lang);
    e.title.textContent = this._t('title');
    e.langs.setAttribute('aria-label', this._t('language'));
    for (const b of e.langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    e.required.textContent = this._t('required');
    const labels = {
      full_name: 'full_name',
      phone: 'phone',
      birth_year: 'birth_year',
      region: 'region',
      district: 'district',
      organisation: 'organisation',
      guardian_name: 'guardianName',
      guardian_phone: 'guardianPhone',
      guardian_agree: 'guardianAgree',
      consent: 'consentAgree',
    };
    for (const [name, key] of Object.entries(labels)) e.fields[name].label.textContent = this._t(key);
    const hints = { phone: 'phoneHint', birth_year: 'birthHint' };
    for (const [name, key] of Object.entries(hints)) {
      e.fields[name].hint.textContent = this._t(key);
      e.fields[name].hint.hidden = false;
    }
    e.guardianLegend.textContent = this._t('guardianHeading');
    e.consentLegend.textContent = this._t('consentHeading');
    e.consentText.textContent = this._t('consentText');
    e.consentVersion.textContent = `${this._t('consentVersion')} ${this.consentVersion}`;
    e.submit.textContent = this._t(this._sending ? 'sending' : 'submit');
    e.submit.disabled = this._sending;
    e.another.textContent = this._t('another');
    for (const [name, f] of Object.entries(e.fields)) {
      const key = this._errors.get(name);
      f.error.hidden = !key;
      f.error.textContent = key ? this._t(key) : '';
      if (key) f.input.setAttribute('aria-invalid', 'true');
      else f.input.removeAttribute('aria-invalid');
    }
    const formError = this._configured() ? this._formError : 'errSetup';
    e.formError.hidden = !formError;
    e.formError.textContent = formError ? this._t(formError) : '';
    e.notice.hidden = !this._notice;
    e.notice.textContent = this._notice ? this._t(this._notice) : '';
    const r = this._result;
    e.form.hidden = Boolean(r);
    e.result.hidden = !r;
    e.result.dataset.state = r ? r.state : '';
    e.resultText.textContent = r ? this._t(r.state) : '';
    const waiting = this._configured() ? readQueue(this.forum).length : 0;
    e.pending.hidden = waiting === 0;
    e.pending.textContent = waiting ? `${this._t('pending')} ${waiting}` : '';
  }

  // ---- submitting ---------------------------------------------------------------

  /** Checks what was typed; the field → message key of each problem. */
  _validate() {
    const f = this._els.fields;
    const errors = new Map();
    const name = f.full_name.input.value.trim();
    if (!name) errors.set('full_name', 'errName');
    else if (name.length > MAX_TEXT) errors.set('full_name', 'errTooLong');
    const phoneOk = (v) => {
      const digits = v.replace(/\D/g, '').length;
      return /^\+?[0-9\s().\u2010-\u2014-]+$/.test(v) && digits >= 7 && digits <= 15;
    };
    const phone = f.phone.input.value.trim();
    if (phone && !phoneOk(phone)) errors.set('phone', 'errPhone');
    const year = this._birthYear();
    if (year == null || year < 1900 || year > new Date().getFullYear()) errors.set('birth_year', 'errYear');
    for (const x of EXTRA_FIELDS) {
      if (f[x].input.value.trim().length > MAX_TEXT) errors.set(x, 'errTooLong');
    }
    if (this._isMinor()) {
      if (!f.guardian_name.input.value.trim()) errors.set('guardian_name', 'errGuardianName');
      const gp = f.guardian_phone.input.value.trim();
      if (gp && !phoneOk(gp)) errors.set('guardian_phone', 'errPhone');
      if (!f.guardian_agree.input.checked) errors.set('guardian_agree', 'errGuardianAgree');
    }
    if (!f.consent.input.checked) errors.set('consent', 'errConsent');
    return errors;
  }

  /** The registration the form describes, with a new id. */
  _body() {
    const f = this._els.fields;
    const text = (n) => f[n].input.value.trim() || null;
    const body = {
      id: uuidv7(),
      full_name: text('full_name'),
      phone: text('phone'),
      birth_year: this._birthYear(),
      consent: { text_version: this.consentVersion, language: this.lang },
    };
    for (const x of EXTRA_FIELDS) {
      if (!f[x].wrap.isConnected) continue;
      const v = text(x);
      if (v) body[x] = v;
    }
    if (this._isMinor()) body.guardian = { full_name: text('guardian_name'), phone: text('guardian_phone') };
    return body;
  }

  async _submit() {
    if (this._sending) return;
    this._notice = null;
    this._formError = null;
    if (!this._configured()) {
      this._renderText();
      return;
    }
    this._errors = this._validate();
    if (this._errors.size) {
      this._formError = 'fixErrors';
      this._renderText();
      const first = [...this._errors.keys()][0];
      this._els.fields[first].input.focus();
      return;
    }
    const body = this._body();
    const forum = this.forum;
    if (navigator.onLine === false) {
      this._keep(forum, body, 'queued');
      return;
    }
    this._sending = true;
    this._renderText();
    const r = await send(this.server, forum, body);
    this._sending = false;
    if (r.kind === 'ok') {
      this._showResult(r.status === 'registered' ? 'registered' : 'already', body.id);
    } else if (r.kind === 'later') {
      this._keep(forum, body, navigator.onLine === false ? 'queued' : 'busy', r.retryAfter);
    } else {
      this._refused(r, body, true);
    }
  }

  /** Keeps a registration for later and says so (or says that it cannot). */
  _keep(forum, body, state, retryAfter) {
    if (!enqueue(forum, body)) {
      this._formError = 'errStorage';
      this._renderText();
      return;
    }
    this._showResult(state, body.id);
    if (state === 'busy') this._retryLater(retryAfter);
  }

  _showResult(state, id) {
    this._result = { state, id };
    this._errors.clear();
    this._formError = null;
    if (state === 'registered' || state === 'already') this._els.form.reset();
    this._renderGuardian();
    this._renderText();
    this._els.result.focus();
  }

  /**
   * The server will not take `body`: show why, next to the field when it says which.
   * `direct`: it was just submitted (the form still holds it). Otherwise it was kept:
   * when its "saved" message is on screen the form comes back with what was typed;
   * else (another person's form, or an earlier visit) a notice says so without
   * showing its data.
   */
  _refused(r, body, direct) {
    const shown = this._result && this._result.id === body.id;
    if (!direct && !shown) {
      this._notice = 'errSavedRefused';
      this._renderText();
      return;
    }
    const fields = {
      full_name: ['full_name', 'errName'],
      phone: ['phone', 'errPhone'],
      birth_year: ['birth_year', 'errYear'],
      region: ['region', 'errField'],
      district: ['district', 'errField'],
      organisation: ['organisation', 'errField'],
      guardian: ['guardian_name', 'errGuardianName'],
      'guardian.full_name': ['guardian_name', 'errGuardianName'],
      'guardian.phone': ['guardian_phone', 'errPhone'],
      consent: ['consent', 'errConsent'],
    };
    if (shown) {
      this._result = null;
      this._restore(body);
    }
    this._errors.clear();
    const hit = r.field && fields[r.field];
    if (hit && this._els.fields[hit[0]].wrap.isConnected) {
      this._errors.set(hit[0], hit[1]);
      this._formError = 'fixErrors';
    } else if (r.status === 404) {
      this._formError = 'errNotFound';
    } else if (r.status === 413) {
      this._formError = 'errTooLarge';
    } else {
      this._formError = 'errOther';
    }
    this._renderGuardian();
    this._renderText();
    if (hit && this._errors.size) this._els.fields[hit[0]].input.focus();
  }

  /** Puts a registration made in this page back into the form. */
  _restore(body) {
    const f = this._els.fields;
    f.full_name.input.value = body.full_name ?? '';
    f.phone.input.value = body.phone ?? '';
    f.birth_year.input.value = body.birth_year ?? '';
    for (const x of EXTRA_FIELDS) f[x].input.value = body[x] ?? '';
    f.guardian_name.input.value = body.guardian?.full_name ?? '';
    f.guardian_phone.input.value = body.guardian?.phone ?? '';
    f.guardian_agree.input.checked = Boolean(body.guardian);
    f.consent.input.checked = true;
  }

  _retryLater(after) {
    clearTimeout(this._timer);
    const wait = Math.max(after ?? this._retryMs, 1000);
    this._retryMs = Math.min(this._retryMs * 2, RETRY_MAX_MS);
    this._timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the registrations waiting in this site's storage, oldest first. */
  async flush() {
    if (!this.isConnected || !this._configured() || navigator.onLine === false) return;
    const forum = this.forum;
    if (flushing.has(forum)) return;
    flushing.add(forum);
    try {
      for (;;) {
        const [entry] = readQueue(forum);
        if (!entry) break;
        const r = await send(this.server, forum, entry.body);
        if (r.kind === 'later') {
          this._retryLater(r.retryAfter);
          break;
        }
        dequeue(forum, entry.body.id);
        const shown = this._result && this._result.id === entry.body.id;
        if (r.kind === 'ok') {
          this._retryMs = RETRY_MIN_MS;
          if (shown) this._result = { state: r.status === 'registered' ? 'registered' : 'already', id: entry.body.id };
          else this._notice = 'sentLater';
        } else {
          this._refused(r, entry.body, false);
        }
      }
    } finally {
      flushing.delete(forum);
      this._renderText();
    }
  }
}

/** Defines the element (once) under `name`. Importing this module calls it. */
export function define(name = TAG) {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, JiynRegister);
  }
}

define();
