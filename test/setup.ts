import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

// Each test starts from empty storage.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
