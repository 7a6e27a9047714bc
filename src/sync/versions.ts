/**
 * "Edited on two devices": the decks and settings whose documents hold two live revisions, the
 * choice between them, and the versions kept when one was chosen. The latest edit by time is the
 * one shown (and applied); choosing settles the document on one revision (`settleOn`) and keeps
 * every other as a `version:` document of its own, since CouchDB compacts old revisions away.
 * A kept version can be restored, which keeps the one it replaces in turn. Writes go to the local
 * database; the next sync pass applies them to the store and sends them.
 */
import type { Database, Doc } from 'pouchdb-browser';
import { latestEdit, settleOn } from './conflicts';
import { asVersion, fromVersion, versionRange, SETTINGS_ID, type EditDoc, type VersionDoc } from './edited-docs';
import { liveRevisions } from './edited';
import { checkIncoming } from './quarantine';

/** One revision as the learner sees it: when, and on which device. */
export interface Version {
  rev: string;
  editedAt: number;
  device: string;
  /** Written on this device. */
  mine: boolean;
}

/** A deck or the settings edited on two devices: the version shown and the others. */
export interface EditConflict {
  id: string;
  /** The deck's title, or "Settings". */
  title: string;
  shown: Version;
  others: Version[];
}

/** A version kept when another was chosen. */
export interface KeptVersion extends Version {
  /** The version document's id. */
  id: string;
  title: string;
  keptAt: number;
}

const quiet = (): void => undefined;

function titleOf(doc: EditDoc | VersionDoc): string {
  return ('deck' in doc && doc.deck?.title) || 'Settings';
}

/** Writes kept versions; one kept already (the same revision set aside before) stays as it is. */
async function keep(local: Database, versions: VersionDoc[]): Promise<void> {
  for (const result of await local.bulkDocs(versions as unknown as Doc[])) {
    if ('error' in result && result.error !== 'conflict') throw new Error(`Could not keep ${String(result.id)}: ${result.reason ?? result.error}`);
  }
}

function versionOf(doc: EditDoc, device: string): Version {
  return { rev: doc._rev ?? '', editedAt: doc.editedAt, device: doc.device, mine: doc.device === device };
}

/** Every deck and the settings edited on two devices and not settled yet, or only document `only`. */
export async function editConflicts(local: Database, device: string, only?: string): Promise<EditConflict[]> {
  const ids: string[] = [];
  if (only) ids.push(only);
  else {
    const { rows } = await local.allDocs({ startkey: 'deck:', endkey: 'deck:\uffff', include_docs: true, conflicts: true });
    ids.push(...rows.filter((r) => r.doc?._conflicts?.length).map((r) => r.id));
    ids.push(SETTINGS_ID);
  }
  const out: EditConflict[] = [];
  for (const id of ids) {
    const live = await liveRevisions(local, id, quiet);
    if (!live || live.revisions.length < 2) continue;
    const { winner, others } = latestEdit(live.revisions);
    out.push({ id, title: titleOf(winner), shown: versionOf(winner, device), others: others.map((o) => versionOf(o, device)) });
  }
  return out;
}

/**
 * Settles document `id` on revision `rev`: its content becomes the one revision left, and every
 * other live revision is kept as a version. Throws when `rev` is no longer one of them.
 */
export async function chooseVersion(local: Database, device: string, id: string, rev: string, now = Date.now()): Promise<void> {
  const live = await liveRevisions(local, id, quiet);
  const chosen = live?.revisions.find((r) => r._rev === rev);
  if (!live || !chosen) throw new Error(`${id} has no version ${rev} to choose any more: it was settled elsewhere.`);
  const kept = live.revisions.filter((r) => r._rev !== rev).map((r) => asVersion(r, now));
  const writes = settleOn(live.current, live.revisions, chosen, now, device);
  // Kept first: if the settling writes fail, nothing is lost.
  await keep(local, kept);
  await local.bulkDocs(writes as Doc[]);
}

/** The versions of document `of` kept when another was chosen, newest edit first. */
export async function keptVersions(local: Database, device: string, of: string): Promise<KeptVersion[]> {
  const { rows } = await local.allDocs({ ...versionRange(of), include_docs: true });
  const out: KeptVersion[] = [];
  for (const row of rows) {
    if (!row.doc || checkIncoming(row.doc).status !== 'ok') continue;
    const doc = row.doc as unknown as VersionDoc;
    out.push({ id: doc._id, rev: doc.rev, title: titleOf(doc), editedAt: doc.editedAt, device: doc.device, mine: doc.device === device, keptAt: doc.keptAt });
  }
  return out.sort((a, b) => b.editedAt - a.editedAt);
}

/** Makes a kept version the current one again (a new edit), keeping the version it replaces. */
export async function restoreVersion(local: Database, device: string, versionId: string, now = Date.now()): Promise<void> {
  const version = (await local.get(versionId)) as unknown as VersionDoc;
  if (checkIncoming(version).status !== 'ok') throw new Error(`${versionId} cannot be restored: it is not a sound version.`);
  const next = fromVersion(version, now, device);
  const live = await liveRevisions(local, version.of, quiet);
  if (live) {
    // Written on the branch CouchDB shows; what it shows now is kept in its turn.
    next._rev = live.current._rev;
    const shown = live.revisions.find((r) => r._rev === live.current._rev);
    if (shown) await keep(local, [asVersion(shown, now)]);
  }
  const [result] = await local.bulkDocs([next as unknown as Doc]);
  if (result && 'error' in result) throw new Error(`Could not restore ${versionId}: ${result.reason ?? result.error}`);
}
