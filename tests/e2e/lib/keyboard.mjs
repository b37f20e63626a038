// Keyboard-only helpers for the end-to-end tests: move focus with Tab / Shift+Tab and
// check, at every stop, that the focused element shows a focus indicator one can see
// and that nothing covers it (WCAG 2.4.7 Focus Visible, 2.4.11 Focus Not Obscured).
//
// "Visible" is measured twice: the computed style (an outline with a width and a
// colour that is not transparent, or a box-shadow) for the message, and the pixels:
// a screenshot of the element and its surroundings with focus styles as they are is
// compared with one where every focus style is switched off. Equal pictures mean the
// focus cannot be seen (however the CSS looks), e.g. when the ring is clipped by a
// scroll box or drawn in the background's colour.

import assert from 'node:assert/strict';

/** Switches off every focus style (used to take the "without focus" picture). */
export const NO_FOCUS_CSS =
  '*:focus, *:focus-visible, *:focus-within { outline: none !important; box-shadow: none !important; }';

/**
 * The focused element as the tests see it: a short description, whether a focus
 * style is set, and whether any of five points inside it (centre and inset corners)
 * reaches the element itself (not a sticky bar over it, not off screen).
 * @param {import('playwright-core').Page} page
 */
export async function focusState(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    // Focus inside an iframe or a shadow root: the host is what the page can see.
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const tag = el.tagName.toLowerCase();
    const name = [el.dataset.testid || el.id, el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 40)]
      .filter(Boolean)
      .join(' ');
    const desc = `${tag}${el.type ? `[type=${el.type}]` : ''}[${name}]`;
    window.__kbdSeq ??= 0;
    el.__kbdKey ??= ++window.__kbdSeq;
    // A visually hidden control (a file input inside its label) shows focus on the
    // label around it: that is what must be seen.
    const own = el.getBoundingClientRect();
    const hiddenControl = own.width < 4 || own.height < 4 || getComputedStyle(el).opacity === '0';
    const shown = (hiddenControl && el.closest('label')) || el;
    const cs = getComputedStyle(shown);
    const alpha = (c) => {
      if (!c || c === 'transparent') return 0;
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return 1;
      const parts = m[1].split(/[ ,/]+/).filter(Boolean);
      return parts.length > 3 ? parseFloat(parts[3]) : 1;
    };
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && alpha(cs.outlineColor) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    const box = shown.getBoundingClientRect();
    const sized = box.width > 0 && box.height > 0;
    let covered = false;
    let by = '';
    if (sized) {
      const dx = Math.min(4, box.width / 4);
      const dy = Math.min(4, box.height / 4);
      const points = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + dx, box.top + dy],
        [box.right - dx, box.top + dy],
        [box.left + dx, box.bottom - dy],
        [box.right - dx, box.bottom - dy],
      ];
      const seen = points.some(([x, y]) => {
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
        const hit = document.elementFromPoint(x, y);
        return hit && (hit === shown || shown.contains(hit) || hit.contains(shown));
      });
      if (!seen) {
        covered = true;
        const x = Math.min(innerWidth - 1, Math.max(0, box.left + box.width / 2));
        const y = Math.min(innerHeight - 1, Math.max(0, box.top + box.height / 2));
        const hit = document.elementFromPoint(x, y);
        by = hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'the viewport edge';
      }
    }
    return {
      desc,
      key: el.__kbdKey,
      testid: el.dataset.testid || null,
      style: outline ? `outline ${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}` : shadow ? `box-shadow ${cs.boxShadow}` : 'none',
      styled: Boolean(outline || shadow),
      sized,
      covered,
      by,
      box: { x: box.left, y: box.top, width: box.width, height: box.height },
    };
  });
}

/** The region around a box that a focus ring may take, inside the viewport. */
function ringClip(page, box) {
  const vp = page.viewportSize();
  const pad = 8;
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  const right = Math.min(vp.width, Math.ceil(box.x + box.width + pad));
  const bottom = Math.min(vp.height, Math.ceil(box.y + box.height + pad));
  if (right - x < 1 || bottom - y < 1) return null;
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Whether switching focus styles off changes what is on screen around the focused
 * element (true: the focus can be seen).
 */
export async function focusPaints(page, box) {
  const clip = ringClip(page, box);
  if (!clip) return false;
  const shot = () => page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  const withFocus = await shot();
  const handle = await page.addStyleTag({ content: NO_FOCUS_CSS });
  let without;
  try {
    without = await shot();
  } finally {
    await handle.evaluate((el) => el.remove());
  }
  return !withFocus.equals(without);
}

/**
 * Assert the focused element is there, shows its focus and is not covered.
 * @returns {Promise<Awaited<ReturnType<typeof focusState>>>}
 */
export async function assertFocusVisible(page, where = '') {
  // Let the key's effects run first: scrolling to the focused element fires a scroll
  // event a frame later, and the app may re-render on it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  // An app may put focus back a moment after a re-render moved its element (within a
  // task, long before a person presses the next key): allow that, not more.
  await page
    .waitForFunction(() => document.activeElement && document.activeElement !== document.body, null, { timeout: 500, polling: 20 })
    .catch(() => {});
  const f = await focusState(page);
  assert.ok(f, `${where}: nothing has focus (focus went to <body>)`);
  assert.ok(f.sized, `${where}: the focused ${f.desc} has no size`);
  assert.ok(!f.covered, `${where}: the focused ${f.desc} is covered by ${f.by}`);
  assert.ok(f.styled, `${where}: the focused ${f.desc} has no focus style (outline none, no box-shadow)`);
  assert.ok(await focusPaints(page, f.box), `${where}: the focus of ${f.desc} cannot be seen (${f.style}, but the pixels do not change)`);
  return f;
}

/** Press a key that moves focus and check where it landed. */
export async function press(page, key, where = key) {
  await page.keyboard.press(key);
  return assertFocusVisible(page, where);
}

/**
 * Press Tab (or Shift+Tab with `back`) until the focused element matches `selector`,
 * checking every stop on the way. Fails when it is not reached in `max` presses or
 * focus wraps around the page.
 * @returns {Promise<{ stops: string[] }>} the elements passed through
 */
export async function tabTo(page, selector, { back = false, max = 60, text, where = selector } = {}) {
  const key = back ? 'Shift+Tab' : 'Tab';
  const stops = [];
  const seen = new Set();
  let wrapped = false;
  let last = null;
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    if (!wrapped && !(await focusState(page))) {
      // Past the last element focus leaves the page (for the browser's own bar); the
      // next press comes back at the other end. Allowed once.
      wrapped = true;
      stops.push('(out of the page)');
      continue;
    }
    const f = await assertFocusVisible(page, `${where} (${key} #${i + 1})`);
    stops.push(f.desc);
    if (await focusMatches(page, selector, text)) return { stops };
    // The same element twice in a row is a control with parts (a date's day, month
    // and year); an element met again later means focus went round the page.
    if (seen.has(f.key) && f.key !== last) break;
    seen.add(f.key);
    last = f.key;
  }
  assert.fail(`${where}: ${selector}${text ? ` with ${JSON.stringify(text)}` : ''} not reached with ${key}; focus passed:\n  ${stops.join('\n  ')}`);
}

/** Whether the focused element matches the CSS `selector` (and contains `text`). */
export async function focusMatches(page, selector, text) {
  return page.evaluate(
    ([s, t]) => {
      const el = document.activeElement;
      return Boolean(el?.matches(s) && (t == null || el.textContent.includes(t)));
    },
    [selector, text ?? null],
  );
}

/**
 * Assert focus is on `selector` (with a helpful message). The app may move focus a
 * moment after a re-render, so this waits up to `timeout` ms for it.
 */
export async function assertFocusOn(page, selector, where = selector, timeout = 2_000) {
  const ok = await page
    .waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, { timeout, polling: 50 })
    .then(() => true, () => false);
  if (!ok) {
    const f = await focusState(page);
    assert.fail(`${where}: focus should be on ${selector}, is on ${f ? f.desc : '<body>'}`);
  }
  return assertFocusVisible(page, where);
}
