import { settingsProblems } from '../../../src/srs/settings';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/srs/types';

const problemsOf = (patch: Record<string, unknown>) => settingsProblems({ ...DEFAULT_SETTINGS, ...patch } as Settings);

describe('settings problems', () => {
  test('the defaults are fine', () => {
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
  });

  test.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])('%s is not a setting', (key) => {
    const s = JSON.parse(`{"${key}": 1}`) as Record<string, unknown>;
    expect(settingsProblems({ ...DEFAULT_SETTINGS, ...s } as Settings)).toEqual([`${key}: is not a setting`]);
  });

  test('a learning or relearning step longer than the maximum interval is refused', () => {
    expect(problemsOf({ learningSteps: ['1m', '99999d'] })).toEqual(['learningSteps: must be a list of steps such as 1m, 10m, 1h or 1d, none past maximumIntervalDays']);
    expect(problemsOf({ relearningSteps: ['31d'], maximumIntervalDays: 30 })).toEqual(['relearningSteps: must be a list of steps such as 1m, 10m, 1h or 1d, none past maximumIntervalDays']);
    expect(problemsOf({ learningSteps: ['721h'], maximumIntervalDays: 30 })).toEqual(['learningSteps: must be a list of steps such as 1m, 10m, 1h or 1d, none past maximumIntervalDays']);
    expect(problemsOf({ learningSteps: ['720h', '30d'], maximumIntervalDays: 30 })).toEqual([]);
  });
});
