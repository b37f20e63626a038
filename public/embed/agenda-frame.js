// The iframe page (agenda.html): builds <jiyn-agenda> from the page's query and posts
// its height to the parent window on every size change. docs/embedding.md.
import './agenda.js';

const query = new URLSearchParams(location.search);
const agenda = document.createElement('jiyn-agenda');
for (const name of ['feed', 'lang', 'layout']) {
  const value = query.get(name);
  if (value) agenda.setAttribute(name, value);
}
if (query.get('lang')) document.documentElement.lang = query.get('lang');

// Theme from the query, only values that are what they claim to be.
const supports = (prop, value) => typeof CSS !== 'undefined' && CSS.supports(prop, value);
const theme = {
  accent: ['--jiyn-accent', 'color'],
  bg: ['--jiyn-bg', 'color'],
  fg: ['--jiyn-fg', 'color'],
  radius: ['--jiyn-radius', 'border-radius'],
  font: ['--jiyn-font', 'font-family'],
};
for (const [param, [prop, check]] of Object.entries(theme)) {
  const value = query.get(param);
  if (value && value.length <= 120 && supports(check, value)) agenda.style.setProperty(prop, value);
}

document.body.append(agenda);

// The height of the widget itself (not the document, which is at least as tall as the
// frame and so would never let the parent shrink it).
let last = -1;
function post() {
  const height = Math.ceil(agenda.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  window.parent.postMessage({ type: 'jiyn-height', height }, '*');
}
new ResizeObserver(post).observe(agenda);
addEventListener('load', post);
