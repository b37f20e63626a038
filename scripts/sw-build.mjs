#!/usr/bin/env node
// Fills in the service worker's version and precache list from the build.
//
// Run by trunk as a post_build hook (Trunk.toml), after the final index.html is
// written into the staging directory and before trunk moves it to dist/:
//   TRUNK_STAGING_DIR  the build output being assembled (required)
//   TRUNK_PUBLIC_URL   the URL prefix the app is served under (default "/")
// By hand, on a fresh copy of the output: node scripts/sw-build.mjs <dir>
//
// In <dir>/sw.js it replaces, each exactly once:
//   "__JIYN_VERSION__"  with a hash of every file in <dir> (paths and bytes,
//                       including the sw.js template), so any change to the
//                       build gives a new sw.js and browsers see an update;
//   __JIYN_ASSETS__     with a JSON array of every file in <dir> except sw.js
//                       and dot-files, as absolute URLs under TRUNK_PUBLIC_URL.
// Before that, it moves every inline <script> trunk wrote into index.html (its wasm
// loader) into a file of its own, start-<hash>.js, loaded with src= and an integrity
// hash, so the Content-Security-Policy in index.html can forbid inline scripts.
// Anything unexpected (no sw.js, a placeholder missing or repeated, an icon
// named by a manifest that is not in the build, no CSP in index.html) fails the
// build loudly.

import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

const SW_FILE = 'sw.js';
const VERSION_PLACEHOLDER = '"__JIYN_VERSION__"';
const ASSETS_PLACEHOLDER = '__JIYN_ASSETS__';

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

/** Every regular file under `dir`, as sorted '/'-separated relative paths. */
async function listFiles(dir, prefix = '') {
  const entries = await fsp.readdir(path.join(dir, prefix), { withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) files.push(rel);
    else fail(`${rel}: neither a file nor a directory (symlink?); refusing to guess`);
  }
  return files.sort();
}

function countOccurrences(text, needle) {
  return text.split(needle).length - 1;
}

/** Fails unless every icon a manifest names is part of the build. */
async function checkManifestIcons(dir, files, publicUrl) {
  const present = new Set(files.map((f) => publicUrl + f));
  for (const file of files.filter((f) => f.endsWith('.webmanifest'))) {
    let manifest;
    try {
      manifest = JSON.parse(await fsp.readFile(path.join(dir, file), 'utf8'));
    } catch (err) {
      fail(`${file}: not valid JSON (${err.message})`);
    }
    for (const icon of manifest.icons ?? []) {
      if (!present.has(icon.src)) {
        fail(
          `${file} names the icon ${icon.src}, which is not in the build ` +
            '(PNGs are git-ignored by default: are public/icons/*.png checked in?)',
        );
      }
    }
  }
}

/**
 * Moves the inline scripts of index.html into start-<hash>.js files (same type), so
 * that `script-src 'self'` holds. Returns how many were moved.
 */
async function externaliseScripts(dir, publicUrl) {
  const indexPath = path.join(dir, 'index.html');
  let html = await fsp.readFile(indexPath, 'utf8');
  if (!/<meta http-equiv="Content-Security-Policy"/.test(html)) {
    fail('index.html has no Content-Security-Policy meta tag (see docs/security.md)');
  }
  let moved = 0;
  const pending = [];
  html = html.replace(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g, (whole, attrs = '', body) => {
    if (/\ssrc=/.test(attrs)) return whole;
    const digest = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
    const file = `start-${digest}.js`;
    const integrity = 'sha384-' + crypto.createHash('sha384').update(body).digest('base64');
    pending.push(fsp.writeFile(path.join(dir, file), body));
    moved += 1;
    return `<script${attrs} src="${publicUrl}${file}" integrity="${integrity}" crossorigin="anonymous"></script>`;
  });
  await Promise.all(pending);
  await fsp.writeFile(indexPath, html);
  return moved;
}

async function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('TRUNK_STAGING_DIR is not set (run by trunk, or pass the build directory)');
  let publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
  if (!publicUrl.startsWith('/')) fail(`TRUNK_PUBLIC_URL ${publicUrl} must be an absolute path`);
  if (!publicUrl.endsWith('/')) publicUrl += '/';

  const swPath = path.join(dir, SW_FILE);
  const template = await fsp.readFile(swPath, 'utf8').catch((err) => {
    fail(`cannot read ${swPath}: ${err.message} (is public/ copied with data-target-path=".")?`);
  });
  for (const placeholder of [VERSION_PLACEHOLDER, ASSETS_PLACEHOLDER]) {
    const n = countOccurrences(template, placeholder);
    if (n !== 1) {
      fail(
        `${swPath}: expected the placeholder ${placeholder} exactly once, found it ${n} times ` +
          '(already filled in, or public/sw.js lost its placeholders?)',
      );
    }
  }

  const moved = await externaliseScripts(dir, publicUrl);
  const files = await listFiles(dir);
  if (!files.includes('index.html')) fail(`${dir} has no index.html`);

  // The version: paths and contents of every file, the template included.
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const bytes = await fsp.readFile(path.join(dir, file));
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  const version = hash.digest('hex').slice(0, 16);

  // Dot-files are never served (tests/e2e/server.mjs refuses them), so they
  // cannot be precached; a failed precache would leave the app without a worker.
  // The partner widgets (docs/embedding.md) run on other sites' pages, which this
  // worker never controls: they are not part of the app's shell.
  const partnerFile = (f) => f === 'embed.js' || f === 'partner-demo.html' || f.startsWith('embed/');
  const assets = files
    .filter((f) => f !== SW_FILE && !partnerFile(f) && !f.split('/').some((seg) => seg.startsWith('.')))
    .map((f) => publicUrl + f);
  await checkManifestIcons(dir, files, publicUrl);

  const output = template
    .replace(VERSION_PLACEHOLDER, JSON.stringify(version))
    .replace(ASSETS_PLACEHOLDER, JSON.stringify(assets, null, 2));
  if (output.includes('__JIYN_')) fail(`${swPath}: a __JIYN_ placeholder is left after filling in`);
  await fsp.writeFile(swPath, output);

  console.log(
    `sw-build: ${moved} inline script(s) moved out of index.html; ` +
      `${SW_FILE} version ${version}, ${assets.length} files to precache`,
  );
}

main().catch((err) => {
  const message = err instanceof BuildError ? err.message : err.stack || String(err);
  console.error(`\nsw-build: ERROR: ${message}\n`);
  process.exit(1);
});
