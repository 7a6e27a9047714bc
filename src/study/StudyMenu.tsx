/**
 * The review screen's small menu: read the card aloud, bury it until tomorrow, or suspend it. A native
 * disclosure (`details`), so it works by keyboard and screen reader without extra script.
 */
import { useRef } from 'preact/hooks';

export function StudyMenu({ onBury, onSuspend, onRead }: { onBury: () => void; onSuspend: () => void; onRead: () => void }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const act = (fn: () => void) => () => {
    if (ref.current) ref.current.open = false;
    fn();
  };
  return (
    <details class="study-menu" ref={ref}>
      <summary>
        <span aria-hidden="true">⋯</span>
        <span class="visually-hidden">Card options</span>
      </summary>
      <div class="study-menu-items">
        <button type="button" onClick={act(onRead)}>
          Read aloud
        </button>
        <button type="button" onClick={act(onBury)}>
          Bury until tomorrow
        </button>
        <button type="button" onClick={act(onSuspend)}>
          Suspend card
        </button>
      </div>
    </details>
  );
}
