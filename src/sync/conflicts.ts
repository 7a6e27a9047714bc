/**
 * Edited documents (decks, settings) changed on two devices before they synced: CouchDB keeps
 * both revisions and picks one by revision id, which says nothing about which edit is newer.
 * Briefdeck shows the latest edit by time and keeps the other revisions until the learner
 * picks one, so "edited on two devices" can offer the other version. Pure: plans the writes.
 */
import type { CouchDoc, EditedDoc } from './docs';

/** Newest edit first; equal times fall back to the higher revision, as CouchDB's own choice does. */
export function editOrder(a: EditedDoc, b: EditedDoc): number {
  if (a.editedAt !== b.editedAt) return b.editedAt - a.editedAt;
  return compareRevs(b._rev ?? '', a._rev ?? '');
}

/** Compares CouchDB revisions: the generation number, then the hash. */
export function compareRevs(a: string, b: string): number {
  const [ga, ha = ''] = a.split('-');
  const [gb, hb = ''] = b.split('-');
  const diff = Number(ga) - Number(gb);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return ha < hb ? -1 : ha > hb ? 1 : 0;
}

/** The version to show (the latest edit) and the others, kept and retrievable. */
export function latestEdit<T extends EditedDoc>(revisions: readonly T[]): { winner: T; others: T[] } {
  if (revisions.length === 0) throw new Error('latestEdit needs at least one revision.');
  const sorted = [...revisions].sort(editOrder);
  return { winner: sorted[0]!, others: sorted.slice(1) };
}

/**
 * The writes that settle a conflict on `chosen`: its content as a new revision on top of the
 * branch CouchDB currently shows (`current`), and every other open branch deleted. All
 * revisions' contents are passed in so nothing is decided from a partial view.
 */
export function settleOn<T extends EditedDoc>(
  current: T,
  branches: readonly T[],
  chosen: T,
  now: number,
  device: string,
): CouchDoc[] {
  if (!current._rev) throw new Error(`${current._id} has no revision to settle on.`);
  const writes: CouchDoc[] = [];
  if (chosen._rev !== current._rev) {
    const { _conflicts: _c, _revisions: _r, ...content } = chosen as T & { _conflicts?: unknown; _revisions?: unknown };
    writes.push({ ...content, _id: current._id, _rev: current._rev, editedAt: Math.max(now, chosen.editedAt), device } as CouchDoc);
  }
  for (const branch of branches) {
    if (branch._rev && branch._rev !== current._rev) writes.push({ _id: branch._id, _rev: branch._rev, _deleted: true });
  }
  return writes;
}
