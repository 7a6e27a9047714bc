/**
 * The Anki import Worker: unzips, reads the collection with sql.js, converts it and, once the
 * learner confirms, stores it (IndexedDB works in a Worker), all off the main thread, reporting
 * progress. The page only ever receives the preview, never the whole import, so no big message
 * lands on the main thread. Keeps the opened collection so the preview can rebuild with another
 * deck-level choice without reading the file again. Cancel is the page terminating the Worker.
 * sql.js, fflate and fzstd load only here, so only when a learner imports an Anki file.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { AnkiImportError } from './errors';
import type { FromWorker, ToWorker } from './protocol';
import { buildAnkiImport, openAnki, type AnkiImport, type OpenedAnki } from './read';
import { storeAnkiImport } from './save';

let opened: OpenedAnki | null = null;
let built: AnkiImport | null = null;
const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'open') {
      const SQL = await initSqlJs({ locateFile: () => wasmUrl });
      opened = openAnki(new Uint8Array(msg.data), msg.name, SQL, (progress) => post({ type: 'progress', progress }));
      post({ type: 'opened' });
    } else if (msg.type === 'build') {
      if (!opened) throw new Error('no package was opened');
      post({ type: 'progress', progress: { step: 'converting', done: 0, total: 1 } });
      built = buildAnkiImport(opened, { hierarchy: msg.hierarchy, settings: msg.settings, now: msg.now });
      post({ type: 'built', preview: { report: built.report, decks: built.decks.map((d) => ({ id: d.id, title: d.title, cards: d.cards.length })) } });
    } else if (msg.type === 'save') {
      if (!built) throw new Error('nothing was built to store');
      const saved = await storeAnkiImport(built, new Map(msg.rename), msg.now);
      post({ type: 'saved', ...saved });
    }
  } catch (error) {
    if (error instanceof AnkiImportError) post({ type: 'error', kind: error.kind, message: error.message });
    else post({ type: 'error', kind: 'internal', message: `The package could not be read: ${(error as Error).message}` });
  }
};
