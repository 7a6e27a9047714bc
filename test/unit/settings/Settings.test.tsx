import { afterEach, describe, expect, test, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Settings } from '../../../src/settings/Settings';
import { applyAppearance } from '../../../src/settings/appearance';
import { formatBytes, parseNumber, parseSteps } from '../../../src/settings/settings-form';
import { closeStore, getSettings, recordReview, reviewCount, syncDeckItems } from '../../../src/store';
import { mixedDeck } from '../study/fixtures';

/** Where the study screen keeps the cards it showed last (src/study/resume.ts). */
const SHOWN_CARDS = 'briefdeck:shown-cards:1';

// The machine running the suite may be busy: give IndexedDB and lazy chunks time.
configure({ asyncUtilTimeout: 5000 });

afterEach(async () => {
  await closeStore();
  vi.restoreAllMocks();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.removeAttribute('data-reduce-motion');
  document.documentElement.style.fontSize = '';
});

describe('settings screen', () => {
  test('limits and steps save; bad values are refused with the field named', async () => {
    render(<Settings />);
    const perDay = await screen.findByRole('spinbutton', { name: 'New cards per day' });
    fireEvent.change(perDay, { target: { value: '35' } });
    await waitFor(async () => expect((await getSettings()).newPerDay).toBe(35));
    fireEvent.change(screen.getByRole('textbox', { name: 'Learning steps' }), { target: { value: '2m, 15m 1h' } });
    await waitFor(async () => expect((await getSettings()).learningSteps).toEqual(['2m', '15m', '1h']));
    // A bad value stays as typed, marked invalid, with its message at the field (an alert, so it is announced).
    const retention = screen.getByRole('spinbutton', { name: 'Desired retention' }) as HTMLInputElement;
    fireEvent.change(retention, { target: { value: '1.2' } });
    await waitFor(() => expect(retention.getAttribute('aria-invalid')).toBe('true'));
    expect(retention.value).toBe('1.2');
    const retentionError = document.getElementById(retention.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;
    expect(retentionError.getAttribute('role')).toBe('alert');
    expect(retentionError.textContent).toMatch(/Desired retention: enter a number from 0.7 to 0.97/);
    expect((await getSettings()).desiredRetention).toBe(0.9);
    const relearning = screen.getByRole('textbox', { name: 'Relearning steps' }) as HTMLInputElement;
    fireEvent.change(relearning, { target: { value: '10 minutes' } });
    await waitFor(() => expect(document.getElementById('relearning-steps-error')?.textContent).toMatch(/Relearning steps: "10" is not a step/));
    expect(relearning.value).toBe('10 minutes');
    expect(relearning.getAttribute('aria-describedby')).toBe('relearning-steps-error');
    // Fixed, it saves, and the mark and the message go.
    fireEvent.change(retention, { target: { value: '0.85' } });
    await waitFor(async () => expect((await getSettings()).desiredRetention).toBe(0.85));
    await waitFor(() => expect(retention.hasAttribute('aria-invalid')).toBe(false));
    expect(document.getElementById('retention-error')).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'New day starts at' }), { target: { value: '6' } });
    await waitFor(async () => expect((await getSettings()).dayStartHour).toBe(6));
  });

  test('theme, text size and reduced motion apply to the page at once', async () => {
    render(<Settings />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.getAttribute('data-theme')).toBe('dark'));
    fireEvent.click(screen.getByRole('radio', { name: 'Same as the system' }));
    await waitFor(() => expect(document.documentElement.hasAttribute('data-theme')).toBe(false));
    fireEvent.change(screen.getByRole('combobox', { name: 'Text size' }), { target: { value: '1.25' } });
    await waitFor(() => expect(document.documentElement.style.fontSize).toBe('125%'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Reduce motion' }));
    await waitFor(() => expect(document.documentElement.getAttribute('data-reduce-motion')).toBe('true'));
    expect((await getSettings()).theme).toBe('system');
  });

  test('export downloads a backup file', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (created.push(b as Blob), 'blob:backup'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(<Settings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export backup' }));
    await screen.findByText('Backup exported.');
    expect(clicks[0]).toMatch(/^briefdeck-backup-\d{4}-\d{2}-\d{2}\.briefdeck\.gz$/);
    const text = await new Response(created[0]!.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ format: 'briefdeck-backup', version: 3 });
  });

  test('import asks first, then restores; a broken file changes nothing', async () => {
    await syncDeckItems(mixedDeck, Date.now() - 1000);
    await recordReview({ itemId: 'chips/tf-one', grade: 3, mode: 'study', at: Date.now() - 500, durationMs: 1000 });
    const { exportBackup } = await import('../../../src/store/replace');
    const backup = await exportBackup(Date.now());
    await recordReview({ itemId: 'chips/mcq-one', grade: 3, mode: 'study', at: Date.now(), durationMs: 1000 });
    expect(await reviewCount()).toBe(2);
    render(<Settings />);
    const input = await screen.findByLabelText('Import a backup file');
    fireEvent.change(input, { target: { files: [new File(['{"not":"a backup"}'], 'broken.json', { type: 'application/json' })] } });
    // A click alone (as a framing page could trick) does nothing: the word must be typed.
    const replace = await screen.findByRole('button', { name: 'Replace with backup' });
    expect((replace as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(replace);
    fireEvent.input(screen.getByRole('textbox', { name: 'Type replace to confirm' }), { target: { value: 'Replace' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Replace with backup' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/broken\.json was not imported/);
    expect(await reviewCount()).toBe(2);
    // A restore forgets the cards saved for a quick start (they came from the data replaced).
    localStorage.setItem(SHOWN_CARDS, '{"chips":{}}');
    fireEvent.change(input, { target: { files: [new File([backup], 'good.json', { type: 'application/json' })] } });
    fireEvent.input(await screen.findByRole('textbox', { name: 'Type replace to confirm' }), { target: { value: 'replace' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Replace with backup' }));
    await screen.findByText(/Backup restored/);
    expect(await reviewCount()).toBe(1);
    expect(localStorage.getItem(SHOWN_CARDS)).toBeNull();
  });

  test('reset progress needs a typed confirmation (a click alone does nothing) and can be cancelled', async () => {
    await syncDeckItems(mixedDeck, Date.now() - 1000);
    await recordReview({ itemId: 'chips/tf-one', grade: 3, mode: 'study', at: Date.now() - 500, durationMs: 1000 });
    render(<Settings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset progress…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel reset' }));
    expect(await reviewCount()).toBe(1);
    localStorage.setItem(SHOWN_CARDS, '{"chips":{}}');
    fireEvent.click(screen.getByRole('button', { name: 'Reset progress…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm reset' });
    const erase = within(confirm).getByRole('button', { name: 'Erase all progress' }) as HTMLButtonElement;
    expect(erase.disabled).toBe(true);
    fireEvent.click(erase);
    expect(await reviewCount()).toBe(1);
    fireEvent.input(within(confirm).getByRole('textbox', { name: 'Type erase to confirm' }), { target: { value: 'erase' } });
    expect(erase.disabled).toBe(false);
    fireEvent.click(erase);
    await screen.findByText('Progress erased.');
    expect(await reviewCount()).toBe(0);
    expect(localStorage.getItem(SHOWN_CARDS)).toBeNull();
  });

  test('storage status says when data is not persisted and advises a backup', async () => {
    render(<Settings />);
    await screen.findByText(/not stored persistently.*Export a backup/);
  });
});

describe('settings helpers', () => {
  test('parseSteps and parseNumber name the field', () => {
    expect(parseSteps('1m 10m', 'Learning steps')).toEqual({ ok: true, steps: ['1m', '10m'] });
    expect(parseSteps('0m', 'Learning steps')).toMatchObject({ ok: false });
    expect(parseNumber('20', 'New', 0, 100, true)).toEqual({ ok: true, value: 20 });
    expect(parseNumber('0,9', 'R', 0.7, 0.97, false)).toEqual({ ok: true, value: 0.9 });
    expect(parseNumber('2.5', 'New', 0, 100, true)).toMatchObject({ ok: false, error: 'New: enter a whole number from 0 to 100' });
    expect(parseNumber('', 'New', 0, 100, true)).toMatchObject({ ok: false });
  });
  test('formatBytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });
  test('applyAppearance sets and clears the theme attribute', () => {
    const root = document.createElement('html');
    applyAppearance({ theme: 'light', textScale: 1, reduceMotion: false }, root);
    expect(root.getAttribute('data-theme')).toBe('light');
    applyAppearance({ theme: 'system', textScale: 0.875, reduceMotion: true }, root);
    expect(root.hasAttribute('data-theme')).toBe(false);
    expect(root.style.fontSize).toBe('87.5%');
    expect(root.getAttribute('data-reduce-motion')).toBe('true');
  });
});
