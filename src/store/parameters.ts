/**
 * The learner's fitted FSRS parameters: the study answers the optimiser learns from, and applying,
 * going back to the previous or resetting parameters for a deck or for every deck (`''`). The
 * parameters themselves live in the settings (the scheduler reads them there); a note per scope
 * in `meta` remembers how they were judged and what came before. Loaded with the settings screen.
 */
import type { Answer } from '../optimize/dataset';
import type { Fit } from '../optimize/metrics';
import { parametersProblems } from '../srs/parameters';
import { inTransaction } from './db';
import { getSettings, updateSettings } from './index';
import { forEachReview } from './log';

/** One set of parameters as the notes remember it; `w: null` is ts-fsrs's defaults. */
export interface ParameterNote {
  w: number[] | null;
  /** When they were fitted (ms), and the end of the reviews they were fitted on. */
  fittedAt?: number;
  trainedUntil?: number;
  /** How they and the ones they replaced scored on the same held-out reviews. */
  fitted?: Fit;
  replaced?: Fit;
  /** Reviews they were fitted on. */
  reviews?: number;
}

/** Per scope (deck id, or `''` for every deck): the parameters in use and the ones before. */
export type ParameterNotes = Record<string, { current: ParameterNote; previous: ParameterNote | null }>;

const NOTES_KEY = 'fsrs-parameters';

/** Study answers (not quiz answers: recognising a choice is another kind of recall), of one deck or all. */
export async function studyAnswers(deckId?: string): Promise<Answer[]> {
  const out: Answer[] = [];
  await forEachReview({}, (r) => {
    if (r.mode !== 'study' || (deckId !== undefined && r.deckId !== deckId)) return;
    out.push({ itemId: r.itemId, deckId: r.deckId, at: r.at, grade: r.grade, fresh: r.before.fsrs.state === 0 });
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
    if (same(note.current.w, settings.parameters[scope] ?? null)) notes[scope] = note;
  }
  return notes;
}

function same(a: number[] | null, b: number[] | null): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Puts `next` in use for the scope and remembers the parameters it replaces, so the learner can go back. */
export async function applyParameters(scope: string, next: ParameterNote): Promise<void> {
  const problems = next.w ? parametersProblems({ [scope]: next.w }) : [];
  if (problems.length) throw new TypeError(`Parameters not saved: ${problems.join('; ')}`);
  const settings = await getSettings();
  const notes = await parameterNotes();
  const current: ParameterNote = notes[scope]?.current ?? { w: settings.parameters[scope] ?? null };
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
  const previous = (await parameterNotes())[scope]?.previous;
  if (!previous) throw new Error('There are no earlier parameters to go back to.');
  await applyParameters(scope, previous);
}
