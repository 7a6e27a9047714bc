/**
 * Many learners syncing at once against the local server, as a class does after a lesson: each
 * signs up, and each device pushes its reviews at the same moment. Used by `npm run sync:measure`
 * and `npm run bench:sync`.
 */
import { createAccount, signIn } from '../../src/sync/couch';
import { reviewDoc, type ReviewDoc } from '../../src/sync/docs';
import { userDbName } from '../../src/sync/names';
import { waitForUserDb } from '../../src/sync/setup';
import type { Grade } from '../../src/srs/types';
import { PouchDB, localDb } from './pouch-node';
import type { SyncServer } from './server';

/** `count` review documents from `startAt`, 45 s apart, over `cards` cards of 12 decks. */
export function reviews(count: number, startAt: number, cards: number): ReviewDoc[] {
  return Array.from({ length: count }, (_, i) =>
    reviewDoc({
      itemId: `deck-${i % 12}/card-${i % cards}`,
      at: startAt + i * 45_000,
      grade: (((i * 7) % 4) + 1) as Grade,
      mode: 'study',
      durationMs: 3000 + (i % 9) * 700,
      reschedule: true,
    }),
  );
}

/** Signs a new learner up and in; resolves once their private database is there. */
export async function learner(server: SyncServer, name: string): Promise<{ cookie: string; url: string }> {
  await createAccount({ url: server.url }, name, `pw-${name}`);
  const { cookie } = await signIn({ url: server.url }, name, `pw-${name}`);
  await waitForUserDb({ url: server.url, headers: { Cookie: cookie! } }, name);
  return { cookie: cookie!, url: `${server.url}${userDbName(name)}` };
}

/** How many learners synced at once, how many reviews arrived of how many sent, and how long it took. */
export interface CrowdResult {
  ms: number;
  arrived: number;
  sent: number;
  /** Pushes that failed and were sent again. */
  retried: number;
}

/**
 * `students` new learners (names start with `prefix`) each push `perStudent` reviews from their
 * own device at the same moment; the time is from the first push's start to the last one's end.
 */
export async function crowd(server: SyncServer, prefix: string, students: number, perStudent: number): Promise<CrowdResult> {
  const T0 = Date.UTC(2026, 0, 1);
  const classmates = await Promise.all(Array.from({ length: students }, (_, i) => learner(server, `${prefix}-${i}`)));
  const devices = await Promise.all(
    classmates.map(async (_, i) => {
      const device = localDb(`${prefix}-device-${i}`);
      await device.bulkDocs(reviews(perStudent, T0 + i * 1000, 100));
      return device;
    }),
  );
  const start = performance.now();
  let retried = 0;
  await Promise.all(
    classmates.map(async (s, i) => {
      // A push cut off (a connection reset under load) is sent again, as the app's next pass would.
      for (let attempt = 1; ; attempt++) {
        try {
          await devices[i]!.replicate.to(new PouchDB(s.url, { headers: { Cookie: s.cookie } }));
          return;
        } catch (e) {
          if (attempt === 3) throw e;
          retried++;
        }
      }
    }),
  );
  const ms = Math.round(performance.now() - start);
  // Counted on the server: the reviews each learner's database holds.
  let arrived = 0;
  for (const s of classmates) {
    const res = await fetch(`${s.url}/_all_docs?startkey=%22review%3A%22&endkey=%22review%3A%EF%BF%BF%22`, { headers: { Cookie: s.cookie } });
    arrived += ((await res.json()) as { rows: unknown[] }).rows.length;
  }
  for (const d of devices) await d.destroy();
  return { ms, arrived, sent: students * perStudent, retried };
}
