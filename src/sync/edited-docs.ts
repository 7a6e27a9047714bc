/**
 * The edited documents of a learner's database: each of their own decks (`deck:<id>`), their
 * settings (`settings`), and the versions set aside when an "edited on two devices" was settled
 * (`version:<document id>:<revision>`). Which settings follow the learner and which stay with the
 * device. Pure: types, ids and comparisons.
 */
import type { Deck } from '../deck/schema';
import type { Settings } from '../srs/types';
import type { EditedDoc } from './docs';

/** Settings that are the learner's choice and follow them to every device. */
export const SYNCED_SETTINGS = [
  'desiredRetention',
  'maximumIntervalDays',
  'learningSteps',
  'relearningSteps',
  'newPerDay',
  'reviewsPerDay',
  'dayStartHour',
  'leechThreshold',
  'quizScheduling',
  'parameters',
] as const satisfies readonly (keyof Settings)[];

/** Settings that suit one screen (a phone's text size is not a laptop's): never synced. */
export const DEVICE_SETTINGS = ['theme', 'textScale', 'reduceMotion'] as const satisfies readonly (keyof Settings)[];

export type SyncedSettings = Pick<Settings, (typeof SYNCED_SETTINGS)[number]>;

/** A learner's own deck, as the store keeps it. */
export interface DeckDoc extends EditedDoc {
  type: 'deck';
  deck: Deck;
  origin?: 'imported' | 'authored';
}

/** The learner's synced settings. */
export interface SettingsDoc extends EditedDoc {
  type: 'settings';
  settings: Partial<SyncedSettings>;
}

/** A deck or the settings as edited. */
export type EditDoc = DeckDoc | SettingsDoc;

/** A version not chosen when two devices' edits were settled, kept to be restored. */
export interface VersionDoc extends EditedDoc {
  type: 'version';
  /** The document it is a version of (`deck:<id>`, `settings`). */
  of: string;
  /** The revision it was. */
  rev: string;
  /** When it was set aside. */
  keptAt: number;
  deck?: Deck;
  origin?: 'imported' | 'authored';
  settings?: Partial<SyncedSettings>;
}

/** The id of the settings document. */
export const SETTINGS_ID = 'settings';

/** The id of a deck's document. */
export const deckDocId = (deckId: string): string => `deck:${deckId}`;

/** The deck id a deck document's id names, or null when it names none. */
export function deckIdOf(docId: string): string | null {
  return docId.startsWith('deck:') ? docId.slice(5) : null;
}

/** Whether a document id is a deck's or the settings'. */
export const isEditId = (id: string): boolean => id === SETTINGS_ID || id.startsWith('deck:');

/** The id of a kept version of document `of` at revision `rev`. */
export const versionId = (of: string, rev: string): string => `version:${of}:${rev}`;

/** The id range holding the kept versions of document `of`. */
export const versionRange = (of: string): { startkey: string; endkey: string } => ({ startkey: `version:${of}:`, endkey: `version:${of}:\uffff` });

/** The synced part of the settings, in a fixed order. */
export function syncedPart(settings: Partial<Settings>): Partial<SyncedSettings> {
  const out: Record<string, unknown> = {};
  for (const key of SYNCED_SETTINGS) if (settings[key] !== undefined) out[key] = settings[key];
  return out as Partial<SyncedSettings>;
}

/** JSON with every object's keys sorted: equal values give equal text, whatever order their keys were written in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** What a revision holds, apart from when and where it was written. */
export function contentOf(doc: EditDoc | VersionDoc): string {
  const { deck, origin, settings } = doc as Partial<DeckDoc & SettingsDoc>;
  return canonical(deck ? { deck, origin: origin ?? 'imported' } : { settings: syncedPart(settings ?? {}) });
}

/** A revision set aside as a version of its document. */
export function asVersion(doc: EditDoc, keptAt: number): VersionDoc {
  const version: VersionDoc = { _id: versionId(doc._id, doc._rev ?? '0'), type: 'version', of: doc._id, rev: doc._rev ?? '0', keptAt, editedAt: doc.editedAt, device: doc.device };
  if (doc.type === 'deck') {
    version.deck = doc.deck;
    if (doc.origin) version.origin = doc.origin;
  } else version.settings = syncedPart(doc.settings);
  return version;
}

/** A version's content as a new revision of its document, written now by `device`. */
export function fromVersion(version: VersionDoc, now: number, device: string): EditDoc {
  if (version.deck) {
    const doc: DeckDoc = { _id: version.of, type: 'deck', deck: version.deck, editedAt: now, device };
    if (version.origin) doc.origin = version.origin;
    return doc;
  }
  return { _id: version.of, type: 'settings', settings: syncedPart(version.settings ?? {}), editedAt: now, device };
}
