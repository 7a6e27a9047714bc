/**
 * A deck edited on two devices (two persistent profiles, a local sync server started here): each
 * device changes the deck's title while offline, both sync, and each shows "Edited on two
 * devices" with the latest edit; choosing the other version on one device reaches the other, and
 * the version not chosen is still there under "Earlier versions", restorable.
 */
import { expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { signInOn, syncNow, syncTestFile } from './sync-helpers';

const baseUrl = inject('baseUrl');
const { server, device } = syncTestFile(baseUrl);

/** In the editor: sets the deck's title and saves it, waiting for the version saved. */
async function retitle(page: Page, title: string, version: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Save deck' }).click();
  await page.getByText(`Saved version ${version}.`).waitFor();
}

/** The deck's page, once it shows `title`. */
async function deckPage(page: Page, deckId: string, title: string): Promise<void> {
  if (!page.url().endsWith(`/deck/${deckId}`)) await page.goto(`${baseUrl}/deck/${deckId}`);
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor({ timeout: 30_000 });
}

const notice = (page: Page) => page.getByRole('region', { name: 'Edited on two devices' });

test('a deck edited on two devices shows the conflict, and choosing one keeps the other retrievable', async () => {
  const phone = await device();
  const laptop = await device();
  await signInOn(phone.page, baseUrl, server().url, 'ines', 'Create account');
  await signInOn(laptop.page, baseUrl, server().url, 'ines', 'Sign in');

  // The phone writes a deck; it reaches the laptop.
  await phone.page.goto(`${baseUrl}/author`);
  await phone.page.getByRole('button', { name: 'New deck' }).click();
  await phone.page.getByRole('heading', { level: 1, name: /^Edit/ }).waitFor();
  const deckId = new URL(phone.page.url()).pathname.split('/').pop()!;
  const card = phone.page.getByRole('listitem', { name: /^Card 1:/ });
  await card.getByRole('textbox', { name: 'Front' }).fill('Which animal closes its shell at low tide?');
  await card.getByRole('textbox', { name: 'Back' }).fill('The limpet');
  await retitle(phone.page, 'Tide pools', 1);
  await syncNow(phone.page, baseUrl);
  await syncNow(laptop.page, baseUrl);
  await deckPage(laptop.page, deckId, 'Tide pools');

  // Both change the title with no connection: the laptop first, then the phone.
  for (const d of [laptop, phone]) {
    await d.page.goto(`${baseUrl}/author/${deckId}`);
    await d.page.getByRole('textbox', { name: 'Title', exact: true }).waitFor();
    await d.context.setOffline(true);
  }
  await retitle(laptop.page, 'Tide pools (laptop)', 2);
  await retitle(phone.page, 'Tide pools (phone)', 2);
  for (const d of [laptop, phone]) await d.context.setOffline(false);
  await syncNow(laptop.page, baseUrl);
  await syncNow(phone.page, baseUrl);
  await syncNow(laptop.page, baseUrl);

  // Both show the latest edit (the phone's) and the conflict, in Settings → Sync and on the deck's page.
  await notice(phone.page).getByRole('link', { name: 'Tide pools (phone)' }).waitFor();
  await expect.poll(() => notice(laptop.page).textContent()).toMatch(/Tide pools \(phone\)/);
  await deckPage(phone.page, deckId, 'Tide pools (phone)');
  await notice(phone.page).getByText(/^Shown: the version edited on this device/).waitFor();
  await notice(phone.page).getByText(/^The other version: edited on another device/).waitFor();
  await deckPage(laptop.page, deckId, 'Tide pools (phone)');
  await notice(laptop.page).getByText(/^Shown: the version edited on another device/).waitFor();

  // The laptop picks its own version: it is shown there at once, and reaches the phone.
  await notice(laptop.page).getByRole('button', { name: 'Use the other version' }).click();
  await deckPage(laptop.page, deckId, 'Tide pools (laptop)');
  await notice(laptop.page).waitFor({ state: 'detached' });
  await syncNow(phone.page, baseUrl);
  await deckPage(phone.page, deckId, 'Tide pools (laptop)');
  await notice(phone.page).waitFor({ state: 'detached' });

  // The phone's version is kept, on both devices, and can be restored.
  await laptop.page.getByText('Earlier versions (1)').click();
  await laptop.page.getByText(/“Tide pools \(phone\)”, edited on another device/).waitFor();
  await phone.page.getByText('Earlier versions (1)').click();
  await phone.page.getByText(/“Tide pools \(phone\)”, edited on this device/).waitFor();
  await phone.page.getByRole('button', { name: 'Restore this version' }).click();
  await deckPage(phone.page, deckId, 'Tide pools (phone)');
  // The version it replaced is kept in its turn.
  await phone.page.getByText('Earlier versions (2)').waitFor();
}, 120_000);
