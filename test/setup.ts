import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { configure } from '@testing-library/preact';
import { beforeEach } from 'vitest';

// Each test starts from empty storage.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  globalThis.localStorage?.clear();
});

// `findBy…` waits for a state; on a busy 2-core machine a lazy chunk (the Markdown lexer, a
// screen) can take more than the default second to arrive. Waiting longer changes no assertion.
configure({ asyncUtilTimeout: 10_000 });
