/**
 * One round of replication for the sync engine: this device's own documents go up, everything
 * new on the server comes down, with PouchDB's replicator. Documents that came down are never
 * pushed back, and the next push is told to start past them (`needsNoPush`): otherwise its filter would
 * read every document of a first sync once more on the next pass.
 */
import type { Database, Doc } from 'pouchdb-browser';
import { parseHistoryId } from './docs';
import { phase } from './timing';

/** Fewer, larger requests: each batch also costs a checkpoint written on both sides. */
const OPTIONS = { batch_size: 2000, batches_limit: 2 };

type Seq = number | string;

/** Whether this device pushes a document: all but the history documents other devices wrote. */
export function pushes(id: string, device: string): boolean {
  return !parseHistoryId(id) || id.slice(id.lastIndexOf(':') + 1).startsWith(device);
}

/** What a round did: how far the push reached, and which pushable documents the pull wrote. */
export interface Round {
  /** Every local change up to this sequence has been pushed. */
  pushedTo: Seq;
  /** Documents the pull wrote that `pushes` would send (they are on the server already): id → revision. */
  pulled: Map<string, string>;
}

/** How the engine reaches the server for one round. */
export interface RoundOptions {
  device: string;
  /** Start the push here instead of at its checkpoint (past what the last round pulled). */
  pushFrom?: Seq;
  /** Called when the server has no database yet (a new account's appears a moment later). */
  waitForDb: () => Promise<unknown>;
}

/** Pushes this device's documents, then pulls; resolves with what `needsNoPush` needs. */
export async function replicateRound(local: Database, remote: Database, options: RoundOptions): Promise<Round> {
  const { device } = options;
  // Only what this device wrote goes up: asking the server about every document that came
  // down from it would send their ids and revisions back once more.
  const push: Record<string, unknown> = { ...OPTIONS, filter: (doc: Doc) => pushes(doc._id, device) };
  if (options.pushFrom !== undefined) push.since = options.pushFrom;
  const { update_seq: pushedTo } = await local.info();
  try {
    await phase('push', () => local.replicate.to(remote, push));
  } catch (e) {
    // A new account's private database appears a moment after the account (couch_peruser).
    if ((e as { status?: number }).status !== 404) throw e;
    await options.waitForDb();
    await local.replicate.to(remote, push);
  }
  const pulled = new Map<string, string>();
  await phase('pull', () => {
    const pull = local.replicate.from(remote, OPTIONS);
    pull.on('change', (info) => {
      for (const doc of info.docs) if (pushes(doc._id, device)) pulled.set(doc._id, doc._rev!);
    });
    return pull;
  });
  return { pushedTo, pulled };
}

/**
 * Whether a local change needs no push after `round`: the push reached it, or the pull wrote it
 * (same revision). When all changes since do, the next push may start past them (`pushFrom`).
 */
export function needsNoPush(round: Round, change: { id: string; seq: Seq; changes: { rev: string }[] }, device: string): boolean {
  if (Number(change.seq) <= Number(round.pushedTo) || !pushes(change.id, device)) return true;
  return round.pulled.get(change.id) === change.changes[0]?.rev;
}
