/**
 * The whole Anki import, pure and in two steps so the preview can switch how deck levels map
 * without reading the file again: `openAnki` (unzip, pick the newest collection, read it) and
 * `buildAnkiImport` (decks, items with their replayed history, media, and the report the preview
 * shows). Takes sql.js from the caller; runs in the import Worker and in tests.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Deck } from '../../../deck/schema';
import type { ItemRecord, ReviewRecord, Settings } from '../../../srs/types';
import type { AnkiCollection } from '../../anki/types';
import { convertCollection, type Hierarchy, type SkippedNote } from './convert';
import { replayHistory } from './history';
import { MediaPlanner, type SkippedMedia } from './media';
import { openPackage, type AnkiPackage } from './package';
import { readCollection } from './collection';

export interface OpenedAnki {
  name: string;
  collectionName: AnkiPackage['collectionName'];
  col: AnkiCollection;
  media: Map<string, Uint8Array>;
  missingMedia: string[];
}

/** Where the work is: the preview's progress bar shows `done / total` of the current step. */
export interface AnkiProgress {
  step: 'unpacking' | 'reading' | 'converting';
  done: number;
  total: number;
}

/** Unzips the package and reads its newest collection. Throws `AnkiImportError` on bad input. */
export function openAnki(data: Uint8Array, name: string, SQL: SqlJsStatic, onProgress?: (p: AnkiProgress) => void): OpenedAnki {
  onProgress?.({ step: 'unpacking', done: 0, total: 1 });
  const pkg = openPackage(data, name);
  onProgress?.({ step: 'reading', done: 0, total: 1 });
  const col = readCollection(SQL, pkg.collection, name, (done, total) => onProgress?.({ step: 'reading', done, total }));
  return { name, collectionName: pkg.collectionName, col, media: pkg.media, missingMedia: pkg.missingMedia };
}

export interface AnkiReport {
  /** Notes in the collection, and how many became cards. */
  totalNotes: number;
  importedNotes: number;
  /** Review items (Anki cards) the decks hold. */
  itemCount: number;
  reviewCount: number;
  /** Media files the imported decks carry. */
  mediaCount: number;
  /** Media the cards name that the package does not hold (their Anki names). */
  missingMedia: string[];
  /** Media the package holds that do not come along, with why (too big, a type Briefdeck does not take…). */
  skippedMedia: SkippedMedia[];
  /** Pictures Anki gave no alt text: their file name describes them until the learner writes one. */
  namedAlt: string[];
  skipped: SkippedNote[];
  notices: string[];
  withoutHistory: number;
}

export interface AnkiImport {
  decks: Deck[];
  items: ItemRecord[];
  reviews: ReviewRecord[];
  /** The files the decks' media list, by their Briefdeck name. */
  media: Map<string, Uint8Array>;
  report: AnkiReport;
}

/** Builds decks, progress and report from an opened package. */
export function buildAnkiImport(opened: OpenedAnki, options: { hierarchy: Hierarchy; settings: Settings; now: number }): AnkiImport {
  const planner = new MediaPlanner(opened.media);
  const conv = convertCollection(opened.col, { hierarchy: options.hierarchy, media: planner });
  const history = replayHistory(opened.col, conv, options.settings, options.now);
  // Only what a stored deck lists is stored: a file whose every card was dropped stays behind.
  const media = new Map<string, Uint8Array>();
  for (const deck of conv.decks) for (const m of deck.media ?? []) media.set(m.name, planner.files.get(m.name)!);
  const missing = new Set([...opened.missingMedia.filter((m) => conv.mediaUsed.has(m)), ...planner.missing]);
  return {
    decks: conv.decks,
    items: history.items,
    reviews: history.reviews,
    media,
    report: {
      totalNotes: opened.col.notes.length,
      importedNotes: conv.noteCount,
      itemCount: conv.itemCount,
      reviewCount: history.reviews.length,
      mediaCount: media.size,
      missingMedia: [...missing].sort(),
      skippedMedia: planner.skipped,
      namedAlt: [...conv.namedAlt].sort(),
      skipped: conv.skipped,
      notices: conv.notices,
      withoutHistory: history.withoutHistory,
    },
  };
}
