/**
 * One learner, two devices (two persistent profiles), a local sync server started here: cards
 * studied on both before they meet come out as the union of the answers, the same item states and
 * the same due counts on both; an undo on one device reaches the other.
 */
import { beforeAll, expect, inject, test } from 'vitest';
import { couchRequest } from '../../src/sync/couch';
import { userDbName } from '../../src/sync/names';
import { homeCounts, signInOn, snapshot, studyCards, syncNow, syncTestFile } from './sync-helpers';

const baseUrl = inject('baseUrl');
const DECK = 'article-full';
const sync = syncTestFile(baseUrl);
const device = sync.device;
let title: string;

beforeAll(async () => {
  const index = (await (await fetch(`${baseUrl}/decks/index.json`)).json()) as { decks: { id: string; title: string }[] };
  title = index.decks.find((d) => d.id === DECK)!.title;
});

/** The learner's documents on the server, read as its admin: live review ids and deleted ids. */
async function onServer(name: string): Promise<{ live: string[]; deleted: string[] }> {
  const { body } = await couchRequest<{ results: { id: string; deleted?: boolean }[] }>(sync.server().asAdmin, 'GET', `/${userDbName(name)}/_changes`);
  const reviews = body.results.filter((r) => r.id.startsWith('review:'));
  return { live: reviews.filter((r) => !r.deleted).map((r) => r.id), deleted: reviews.filter((r) => r.deleted).map((r) => r.id) };
}

test('two devices study overlapping cards apart, then sync: the union of answers, the same states and due counts', async () => {
  const phone = await device();
  const laptop = await device();
  // Both study the start of the same deck without a connection to each other: the same cards.
  await studyCards(phone.page, baseUrl, DECK, 3);
  await studyCards(laptop.page, baseUrl, DECK, 2);
  const phoneAlone = await snapshot(phone.page);
  const laptopAlone = await snapshot(laptop.page);
  expect(phoneAlone.log).toHaveLength(3);
  expect(laptopAlone.log).toHaveLength(2);

  await signInOn(phone.page, baseUrl, sync.server().url, 'mira', 'Create account');
  await syncNow(phone.page, baseUrl);
  await signInOn(laptop.page, baseUrl, sync.server().url, 'mira', 'Sign in');
  await syncNow(laptop.page, baseUrl);
  await syncNow(phone.page, baseUrl);

  const a = await snapshot(phone.page);
  const b = await snapshot(laptop.page);
  // Nothing dropped: both answers to a card studied on both devices are kept.
  expect(a.log).toEqual([...phoneAlone.log, ...laptopAlone.log].sort());
  expect(b.log).toEqual(a.log);
  expect(b.items).toEqual(a.items);
  expect(Object.keys(a.items).length).toBeGreaterThanOrEqual(3);
  expect((await onServer('mira')).live).toHaveLength(5);
  expect(await homeCounts(laptop.page, baseUrl, title)).toBe(await homeCounts(phone.page, baseUrl, title));
  // The home screen says so, quietly, and keeps its study buttons.
  await phone.page.getByRole('link', { name: 'Synced' }).waitFor();
  await phone.page.getByRole('link', { name: /^Study/ }).first().waitFor();
}, 180_000);

test('an undo on one device reaches the other', async () => {
  const phone = await device();
  const laptop = await device();
  await signInOn(phone.page, baseUrl, sync.server().url, 'noor', 'Create account');
  await signInOn(laptop.page, baseUrl, sync.server().url, 'noor', 'Sign in');
  await studyCards(phone.page, baseUrl, DECK, 2);
  // The phone sends its answers by itself a moment after the last one.
  await expect.poll(async () => (await onServer('noor')).live.length, { timeout: 30_000, interval: 250 }).toBe(2);
  await syncNow(laptop.page, baseUrl);
  expect((await snapshot(laptop.page)).log).toHaveLength(2);

  // Still in the session, the phone takes its last answer back.
  await phone.page.getByRole('button', { name: /^Undo/ }).click();
  await expect.poll(async () => (await onServer('noor')).deleted.length, { timeout: 30_000, interval: 250 }).toBe(1);
  await syncNow(laptop.page, baseUrl);
  const phoneNow = await snapshot(phone.page);
  const laptopNow = await snapshot(laptop.page);
  expect(phoneNow.log).toHaveLength(1);
  expect(laptopNow.log).toEqual(phoneNow.log);
  expect(laptopNow.items).toEqual(phoneNow.items);
}, 180_000);
