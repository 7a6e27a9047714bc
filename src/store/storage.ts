/** How the browser stores Briefdeck's data: for the settings screen's storage status. */
import { mediaUsage } from './media';

/** Whether the browser keeps Briefdeck's data under storage pressure, and how much is used. */
export async function storageStatus(): Promise<{
  persisted: boolean;
  usage: number | null;
  quota: number | null;
  /** The decks' pictures and sounds, stored once each (null when they cannot be read). */
  media: { files: number; bytes: number } | null;
}> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const [persisted, estimate, media] = await Promise.all([
    storage?.persisted?.().catch(() => false) ?? Promise.resolve(false),
    storage?.estimate?.().catch(() => undefined) ?? Promise.resolve(undefined),
    mediaUsage().catch(() => null),
  ]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, media };
}
