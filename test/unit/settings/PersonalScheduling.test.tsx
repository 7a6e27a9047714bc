/**
 * The personal scheduling panel without cross-origin isolation (happy-dom has none): Optimize is
 * disabled and says why; what is in use, going back and resetting follow the store. And the check
 * itself, for each thing a browser may lack.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { default_w } from 'ts-fsrs';
import { PersonalScheduling } from '../../../src/settings/PersonalScheduling';
import { cannotOptimize } from '../../../src/optimize/client';
import { closeStore, getSettings } from '../../../src/store';
import { applyParameters } from '../../../src/store/parameters';
import { saveDeck } from '../../../src/store/decks';
import { forgetBundledIndex } from '../../../src/library/library';

beforeEach(() => {
  // A browser with workers but without isolation (happy-dom has neither).
  vi.stubGlobal('Worker', class {});
  vi.stubGlobal('crossOriginIsolated', false);
  // No bundled deck list here: the scope menu offers "Every deck" alone.
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('no network in this test')));
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await closeStore();
});

const mine = default_w.map((x, i) => (i < 4 ? x * 0.5 : x));

describe('cannotOptimize', () => {
  const ok = { crossOriginIsolated: true, SharedArrayBuffer: ArrayBuffer, Worker: class {} };
  test('is null where workers and shared memory are there', () => {
    expect(cannotOptimize(ok)).toBeNull();
  });
  test('explains a page that is not cross-origin isolated, or a browser without workers', () => {
    expect(cannotOptimize({ ...ok, crossOriginIsolated: false })).toMatch(/cross-origin isolated/);
    expect(cannotOptimize({ ...ok, SharedArrayBuffer: undefined })).toMatch(/shared memory/);
    expect(cannotOptimize({ ...ok, Worker: undefined })).toMatch(/Web Workers/);
  });
});

describe('personal scheduling panel', () => {
  test('without isolation, Optimize is disabled and its description says why', async () => {
    render(<PersonalScheduling />);
    const button = await screen.findByRole('button', { name: 'Optimize' });
    expect(button).toHaveProperty('disabled', true);
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toMatch(/cross-origin isolated/);
    screen.getByText('In use: the default FSRS-6 parameters.');
    expect(screen.getByRole('button', { name: 'Reset to defaults' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Go back to the previous parameters' })).toBeNull();
  });

  test('shows fitted parameters in use, goes back to the previous ones and resets', async () => {
    await applyParameters('', { w: mine, fittedAt: Date.UTC(2026, 0, 2), trainedUntil: 1, reviews: 640 });
    render(<PersonalScheduling />);
    await screen.findByText(/In use: your own parameters, fitted on .* to 640 reviews\./);
    fireEvent.click(screen.getByRole('button', { name: 'Go back to the previous parameters' }));
    await screen.findByText('The previous parameters are in use again.');
    expect((await getSettings()).parameters).toEqual({});
    await screen.findByText('In use: the default FSRS-6 parameters.');
  });

  test('with isolation, Optimize runs in a worker with a progress bar, and Cancel ends it changing nothing', async () => {
    const workers: { terminated: boolean; posted: unknown[] }[] = [];
    vi.stubGlobal(
      'Worker',
      class {
        terminated = false;
        posted: unknown[] = [];
        onmessage = null;
        onerror = null;
        constructor() {
          workers.push(this);
        }
        postMessage(m: unknown) {
          this.posted.push(m);
        }
        terminate() {
          this.terminated = true;
        }
      },
    );
    vi.stubGlobal('crossOriginIsolated', true);
    render(<PersonalScheduling />);
    const optimize = await screen.findByRole('button', { name: 'Optimize' });
    expect(optimize).toHaveProperty('disabled', false);
    fireEvent.click(optimize);
    await screen.findByRole('progressbar');
    await waitFor(() => expect(workers[0]?.posted).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Optimizing cancelled; nothing was changed.');
    expect(workers[0]!.terminated).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((await getSettings()).parameters).toEqual({});
  });

  test('the simulator draws its chart in a worker, and its cheapest target can be adopted as the desired retention', async () => {
    const points = [0.8, 0.85, 0.9].map((target, i) => ({ target, reviewsPerDay: 10 + i * 5, remembered: 0.85 + i * 0.04, memorised: 100, costPerCard: [3, 2.5, 2.8][i]! }));
    vi.stubGlobal(
      'Worker',
      class {
        onmessage: ((e: { data: unknown }) => void) | null = null;
        onerror = null;
        postMessage() {
          queueMicrotask(() => this.onmessage?.({ data: { ok: true, points, best: points[1] } }));
        }
        terminate() {}
      },
    );
    const heard: number[] = [];
    render(<PersonalScheduling onSettings={(s) => heard.push(s.desiredRetention)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Simulate' }));
    await screen.findByRole('img', { name: /What each retention target costs/ });
    screen.getByText(/At your target of 0\.90: about 20 reviews a day and 93 % .* The least work per card remembered is at 0\.85: about 15 reviews a day/);
    expect(screen.getAllByRole('row')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'Use 0.85 as my desired retention' }));
    await screen.findByText('Desired retention is now 0.85.');
    expect((await getSettings()).desiredRetention).toBe(0.85);
    expect(heard).toEqual([0.85]);
    expect(screen.queryByRole('button', { name: /as my desired retention/ })).toBeNull();
  });

  test('a deck called "constructor" uses the parameters fitted for every deck, and has none of its own to reset', async () => {
    // An empty bundled list, and one stored deck whose id is the name of an object property.
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ decks: [] })));
    forgetBundledIndex();
    await saveDeck({ id: 'constructor', version: 1, title: 'Builders', cards: [{ id: 'a', type: 'truefalse', statement: 'Bricks are baked.', answer: true }] }, 'imported');
    await applyParameters('', { w: mine });
    render(<PersonalScheduling />);
    await screen.findByRole('option', { name: 'Builders' });
    fireEvent.change(screen.getByLabelText('Parameters for'), { target: { value: 'constructor' } });
    await screen.findByText('In use: the parameters fitted for every deck.');
    expect(screen.getByRole('button', { name: 'Reset to defaults' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Go back to the previous parameters' })).toBeNull();
    forgetBundledIndex();
  });

  test('resets to the defaults', async () => {
    await applyParameters('', { w: mine });
    render(<PersonalScheduling />);
    await screen.findByText(/In use: your own parameters/);
    const reset = screen.getByRole('button', { name: 'Reset to defaults' });
    expect(reset).toHaveProperty('disabled', false);
    fireEvent.click(reset);
    await screen.findByText('The default parameters are in use.');
    expect((await getSettings()).parameters).toEqual({});
  });
});
