/**
 * The preview's one-line summary of an Anki import. Kept apart from the reader so the import
 * screen can show it without loading the reader (which runs in the Worker). Pure.
 */
import type { AnkiReport } from './read';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "146 cards in 48 notes, 102 reviews, 3 media files; 2 notes skipped because …" */
export function summarizeReport(r: AnkiReport): string {
  let s = `${plural(r.itemCount, 'card')} in ${plural(r.importedNotes, 'note')}, ${plural(r.reviewCount, 'review')}, ${plural(r.mediaCount, 'media file')}`;
  if (r.skipped.length) {
    const reasons = [...new Set(r.skipped.map((k) => k.reason))];
    s += `; ${plural(r.skipped.length, 'note')} skipped because ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''}`;
  }
  const leftOut = r.skippedMedia.length + r.missingMedia.length;
  if (leftOut) s += `; ${plural(leftOut, 'media file')} not imported`;
  return s;
}
