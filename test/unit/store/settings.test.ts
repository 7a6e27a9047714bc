/** Settings: defaults until changed, and invalid values refused naming the field. */
import { closeStore, getSettings, updateSettings } from '../../../src/store';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';

beforeEach(async () => {
  await closeStore();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('settings', () => {
  it('starts from defaults and refuses invalid values naming the field', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await updateSettings({ desiredRetention: 0.85 })).toMatchObject({ desiredRetention: 0.85 });
    await expect(updateSettings({ desiredRetention: 0.5 })).rejects.toThrow(/desiredRetention: must be a number from 0.7 to 0.97/);
    await expect(updateSettings({ learningSteps: ['soon'] })).rejects.toThrow(/learningSteps: must be a list of steps/);
    await closeStore();
    expect((await getSettings()).desiredRetention).toBe(0.85);
  });
});
