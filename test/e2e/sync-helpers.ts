/**
 * What the sync browser tests share: a device (a persistent Chromium profile with a page), signing
 * in through Settings → Sync, studying a few cards, syncing now, and reading the device's review
 * log and item states straight from IndexedDB.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSyncServer, type SyncServer } from '../../scripts/sync/server';
import { launchPersistent } from '../browser/browser';

export interface Device {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A device of its own: a persistent profile (storage on disk, as an installed app has it). */
export async function openDevice(): Promise<Device> {
  const profile = await launchPersistent({ serviceWorkers: 'block' });
  const page = profile.context.pages()[0] ?? (await profile.context.newPage());
  await page.setViewportSize({ width: 360, height: 740 });
  if (process.env.SYNC_TEST_DEBUG) page.on('console', (m) => console.log(`[page] ${m.text()}`));
  return { context: profile.context, page, close: () => profile.close() };
}

/**
 * Registers a file's hooks: a local sync server open to the app's origin (on SYNC_TEST_PORT, or a
 * free port), and the devices the tests open, closed with it at the end.
 */
export function syncTestFile(baseUrl: string): { server(): SyncServer; device(): Promise<Device> } {
  let server: SyncServer;
  const devices: Device[] = [];
  beforeAll(async () => {
    server = await startSyncServer({ origins: [baseUrl], port: Number(process.env.SYNC_TEST_PORT) || 0 });
  }, 120_000);
  afterAll(async () => {
    for (const d of devices.splice(0)) await d.close();
    await server?.stop();
  });
  return {
    server: () => server,
    async device() {
      const d = await openDevice();
      devices.push(d);
      return d;
    },
  };
}

/** Settings → Sync: fills the three fields and presses `button`; waits until the device is signed in. */
export async function signInOn(page: Page, baseUrl: string, server: string, name: string, button: 'Sign in' | 'Create account'): Promise<void> {
  await page.goto(`${baseUrl}/settings`);
  const sync = page.getByRole('group', { name: 'Sync' });
  await sync.getByLabel('Server', { exact: true }).fill(server);
  await sync.getByLabel('Username', { exact: true }).fill(name);
  await sync.getByLabel('Password', { exact: true }).fill(`pw-${name}`);
  await sync.getByRole('button', { name: button, exact: true }).click();
  const refused = sync.getByRole('alert');
  await sync.getByText(`Signed in as ${name}`).or(refused).waitFor();
  if (await refused.count()) throw new Error(`Signing in was refused: ${await refused.textContent()}`);
}

/** The phase the Sync section shows (`data-sync-phase`). */
export function syncPhase(page: Page): Promise<string | null> {
  return page.locator('[data-sync-phase]').getAttribute('data-sync-phase');
}

/** On Settings → Sync: presses Sync now and waits until that pass is over and its phase is `want`. */
export async function syncNow(page: Page, baseUrl: string, want = 'synced'): Promise<void> {
  if (!page.url().endsWith('/settings')) await page.goto(`${baseUrl}/settings`);
  const button = page.getByRole('button', { name: 'Sync now', exact: true });
  await button.and(page.locator(':enabled')).waitFor();
  await button.click();
  await page
    .waitForFunction(
    (phase) => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Sync now');
      return !!b && !b.disabled && document.querySelector('[data-sync-phase]')?.getAttribute('data-sync-phase') === phase;
    },
      want,
      { timeout: 60_000 },
    )
    .catch(async (e: unknown) => {
      throw new Error(`Sync did not end ${want}: "${await page.locator('[data-sync-phase]').textContent()}" (${String(e)})`);
    });
}

/** Studies `count` cards of `deckId` from the study screen, answering Good. */
export async function studyCards(page: Page, baseUrl: string, deckId: string, count: number): Promise<void> {
  await page.goto(`${baseUrl}/study/${deckId}`);
  const progress = page.getByRole('progressbar', { name: 'Session progress' });
  await progress.waitFor();
  for (let i = 0; i < count; i++) {
    const done = Number(await progress.getAttribute('aria-valuenow'));
    const typed = page.getByRole('textbox', { name: 'Your answer' });
    await page.getByRole('button', { name: /^(Show answer|Check)/ }).waitFor();
    if (await typed.count()) {
      await typed.fill('an answer');
      await page.keyboard.press('Enter');
    } else {
      await page.getByRole('button', { name: /^Show answer/ }).click();
    }
    await page.getByRole('button', { name: /^Good/ }).click();
    await page.waitForFunction((want) => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === String(want), done + 1);
  }
}

export interface Snapshot {
  /** `itemId@at` of every answer in the log, sorted. */
  log: string[];
  /** Items that have been answered: id → [reps, state, due, stability, difficulty]. */
  items: Record<string, [number, number, number, number, number]>;
}

/** The device's review log and answered items, read from IndexedDB. */
export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(
    () =>
      new Promise<Snapshot>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['reviews', 'items']);
          const reviews = tx.objectStore('reviews').getAll();
          const items = tx.objectStore('items').getAll();
          tx.oncomplete = () => {
            db.close();
            const out: Snapshot = { log: [], items: {} };
            for (const r of reviews.result as { itemId: string; at: number }[]) out.log.push(`${r.itemId}@${r.at}`);
            out.log.sort();
            for (const i of items.result as { id: string; fsrs: { reps: number; state: number; due: number; stability: number; difficulty: number } }[]) {
              if (i.fsrs.reps > 0) out.items[i.id] = [i.fsrs.reps, i.fsrs.state, i.fsrs.due, i.fsrs.stability, i.fsrs.difficulty];
            }
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The due and new counts of a deck's tile on the home screen. */
export async function homeCounts(page: Page, baseUrl: string, title: string): Promise<string> {
  await page.goto(baseUrl);
  const tile = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  await tile.locator('.count-due').waitFor();
  return `${await tile.locator('.count-due').textContent()} · ${await tile.locator('.count-new').textContent()}`;
}

/**
 * For a test file: a local sync server allowing the app's origin (on `SYNC_TEST_PORT` when set),
 * started before its tests; after them, every device opened with `device()` is closed and the
 * server stopped. `title` is the deck list's title of `deckId` (home's tiles are found by it).
 */
export function syncSuite(baseUrl: string, deckId: string): { server(): SyncServer; title(): string; device(): Promise<Device> } {
  const file = syncTestFile(baseUrl);
  let title = '';
  beforeAll(async () => {
    const index = (await (await fetch(`${baseUrl}/decks/index.json`)).json()) as { decks: { id: string; title: string }[] };
    title = index.decks.find((d) => d.id === deckId)!.title;
  });
  return { ...file, title: () => title };
}
