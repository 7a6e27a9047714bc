/**
 * Checks learner settings before the store keeps them, so a bad value is refused with a message
 * naming the field instead of quietly breaking the scheduler. Pure.
 */
import { DEFAULT_SETTINGS, type Settings } from './types';

const STEP = /^(\d+(?:\.\d+)?)(m|h|d)$/;
/** Days in a step's unit (`10m`, `1h`, `2d`). */
const UNIT_DAYS = { m: 1 / 1440, h: 1 / 24, d: 1 };

/** Problems with a settings record, as `field: what is wrong`; empty when it is fine. */
export function settingsProblems(s: Settings): string[] {
  const problems: string[] = [];
  const num = (key: keyof Settings, min: number, max: number, whole = false) => {
    const value = s[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
      problems.push(`${key}: must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
  };
  num('desiredRetention', 0.7, 0.97);
  num('maximumIntervalDays', 1, 36500, true);
  num('newPerDay', 0, 9999, true);
  num('reviewsPerDay', 0, 99999, true);
  num('dayStartHour', 0, 23, true);
  num('leechThreshold', 1, 99, true);
  num('textScale', 0.875, 1.5);
  for (const key of ['learningSteps', 'relearningSteps'] as const) {
    const steps = s[key];
    // A step is an interval like any other: one past the maximum would schedule beyond it.
    const bad = (step: unknown) =>
      typeof step !== 'string' || !STEP.test(step) || !(parseFloat(step) > 0 && parseFloat(step) * UNIT_DAYS[step.slice(-1) as 'd'] <= s.maximumIntervalDays);
    if (!Array.isArray(steps) || steps.some(bad)) {
      problems.push(`${key}: must be a list of steps such as 1m, 10m, 1h or 1d, none past maximumIntervalDays`);
    } else if (steps.length > 10) {
      problems.push(`${key}: must have at most 10 steps`);
    }
  }
  if (s.quizScheduling !== 'again-on-wrong' && s.quizScheduling !== 'none') {
    problems.push(`quizScheduling: must be "again-on-wrong" or "none"`);
  }
  if (s.theme !== 'system' && s.theme !== 'light' && s.theme !== 'dark') {
    problems.push(`theme: must be "system", "light" or "dark"`);
  }
  if (typeof s.reduceMotion !== 'boolean') problems.push('reduceMotion: must be true or false');
  for (const key of Object.keys(s)) {
    // Own keys only: `constructor` or `toString` are on every object's prototype, and no setting.
    if (!Object.hasOwn(DEFAULT_SETTINGS, key)) problems.push(`${key}: is not a setting`);
  }
  return problems;
}
