/**
 * Opens the store's database while the page is still fetching and starting its code. Built on its
 * own into a few hundred bytes and loaded `async` from the page's head
 * (scripts/vite-plugin-open-early.ts); `db.ts` takes the connection over if it is at today's
 * version. It never creates or upgrades anything: a database that does not exist yet, or an older
 * one, is left to `db.ts` and its migrations. Imports nothing at run time but `schema.ts`'s name.
 */
import { DB_NAME, EARLY_OPEN } from './schema';

(globalThis as Record<string, unknown>)[EARLY_OPEN] = new Promise<IDBDatabase | null>((resolve) => {
  try {
    const request = indexedDB.open(DB_NAME);
    // No database yet (a first visit): aborting leaves none behind, for the migrations to create.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      // Handled here: the store opens the database itself.
      event.preventDefault();
      resolve(null);
    };
  } catch {
    // No IndexedDB (or refused): the store reports it when it opens the database itself.
    resolve(null);
  }
});
