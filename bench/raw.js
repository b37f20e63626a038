// The hand-written JavaScript baseline of Jiyn's benchmarks: the same work as the
// app's store layer (`jiyn::store::IdbRepo`), written directly against IndexedDB.
//
// Imported by src/bin/bench.rs through wasm-bindgen (`module = "/bench/raw.js"`), so it
// runs in the same page, on a database created with the same schema by
// `IdbRepo::open`. Each function receives the very objects the app side writes, as
// the JSON text made by serde_json; `JSON.parse` happens before the clock starts.
// Times are `performance.now()` differences in milliseconds.

// Names from src/store/schema.rs (the stored format; they never change in place).
const PARTICIPANTS = 'participants';
const CHECKINS = 'checkins';
const OUTBOX = 'outbox';
const BY_FORUM = 'by_forum';

/** Runs a full garbage collection when Chromium exposes `gc` (--js-flags=--expose-gc). */
export function collectGarbage() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** Resolves after `ms` milliseconds (a macrotask timer: the page idles meanwhile). */
export function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens an existing database at whatever version it has. */
function openDb(name) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error(`opening ${name} is blocked`));
  });
}

/** Resolves when the transaction has committed, rejects when it aborts. */
function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Every live (not tombstoned) record of one forum, through the `by_forum` index. */
async function listByForum(db, storeName, forum) {
  const tx = db.transaction(storeName, 'readonly');
  const rows = await request(tx.objectStore(storeName).index(BY_FORUM).getAll(forum));
  return rows.filter((r) => !r.meta.deleted);
}

/** The forum page's figures, by hand: one transaction, two index `getAll`s. */
async function forumCounts(db, forum) {
  const tx = db.transaction([PARTICIPANTS, CHECKINS], 'readonly');
  const [people, events] = await Promise.all([
    request(tx.objectStore(PARTICIPANTS).index(BY_FORUM).getAll(forum)),
    request(tx.objectStore(CHECKINS).index(BY_FORUM).getAll(forum)),
  ]);
  const live = new Set();
  const delegations = new Set();
  for (const p of people) {
    if (p.meta.deleted) continue;
    live.add(p.meta.id);
    if (typeof p.delegation === 'string') delegations.add(p.delegation);
  }
  const latest = new Map();
  for (const e of events) {
    if (e.meta.deleted) continue;
    const seen = latest.get(e.participant);
    if (!seen || e.meta.hlc > seen.hlc) latest.set(e.participant, { hlc: e.meta.hlc, in: e.action === 'check_in' });
  }
  let checkedIn = 0;
  for (const [who, state] of latest) if (state.in && live.has(who)) checkedIn++;
  return { participants: live.size, delegations: delegations.size, checked_in: checkedIn };
}

/**
 * Bulk insert then read back: every `{record, change}` pair of `itemsJson` in ONE
 * readwrite transaction (`put` the participant, `add` its outbox change), then, after
 * `settleMs` of idle time, all participants of `forum` with one index `getAll`.
 * Then, after another `settleMs`, the forum's figures as the forum page shows them
 * (`IdbRepo::forum_counts`): live participants, distinct delegations, and who is checked
 * in by their latest live event.
 * @returns {Promise<{write: number, read: number, count: number, counts: number, participants: number, delegations: number}>}
 */
export async function rawBulk(dbName, itemsJson, forum, settleMs) {
  const items = JSON.parse(itemsJson);
  const db = await openDb(dbName);
  try {
    collectGarbage();
    let start = performance.now();
    const tx = db.transaction([PARTICIPANTS, OUTBOX], 'readwrite');
    const committed = done(tx);
    const store = tx.objectStore(PARTICIPANTS);
    const outbox = tx.objectStore(OUTBOX);
    for (const { record, change } of items) {
      store.put(record);
      outbox.add(change);
    }
    tx.commit();
    await committed;
    const write = performance.now() - start;

    await pause(settleMs);
    collectGarbage();
    start = performance.now();
    const rows = await listByForum(db, PARTICIPANTS, forum);
    const read = performance.now() - start;

    await pause(settleMs);
    collectGarbage();
    start = performance.now();
    const figures = await forumCounts(db, forum);
    const counts = performance.now() - start;
    return { write, read, count: rows.length, counts, ...figures };
  } finally {
    db.close();
  }
}

/**
 * Single writes, the registration desk's pattern: each `{record, change}` pair of
 * `itemsJson` in its own readwrite transaction (`put` the check-in, `add` its outbox
 * change, commit, wait until committed), one after the other.
 * @returns {Promise<{write: number, count: number, outbox: number}>}
 */
export async function rawSingles(dbName, itemsJson, forum) {
  const items = JSON.parse(itemsJson);
  const db = await openDb(dbName);
  try {
    collectGarbage();
    const start = performance.now();
    for (const { record, change } of items) {
      const tx = db.transaction([CHECKINS, OUTBOX], 'readwrite');
      const committed = done(tx);
      tx.objectStore(CHECKINS).put(record);
      tx.objectStore(OUTBOX).add(change);
      tx.commit();
      await committed;
    }
    const write = performance.now() - start;
    // Checked outside the clock: everything arrived.
    const count = (await listByForum(db, CHECKINS, forum)).length;
    const outbox = await request(db.transaction(OUTBOX, 'readonly').objectStore(OUTBOX).count());
    return { write, count, outbox };
  } finally {
    db.close();
  }
}

/** Deletes a database (every connection to it must be closed first). */
export function deleteDb(name) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    // `blocked` only means a connection is still open; deletion continues once it
    // closes, and `success` follows.
  });
}
