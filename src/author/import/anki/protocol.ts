/** Messages between the import screen and the Anki import Worker. Pure types. */
import type { Settings } from '../../../srs/types';
import type { Hierarchy } from './convert';
import type { AnkiErrorKind } from './errors';
import type { AnkiImport, AnkiProgress } from './read';

export type ToWorker =
  | { type: 'open'; data: ArrayBuffer; name: string }
  | { type: 'build'; hierarchy: Hierarchy; settings: Settings; now: number };

export type FromWorker =
  | { type: 'progress'; progress: AnkiProgress }
  | { type: 'opened' }
  | { type: 'built'; result: AnkiImport }
  | { type: 'error'; kind: AnkiErrorKind | 'internal'; message: string };
