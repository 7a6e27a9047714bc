/**
 * Why an Anki package cannot be imported, by kind, with a message a learner can act on.
 * Nothing is stored when one is thrown. Pure.
 */

export type AnkiErrorKind = 'too-big' | 'not-zip' | 'zip-bomb' | 'no-collection' | 'corrupt' | 'future' | 'cancelled';

/** A package that cannot be read; `message` names the problem and where it is. */
export class AnkiImportError extends Error {
  constructor(
    readonly kind: AnkiErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AnkiImportError';
  }
}
