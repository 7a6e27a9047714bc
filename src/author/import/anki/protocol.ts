/** Messages between the import screen and the Anki import Worker. Pure types. */
import type { Settings } from '../../../srs/types';
import type { Hierarchy } from './convert';
import type { AnkiErrorKind } from './errors';
import type { AnkiProgress, AnkiReport } from './read';

export type ToWorker =
  | { type: 'open'; data: ArrayBuffer; name: string }
  | { type: 'build'; hierarchy: Hierarchy; settings: Settings; now: number }
  /** Store the last build; `rename` maps deck ids to the new ids of copies. */
  | { type: 'save'; rename: [string, string][]; now: number };

/** What the preview shows: the report and each deck's size (the import itself stays in the Worker). */
export interface AnkiPreview {
  report: AnkiReport;
  decks: { id: string; title: string; cards: number }[];
}

export type FromWorker =
  | { type: 'progress'; progress: AnkiProgress }
  | { type: 'opened' }
  | { type: 'built'; preview: AnkiPreview }
  | { type: 'saved'; deckIds: string[]; reviews: number }
  | { type: 'error'; kind: AnkiErrorKind | 'internal'; message: string };
