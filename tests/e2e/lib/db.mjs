// Reading the app's IndexedDB by hand (raw IndexedDB in the page), to compare what is
// stored record by record, independently of the app's own code.

/** Record stores of the app's schema (see docs/storage.md). */
export const RECORD_STORES = Object.freeze(['forums', 'sessions', 'participants', 'checkins', 'hours', 'projects', 'signups', 'shifts', 'activities']);

/**
 * Every record of every record store of database `name`, as
 * `{ store: [records sorted by meta.id] }`.
 * @param {import('playwright-core').Page} page
 */
export async function dumpRecords(page, name = 'jiyn') {
  return page.evaluate(
    async ({ name, stores }) => {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        const out = {};
        for (const store of stores) {
          if (!db.objectStoreNames.contains(store)) continue;
          const rows = await new Promise((resolve, reject) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          out[store] = rows.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
        }
        return out;
      } finally {
        db.close();
      }
    },
    { name, stores: RECORD_STORES },
  );
}

/** Number of records in each record store. */
export function counts(dump) {
  return Object.fromEntries(Object.entries(dump).map(([k, v]) => [k, v.length]));
}

/**
 * Deletes database `name` from the page (the app closes its connection on the
 * version change and asks for a reload).
 */
export async function deleteDatabase(page, name = 'jiyn') {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.deleteDatabase(name);
        req.onsuccess = () => resolve('deleted');
        req.onerror = () => reject(req.error);
        req.onblocked = () => {}; // resolves once the app has closed its connection
      }),
    name,
  );
}

/** Every change waiting in the outbox of database `name`. */
export async function outboxChanges(page, name = 'jiyn') {
  return page.evaluate(async (name) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const req = db.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, name);
}
