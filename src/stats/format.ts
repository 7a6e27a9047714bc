/** Number and date wording for the stats screen, so the charts and their tables say the same thing. */

const DAY_MS = 86_400_000;

/** `0.923` → `92%`; null → `—` (nothing to measure). */
export function percent(x: number | null, digits = 0): string {
  return x === null ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** Time spent, as a person says it: `45 s`, `12 min`, `1 h 5 min`. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** A study day number as a short date (`Mar 10`); the number is a calendar date, so read it in UTC. */
export function shortDate(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' });
}

/** A study day number as a full date (`Tuesday, March 10, 2026`). */
export function longDate(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

/** Weekday of a study day, 0 = Sunday. */
export function weekday(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

/** A local time as a date (`Mar 10, 2026`). */
export function dateOf(t: number): string {
  return new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The day start hour as a local clock time (`4:00`). */
export function hourLabel(hour: number): string {
  return new Date(2000, 0, 1, hour).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}
