/**
 * `.briefdeck` bundles in the app: a stored deck with its media out as one file, and a bundle's
 * bytes in as a checked deck with its files. Loaded with the authoring screens.
 */
import { BUNDLE_EXTENSION, BUNDLE_TYPE, hashErrors, readBundle, writeBundle, type BundleResult } from '../deck/bundle';
import type { Deck } from '../deck/schema';
import { getMediaBytes } from '../store/media';
import { deckToJson } from './export';

/** `my-deck.briefdeck` */
export const bundleFileName = (deck: Deck) => `${deck.id}${BUNDLE_EXTENSION}`;

/** The bundle of a stored deck: its exported JSON and every file it lists, read from the store. */
export async function exportBundle(deck: Deck): Promise<Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const m of deck.media ?? []) {
    const bytes = m.sha256 ? await getMediaBytes(m.sha256) : undefined;
    if (!bytes) throw new Error(`The picture or sound "${m.name}" is not stored on this device, so the bundle cannot be made.`);
    files.set(m.name, bytes);
  }
  return writeBundle(deckToJson(deck), deck, files);
}

/** A bundle file's deck and files, checked completely (hashes included) before anything is stored. */
export async function importBundleBytes(bytes: Uint8Array): Promise<BundleResult> {
  const result = readBundle(bytes);
  if (!result.ok) return result;
  const errors = await hashErrors(result.deck, result.files);
  return errors.length ? { ok: false, errors } : result;
}

/** Starts a download of the bundle's bytes. */
export function downloadBundle(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: BUNDLE_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in browsers that read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
