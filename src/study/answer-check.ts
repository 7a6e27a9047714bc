/**
 * Loads the typed-answer matcher on demand: only typed cards need it, so it stays out of the
 * main bundle. The review screen starts loading it as soon as a typed card is shown, long before
 * the learner has finished typing, so judging at the reveal is synchronous in practice.
 */
type AnswerMatch = typeof import('../deck/answer-match');

let loaded: AnswerMatch | null = null;
let pending: Promise<AnswerMatch> | null = null;

export function loadAnswerMatch(): Promise<AnswerMatch> {
  pending ??= import('../deck/answer-match').then((m) => (loaded = m));
  pending.catch(() => (pending = null));
  return pending;
}

/** The matcher if it has loaded, else null (callers show the answer without a verdict). */
export function answerMatch(): AnswerMatch | null {
  return loaded;
}
