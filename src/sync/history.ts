/**
 * Reading a device's local history in one go (a first sync touches every item: one pass over
 * the history documents beats a query per item).
 */
import type { Database, Doc } from 'pouchdb-browser';
import type { ItemId } from '../srs/types';
import { parseHistoryId } from './docs';

/** Every history document held locally, by item. */
export async function historyByItem(local: Database): Promise<Map<ItemId, Doc[]>> {
  const out = new Map<ItemId, Doc[]>();
  for (const type of ['review', 'event'] as const) {
    const { rows } = await local.allDocs({ startkey: `${type}:`, endkey: `${type}:\uffff`, include_docs: true });
    for (const row of rows) {
      const itemId = row.doc && parseHistoryId(row.id)?.itemId;
      if (!itemId) continue;
      const list = out.get(itemId);
      if (list) list.push(row.doc!);
      else out.set(itemId, [row.doc!]);
    }
  }
  return out;
}
