/**
 * Turns what the learner typed on the settings screen into settings values, with a message that
 * names the field when it cannot. Pure; the store validates again before saving.
 */
const STEP = /^\d+(?:\.\d+)?(m|h|d)$/;

/** "1m 10m", "1m, 10m" → ['1m', '10m']. */
export function parseSteps(text: string, label: string): { ok: true; steps: string[] } | { ok: false; error: string } {
  const steps = text.split(/[\s,]+/).filter(Boolean);
  const bad = steps.find((s) => !STEP.test(s) || parseFloat(s) <= 0);
  if (bad) return { ok: false, error: `${label}: "${bad}" is not a step; write steps such as 1m 10m 1h 1d` };
  if (steps.length > 10) return { ok: false, error: `${label}: at most 10 steps` };
  return { ok: true, steps };
}

/** A whole or decimal number within bounds, or a message naming the field. */
export function parseNumber(text: string, label: string, min: number, max: number, whole: boolean): { ok: true; value: number } | { ok: false; error: string } {
  const value = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
    return { ok: false, error: `${label}: enter ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}` };
  }
  return { ok: true, value };
}

export const TEXT_SCALES = [
  { value: 0.875, label: 'Small' },
  { value: 1, label: 'Standard' },
  { value: 1.125, label: 'Large' },
  { value: 1.25, label: 'Larger' },
  { value: 1.5, label: 'Largest' },
] as const;
