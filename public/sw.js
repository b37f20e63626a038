// Jiyn's service worker: keeps the app shell in a versioned cache so the app
// starts and deep links open without a network. Data never passes through
// here: it lives in IndexedDB. See docs/offline.md for the whole design and
// the contract with the page.
//
// This file is a template. scripts/sw-build.mjs (a trunk post_build hook)
// replaces the two placeholders below in the build output (dist/sw.js):
//   VERSION: a hash of every file of the build, so any change to the build
//            changes this file byte for byte, which is how the browser finds
//            an update;
//   ASSETS:  every file of the build except this one, as absolute paths.
// Served unbuilt, the worker fails to evaluate (ASSETS is undefined) and is
// not installed, which is the safe outcome.
//
// Plain script, no imports, no eval: it must work under a strict CSP.

"use strict";

const VERSION = "__JIYN_VERSION__";
const ASSETS = __JIYN_ASSETS__;

const CACHE_PREFIX = "jiyn-shell-";
const CACHE = CACHE_PREFIX + VERSION;
/** What a navigation gets when the network fails: the SPA shell. */
const SHELL = "/index.html";

// Install: precache the shell. No skipWaiting() here: when another version is
// active, this one waits until the page asks (SKIP_WAITING) or every tab of
// the old version is closed. `cache: "reload"` bypasses the HTTP cache, so a
// stale file can never be precached under a new version.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(["/", ...ASSETS].map((url) => new Request(url, { cache: "reload" })))),
  );
});

// Activate: drop every other version's shell, then take control of the open
// pages (on a first install the page that registered us becomes controlled
// without a reload).
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page posts {type: "SKIP_WAITING"} to a waiting worker when the user
// accepts the "new version" banner; the page then reloads on controllerchange.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (new URL(request.url).origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(networkFirstNavigation(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

// Navigations: the network when it answers (so an online start sees a new
// deployment at once), else the cached shell for any in-scope path, e.g.
// /forum/<id>. The network answer is not written to the cache: the cached
// index.html must keep matching the cached wasm, JS and CSS of this version.
async function networkFirstNavigation(request) {
  try {
    return await fetch(request);
  } catch (networkError) {
    const cache = await caches.open(CACHE);
    const shell = (await cache.match(SHELL)) || (await cache.match("/"));
    if (shell) return shell;
    throw networkError;
  }
}

// Everything else: this version's cache, then the network. Network answers
// are not cached (only the precached shell is kept; data is in IndexedDB).
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  return cached || fetch(request);
}
