// Jiyn's widgets for partner websites: the one script a partner adds (docs/embedding.md).
//
//   <script type="module" src="https://<jiyn host>/embed.js"></script>
//   <jiyn-agenda feed="https://<jiyn host>/v1/forums/<forum>/agenda.json" lang="kk"></jiyn-agenda>
//   <jiyn-register server="https://<sync server>" forum="<forum>" lang="kk"></jiyn-register>
//
// Each widget is its own module, loaded side by side, so one that fails to load (an old
// browser, a blocked file) does not take the other with it. The agenda's wasm is
// fetched only when a <jiyn-agenda> element appears on the page.
for (const widget of ['./embed/agenda.js', './embed/register.js']) {
  import(widget).catch((err) => console.error(`Jiyn: ${widget} did not load`, err));
}
