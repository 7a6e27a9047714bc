import { afterEach, expect, test } from 'vitest';
import { act, render, screen, fireEvent } from '@testing-library/preact';
import { StoreNotices } from '../../../src/ui/StoreNotices';
import { reportDamage } from '../../../src/store/integrity';
import { closeStore } from '../../../src/store';

afterEach(async () => {
  await closeStore();
});

test('a damaged record is announced with what was skipped, and can be dismissed', async () => {
  render(<StoreNotices />);
  expect(screen.queryByRole('alert')).toBeNull();
  act(() => reportDamage({ store: 'items', key: 'deck/card', problem: 'has no scheduling state' }));
  // The notice's words are their own chunk, loaded once there is something to say.
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(/skipped a damaged saved record/);
  expect(alert.textContent).toMatch(/items “deck\/card” has no scheduling state/);
  fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByRole('alert')).toBeNull();
  act(() => reportDamage({ store: 'reviews', key: '7', problem: 'has no valid mode' }));
  expect((await screen.findByRole('alert')).textContent).toMatch(/2 damaged saved records/);
});
