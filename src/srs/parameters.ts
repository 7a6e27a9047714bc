/**
 * Checks fitted FSRS parameters before they are kept (by the optimiser or a backup import), so the
 * scheduler only ever sees 21 finite numbers per deck. Not in settingsProblems, which runs on every
 * start: only these two writers set parameters. Pure.
 */

/** Problems with a `parameters` setting, as `parameters.<deck>: what is wrong`; empty when fine. */
export function parametersProblems(parameters: unknown): string[] {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return ['parameters: must map deck ids (or "" for every deck) to FSRS parameters'];
  }
  const problems: string[] = [];
  for (const [deck, w] of Object.entries(parameters)) {
    if (!Array.isArray(w) || w.length !== 21 || !w.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      problems.push(`parameters.${deck || '(every deck)'}: must be a list of 21 numbers`);
    }
  }
  return problems;
}
