/**
 * How much the store reads from IndexedDB during a call: the records and keys its requests hand
 * back. Unlike a time, the count does not depend on how busy the machine is, so it shows whether a
 * query's work stays flat as the collection grows. Patches the IndexedDB prototypes only while the
 * call runs (never while it is timed: a listener per request has a cost of its own).
 */
type Method = 'get' | 'getKey' | 'getAll' | 'getAllKeys' | 'openCursor' | 'openKeyCursor' | 'count';
const METHODS: Method[] = ['get', 'getKey', 'getAll', 'getAllKeys', 'openCursor', 'openKeyCursor', 'count'];

export interface Reads {
  /** Requests made. */
  requests: number;
  /** Records and keys handed back (a cursor's each step; a count's one number counts as one). */
  entries: number;
}

/** Runs `fn` and counts the requests it makes and the entries they hand back. */
export async function readsDuring<T>(fn: () => Promise<T>): Promise<Reads> {
  const reads: Reads = { requests: 0, entries: 0 };
  const restore: (() => void)[] = [];
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<Method, (...a: unknown[]) => IDBRequest>[]) {
    for (const method of METHODS) {
      const original = proto[method];
      proto[method] = function (this: unknown, ...args: unknown[]) {
        const request = original.apply(this, args);
        reads.requests++;
        request.addEventListener('success', () => {
          const result: unknown = request.result;
          if (Array.isArray(result)) reads.entries += result.length;
          else if (result !== undefined && result !== null) reads.entries++;
        });
        return request;
      };
      restore.push(() => (proto[method] = original));
    }
  }
  try {
    await fn();
  } finally {
    for (const undo of restore) undo();
  }
  return reads;
}
