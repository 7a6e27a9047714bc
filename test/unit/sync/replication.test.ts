// @vitest-environment node
/**
 * Replication through a real local server with PouchDB's browser build: one learner's two
 * devices study offline and merge the union of their reviews into identical item states, an
 * undo reaches the other device, a deck edited on both shows the conflict and either version
 * can be picked, a class's decks come down read-only, and a bad document is quarantined.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../../scripts/sync/server';
import { couchRequest, createAccount, signIn } from '../../../src/sync/couch';
import { latestEdit, settleOn } from '../../../src/sync/conflicts';
import { eventDoc, reviewDoc, type EditedDoc, type ReviewDoc } from '../../../src/sync/docs';
import { classDbName, userDbName } from '../../../src/sync/names';
import { gate } from '../../../src/sync/quarantine';
import { replayAll } from '../../../src/sync/replay';
import { addStudents, ensureClassDb, waitForUserDb } from '../../../src/sync/setup';
import { DEFAULT_SETTINGS, type Grade } from '../../../src/srs/types';
import { PouchDB, liveDocs, localDb, syncOnce, type Pouch } from '../../../scripts/sync/pouch-node';

const T0 = Date.UTC(2026, 4, 4, 8);
const HOUR = 3600_000;
const context = { settings: DEFAULT_SETTINGS, now: T0 + 90 * 24 * HOUR };
let server: SyncServer;
let cookie: string;
let dbCount = 0;
const opened: Pouch[] = [];

/** A fresh local database (a device's). */
function device(name: string): Pouch {
  const db = localDb(`${name}-${++dbCount}`);
  opened.push(db);
  return db;
}

/** The learner's remote database, reached with their session cookie as the app will. */
function remote(db: string, sessionCookie = cookie): Pouch {
  const r = new PouchDB(`${server.url}${db}`, { headers: { Cookie: sessionCookie }, skip_setup: true });
  opened.push(r);
  return r;
}

function review(itemId: string, hours: number, grade: Grade): ReviewDoc {
  return reviewDoc({ itemId, at: T0 + hours * HOUR, grade, mode: 'study', durationMs: 3000, reschedule: true });
}

beforeAll(async () => {
  server = await startSyncServer();
  await createAccount({ url: server.url }, 'lena', 'pw-lena');
  cookie = (await signIn({ url: server.url }, 'lena', 'pw-lena')).cookie!;
  await waitForUserDb({ url: server.url, headers: { Cookie: cookie } }, 'lena');
}, 120_000);

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => {});
  await server?.stop();
});

describe('two devices of one learner', () => {
  it('study overlapping cards offline, then sync: both hold the union of reviews and the same item states', async () => {
    const phone = device('phone');
    const laptop = device('laptop');
    const server = remote(userDbName('lena'));
    const items = ['cells/nucleus', 'cells/membrane', 'cells/ribosome#c1'];
    // Both devices review cells/nucleus (the same card, offline, at different times): both stay.
    const onPhone = [review(items[0]!, 0, 3), review(items[1]!, 1, 1), review(items[1]!, 2, 3), review(items[0]!, 30, 3)];
    const onLaptop = [review(items[0]!, 5, 4), review(items[2]!, 6, 2), eventDoc({ itemId: items[2]!, at: T0 + 7 * HOUR, kind: 'suspend' })];
    await phone.bulkDocs(onPhone);
    await laptop.bulkDocs(onLaptop);

    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    await syncOnce(phone, server);

    const phoneDocs = await liveDocs(phone);
    const laptopDocs = await liveDocs(laptop);
    const union = [...onPhone, ...onLaptop].map((d) => d._id).sort();
    expect(phoneDocs.map((d) => d._id).sort()).toEqual(union);
    expect(laptopDocs.map((d) => d._id).sort()).toEqual(union);
    expect(phoneDocs.filter((d) => d.itemId === items[0]).length).toBe(3);

    const phoneStates = replayAll(phoneDocs, context);
    const laptopStates = replayAll(laptopDocs, context);
    expect(phoneStates).toEqual(laptopStates);
    expect(phoneStates.get(items[0]!)!.fsrs.reps).toBe(3);
    expect(phoneStates.get(items[2]!)!.suspended).toBe(true);
    // And the same as if one device had made every review itself.
    expect(phoneStates).toEqual(replayAll([...onLaptop, ...onPhone], context));
  });

  it('an undo on one device reaches the other', async () => {
    const phone = device('phone');
    const laptop = device('laptop');
    const server = remote(userDbName('lena'));
    const first = review('cells/golgi', 0, 3);
    const second = review('cells/golgi', 24, 1);
    await phone.bulkDocs([first, second]);
    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    const before = replayAll(await liveDocs(laptop), context).get('cells/golgi')!;
    expect(before.fsrs.reps).toBe(2);

    const held = await phone.get(second._id);
    await phone.remove(second._id, held._rev!);
    await syncOnce(phone, server);
    await syncOnce(laptop, server);

    const laptopDocs = await liveDocs(laptop);
    expect(laptopDocs.some((d) => d._id === second._id)).toBe(false);
    const after = replayAll(laptopDocs, context).get('cells/golgi')!;
    expect(after).toEqual(replayAll([first], context).get('cells/golgi'));
    expect(after).toEqual(replayAll(await liveDocs(phone), context).get('cells/golgi'));
  });

});

describe('a sync cut by the server stopping', () => {
  it('resumes from its checkpoint once the server is back: no review lost or duplicated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-sync-restart-'));
    let own = await startSyncServer({ dir });
    try {
      const port = own.port;
      await createAccount({ url: own.url }, 'rita', 'pw-rita');
      const ritaCookie = (await signIn({ url: own.url }, 'rita', 'pw-rita')).cookie!;
      await waitForUserDb({ url: own.url, headers: { Cookie: ritaCookie } }, 'rita');
      const url = `${own.url}${userDbName('rita')}`;

      const phone = device('phone');
      const all = Array.from({ length: 300 }, (_, i) => review(`bulk/card-${i % 17}`, i, ((i % 4) + 1) as Grade));
      await phone.bulkDocs(all);
      await phone.replicate.to(new PouchDB(url, { headers: { Cookie: ritaCookie } }));

      // The tablet's pull: after two batches have been fetched, the server stops under it.
      const tablet = device('tablet');
      let fetches = 0;
      const cutting = new PouchDB(url, {
        headers: { Cookie: ritaCookie },
        fetch: async (input: string, init: RequestInit) => {
          if (/_bulk_get/.test(String(input)) && ++fetches === 3) await own.stop();
          return fetch(input, init);
        },
      });
      opened.push(cutting);
      const cut = await tablet.replicate.from(cutting, { batch_size: 25 }).catch((e: unknown) => e);
      expect(cut).toBeInstanceOf(Error);
      const before = (await liveDocs(tablet)).length;
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(all.length);

      // Started again on the same port with the same data; the session cookie still holds.
      own = await startSyncServer({ dir, port });
      const resumed = await tablet.replicate.from(new PouchDB(url, { headers: { Cookie: ritaCookie } }), { batch_size: 25 });
      const ids = (await liveDocs(tablet)).map((d) => d._id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(all.map((d) => d._id).sort());
      // It went on from its checkpoint rather than reading everything again.
      expect(resumed.docs_read).toBeLessThanOrEqual(all.length - before + 25);
      expect(replayAll(await liveDocs(tablet), context)).toEqual(replayAll(all, context));
    } finally {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

interface DeckDoc extends EditedDoc {
  type: 'deck';
  title: string;
}

interface SettingsDoc extends EditedDoc {
  type: 'settings';
  settings: { newPerDay: number };
}

describe('a document edited on two devices', () => {
  it('shows the latest edit, keeps the other retrievable, and settles on the one picked', async () => {
    const phone = device('phone');
    const laptop = device('laptop');
    const server = remote(userDbName('lena'));
    const base: SettingsDoc = { _id: 'settings', type: 'settings', settings: { newPerDay: 20 }, editedAt: T0, device: 'phone' };
    await phone.put({ ...base });
    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    const p = await phone.get<SettingsDoc>('settings');
    const l = await laptop.get<SettingsDoc>('settings');
    await phone.put({ ...p, settings: { newPerDay: 10 }, editedAt: T0 + 10 * HOUR, device: 'phone' });
    await laptop.put({ ...l, settings: { newPerDay: 30 }, editedAt: T0 + 20 * HOUR, device: 'laptop' });
    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    await syncOnce(phone, server);

    const current = await phone.get<SettingsDoc>('settings', { conflicts: true });
    expect(current._conflicts).toHaveLength(1);
    const branches = [current, ...(await Promise.all(current._conflicts!.map((rev) => phone.get<SettingsDoc>('settings', { rev }))))];
    const { winner, others } = latestEdit(branches);
    expect(winner.settings.newPerDay).toBe(30);
    expect(winner.device).toBe('laptop');
    expect(others.map((o) => o.settings.newPerDay)).toEqual([10]);
    // The other version is still retrievable on the other device too.
    expect((await laptop.get<SettingsDoc>('settings', { rev: others[0]!._rev! })).settings.newPerDay).toBe(10);

    // The learner picks the older edit: it becomes current everywhere, and the conflict closes.
    await phone.bulkDocs(settleOn(current, branches, others[0]!, T0 + 30 * HOUR, 'phone'));
    await syncOnce(phone, server);
    await syncOnce(laptop, server);
    for (const db of [phone, laptop]) {
      const settled = await db.get<SettingsDoc>('settings', { conflicts: true });
      expect(settled.settings.newPerDay).toBe(10);
      expect(settled._conflicts ?? []).toEqual([]);
    }
  });
});

describe('a class', () => {
  it('brings the teacher’s decks to a student, who cannot push changes to them', async () => {
    for (const name of ['tom', 'stu']) await createAccount({ url: server.url }, name, `pw-${name}`);
    const teacherCookie = (await signIn({ url: server.url }, 'tom', 'pw-tom')).cookie!;
    const studentCookie = (await signIn({ url: server.url }, 'stu', 'pw-stu')).cookie!;
    const db = await ensureClassDb(server.asAdmin, 'chem-1', 'tom', { title: 'Chemistry 1' });
    await addStudents({ url: server.url, headers: { Cookie: teacherCookie } }, 'chem-1', ['stu']);
    expect(db).toBe(classDbName('chem-1'));

    const teacherDevice = device('teacher');
    await teacherDevice.put({ _id: 'deck:atoms', type: 'deck', title: 'Atoms', editedAt: T0, device: 'teacher' });
    const pushed = await teacherDevice.replicate.to(remote(db, teacherCookie));
    expect(pushed.docs_written).toBe(1);

    const student = device('student');
    await student.replicate.from(remote(db, studentCookie));
    expect((await student.get<DeckDoc>('deck:atoms')).title).toBe('Atoms');
    const mine = await student.get<DeckDoc>('deck:atoms');
    await student.put({ ...mine, title: 'Atoms, by a student' });
    const refused = await student.replicate.to(remote(db, studentCookie));
    expect(refused.docs_written).toBe(0);
    expect(refused.doc_write_failures).toBe(1);
    const onServer = await couchRequest<DeckDoc>(server.asAdmin, 'GET', `/${db}/deck:atoms`);
    expect(onServer.body.title).toBe('Atoms');
  });
});

describe('documents from the server', () => {
  it('a bad one replicated down is quarantined with its reason, the good ones pass', async () => {
    const db = userDbName('lena');
    // Only a server admin (or a compromised server) can write past the validation.
    await couchRequest(server.asAdmin, 'PUT', `/${db}/deck:evil`, {
      type: 'deck',
      editedAt: T0,
      device: 'x',
      deck: { id: 'evil', version: 1, title: 'Evil', cards: [{ id: 'a', type: 'basic', front: 'Hi', back: '<img src=x onerror=alert(1)>' }] },
    });
    const fresh = device('fresh');
    await fresh.replicate.from(remote(db));
    const { results } = await fresh.changes({ include_docs: true });
    const { ok, quarantined } = gate(results.map((r) => r.doc));
    expect(quarantined).toEqual([{ id: 'deck:evil', reason: 'has script in its text at deck.cards[0].back' }]);
    expect(ok.length).toBeGreaterThan(5);
    expect(ok.every((d) => d._id !== 'deck:evil')).toBe(true);
  });
});
