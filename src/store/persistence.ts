/** Persistent storage: asking the browser to keep Briefdeck's data under storage pressure. */

let asked = false;

/** Forgets that this tab asked (the store was closed). */
export function forgetPersistenceAsked(): void {
  asked = false;
}

/** Asks the browser to keep the data (some grant it silently, Safari may refuse). */
export async function requestPersistence(): Promise<boolean> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}

/** Once there is progress worth keeping, ask for persistence (once per tab). */
export async function askPersistenceOnce(): Promise<void> {
  if (asked) return;
  asked = true;
  await requestPersistence();
}
