/**
 * Tracks whether the learner is in the middle of something (a study session, a quiz) so that
 * an app update is offered only at a natural break, never mid-review. Part of the main bundle.
 */
import { computed, signal } from '@preact/signals';

const holders = signal<readonly string[]>([]);

/** True while any study session or quiz is running. */
export const busy = computed(() => holders.value.length > 0);

/** Marks the start of an activity; call the returned function when it ends (idempotent). */
export function markBusy(reason: string): () => void {
  const token = `${reason}:${Math.random().toString(36).slice(2)}`;
  holders.value = [...holders.value, token];
  let done = false;
  return () => {
    if (done) return;
    done = true;
    holders.value = holders.value.filter((t) => t !== token);
  };
}
