/**
 * Shown while an import is checked off the main thread: what is being done, how far along
 * (when known), and a Cancel button that ends the check. Lazy authoring chunk.
 */
export function CheckProgress({ stage, fraction, onCancel }: { stage: string; fraction?: number | undefined; onCancel: () => void }) {
  return (
    <div class="check-progress" role="status" aria-busy="true">
      <p>{stage}…</p>
      {/* No value while the share done is unknown: the bar then shows activity, not a false figure. */}
      <progress aria-label={stage} max={1} {...(fraction === undefined ? {} : { value: fraction })} />{' '}
      <button type="button" class="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
