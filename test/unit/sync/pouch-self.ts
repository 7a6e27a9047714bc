/** PouchDB's browser build reaches for `self`, which a browser has and Node has not: import this first. */
(globalThis as { self?: unknown }).self ??= globalThis;
export {};
