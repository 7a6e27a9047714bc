/**
 * The learner's fitted FSRS parameters: the study answers the optimiser learns from, and applying,
 * going back to the previous or resetting parameters for a deck or for every deck (`''`). The
 * parameters themselves live in the settings (the scheduler reads them there); a note per scope
 * in `meta` remembers how they were judged and what came before. Loaded with the settings screen.
 */
import { studyDayStart } from '../srs/day';
import * as State from '../srs/state';
import type { ParameterFit, SimulationCard, StudyAnswer } from '../srs/types';
import { inTransaction } from './db';
import { soundReview } from './integrity';
import { getSettings, updateSettings } from './index';

/** One set of parameters as the notes remember it; `w: null` is ts-fsrs's defaults. */
export interface ParameterNote {
  w: number[] | null;
  /** When they were fitted (ms), and the end of the reviews they were fitted on. */
  fittedAt?: number;
  trainedUntil?: number;
  /** How they and the ones they replaced scored on the same held-out reviews. */
  fitted?: ParameterFit;
  replaced?: ParameterFit;
  /** Reviews they were fitted on. */
  reviews?: number;
}

/** Per scope (deck id, or `''` for every deck): the parameters in use and the ones before. */
export type ParameterNotes = Record<string, { current: ParameterNote; previous: ParameterNote | null }>;

const NOTES_KEY = 'fsrs-parameters';

/** `record[key]` if the record has it as its own: scopes are deck ids, and a deck may be called `constructor`. */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
/** Reviews read per request. */
const PAGE = 2000;

/** Study answers (not quiz answers: recognising a choice is another kind of recall), of one deck or all. */
export async function studyAnswers(deckId?: string): Promise<StudyAnswer[]> {
  const out: StudyAnswer[] = [];
  // Pages in key order (the optimiser sorts by time itself), so memory stays flat. Not log.ts's
  // walk: sharing it would split it out of the chunks that load it now, and the start-up code would
  // list one more file to preload.
  await inTransaction(['reviews'], 'readonly', async (tx) => {
    const store = tx.objectStore('reviews');
    for (let after = -Infinity; ; ) {
      const page = await store.getAll(IDBKeyRange.lowerBound(after, true), PAGE);
      for (const r of page) {
        if (!soundReview(r) || r.mode !== 'study' || (deckId !== undefined && r.deckId !== deckId)) continue;
        out.push({ itemId: r.itemId, deckId: r.deckId, at: r.at, grade: r.grade, fresh: r.before.fsrs.state === State.New });
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id!;
    }
  });
  return out;
}

/** What the notes say about each scope; those no longer matching the settings are left out. */
export async function parameterNotes(): Promise<ParameterNotes> {
  const [settings, stored] = await Promise.all([
    getSettings(),
    inTransaction(['meta'], 'readonly', (tx) => tx.objectStore('meta').get(NOTES_KEY)) as Promise<ParameterNotes | undefined>,
  ]);
  const notes: ParameterNotes = {};
  for (const [scope, note] of Object.entries(stored ?? {})) {
    // A backup import or another tab may have changed the parameters since the note was written.
    if (same(note.current.w, own(settings.parameters, scope) ?? null)) notes[scope] = note;
  }
  return notes;
}

function same(a: number[] | null, b: number[] | null): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Puts `next` in use for the scope and remembers the parameters it replaces, so the learner can go back. */
export async function applyParameters(scope: string, next: ParameterNote): Promise<void> {
  // The rule of parametersProblems (src/srs/parameters.ts, which checks backups), restated: importing
  // it would split it out of the backup chunk into one more file for the start-up code to list.
  if (next.w && !(next.w.length === 21 && next.w.every(Number.isFinite))) {
    throw new TypeError(`Parameters not saved: parameters.${scope || '(every deck)'}: must be a list of 21 numbers`);
  }
  const settings = await getSettings();
  const notes = await parameterNotes();
  const current: ParameterNote = own(notes, scope)?.current ?? { w: own(settings.parameters, scope) ?? null };
  const parameters = { ...settings.parameters };
  if (next.w) parameters[scope] = next.w;
  else delete parameters[scope];
  await updateSettings({ parameters });
  await inTransaction(['meta'], 'readwrite', async (tx) => {
    await tx.objectStore('meta').put({ ...notes, [scope]: { current: next, previous: current } }, NOTES_KEY);
  });
}

/** Goes back to the parameters used before the last change of this scope. */
export async function restorePrevious(scope: string): Promise<void> {
  const previous = own(await parameterNotes(), scope)?.previous;
  if (!previous) throw new Error('There are no earlier parameters to go back to.');
  await applyParameters(scope, previous);
}

const DAY = 86_400_000;

/**
 * The collection as the retention simulator starts it (one deck or all): cards still to learn, and
 * studied cards with their memory state and their last and next review as study days from today.
 * Suspended and removed cards are left out, as studying leaves them out.
 */
export async function simulationCards(now: number, deckId?: string): Promise<SimulationCard[]> {
  const { dayStartHour } = await getSettings();
  const items = await inTransaction(['items'], 'readonly', (tx) => tx.objectStore('items').getAll());
  const today = studyDayStart(now, dayStartHour);
  const dayOf = (t: number) => Math.round((studyDayStart(t, dayStartHour) - today) / DAY);
  const cards: SimulationCard[] = [];
  for (const item of items) {
    if (item.suspended || item.orphaned || (deckId !== undefined && item.deckId !== deckId)) continue;
    const f = item.fsrs;
    if (f.state === State.New || f.last_review === undefined || !(f.stability > 0)) cards.push({ state: 'new' });
    else cards.push({ state: 'known', stability: f.stability, difficulty: f.difficulty, lastDay: Math.min(0, dayOf(f.last_review)), dueDay: dayOf(f.due) });
  }
  return cards;
}
