/**
 * The quiz's visible countdown. The clock itself is a `timer` role (not a live region), so screen
 * readers are not told every second; a separate polite status announces only "1 minute left" and
 * "Time is up". It never takes focus.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface CountdownProps {
  /** When time runs out (epoch ms). */
  deadline: number;
  onExpire: () => void;
  /** Injected for tests; defaults to Date.now. */
  clock?: () => number;
  /** How often the display updates, ms. */
  tickMs?: number;
}

/** m:ss, never negative. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const LAST_MINUTE = 60_000;

export function Countdown({ deadline, onExpire, clock = Date.now, tickMs = 250 }: CountdownProps) {
  const [left, setLeft] = useState(() => deadline - clock());
  // The latest callback, so expiry sees the answers given since the countdown started.
  const expire = useRef(onExpire);
  expire.current = onExpire;
  useEffect(() => {
    const tick = () => {
      const ms = deadline - clock();
      setLeft(ms);
      if (ms <= 0) {
        clearInterval(timer);
        expire.current();
      }
    };
    // A short tick keeps the display honest when the tab was in the background.
    const timer = setInterval(tick, tickMs);
    tick();
    return () => clearInterval(timer);
  }, [deadline]);
  const announce = left <= 0 ? 'Time is up.' : left <= LAST_MINUTE ? '1 minute left.' : '';
  return (
    <p class={`quiz-timer${left <= LAST_MINUTE ? ' is-low' : ''}`}>
      <span id="quiz-timer-label">Time left</span>{' '}
      <span role="timer" aria-labelledby="quiz-timer-label">
        {formatClock(left)}
      </span>
      <span class="quiz-sr" role="status">
        {announce}
      </span>
    </p>
  );
}
