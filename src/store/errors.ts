/**
 * Typed store failures. Every error leaving `src/store/` is a StoreError whose `kind` the UI can
 * switch on and whose message a learner can read; the original error stays in `cause`.
 */

export type StoreErrorKind = 'quota' | 'aborted' | 'newer-version' | 'blocked' | 'corrupt' | 'unknown';

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MESSAGES: Record<StoreErrorKind, string> = {
  quota: 'This device has no room left for Briefdeck, so the last change was not saved. Free some space, or export a backup.',
  aborted: 'The change was cancelled before it could be saved, so nothing was written. Please try again.',
  'newer-version':
    'Your progress was saved by a newer version of Briefdeck. Reload the page to use it; this older version will not touch it.',
  blocked: 'Briefdeck is open in another tab with an older version. Close that tab to continue.',
  corrupt: 'The saved data could not be read.',
  unknown: 'Saving or reading your progress failed.',
};

/** Maps an IndexedDB / DOM failure onto a StoreError (StoreErrors pass through unchanged). */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = (error as { name?: string } | null)?.name;
  const detail = (error as { message?: string } | null)?.message;
  switch (name) {
    case 'QuotaExceededError':
      return new StoreError('quota', MESSAGES.quota, { cause: error });
    case 'AbortError':
      return new StoreError('aborted', MESSAGES.aborted, { cause: error });
    case 'VersionError':
      return new StoreError('newer-version', MESSAGES['newer-version'], { cause: error });
    case 'DataError':
    case 'DataCloneError':
      return new StoreError('corrupt', `${MESSAGES.corrupt}${detail ? ` (${detail})` : ''}`, { cause: error });
    default:
      return new StoreError('unknown', `${MESSAGES.unknown}${detail ? ` (${detail})` : ''}`, { cause: error });
  }
}
