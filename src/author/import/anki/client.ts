/**
 * The import screen's side of the Anki Worker: open a file, build the preview with a deck-level
 * choice, store it, report progress, cancel (which ends the Worker at once, whatever it was doing;
 * a store already under way is one transaction, so it lands whole or not at all).
 */
import type { Settings } from '../../../srs/types';
import type { Hierarchy } from './convert';
import { AnkiImportError } from './errors';
import type { AnkiPreview, FromWorker, ToWorker } from './protocol';
import type { AnkiProgress } from './read';

/** One Anki file being imported. */
export class AnkiImportJob {
  private worker: Worker | null = new Worker(new URL('./anki-worker.ts', import.meta.url), { type: 'module', name: 'anki-import' });
  private pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly onProgress: (p: AnkiProgress) => void) {
    this.worker!.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') return this.onProgress(m.progress);
      const p = this.pending;
      this.pending = null;
      if (m.type === 'error') p?.reject(m.kind === 'internal' ? new Error(m.message) : new AnkiImportError(m.kind, m.message));
      else p?.resolve(m);
    };
    this.worker!.onerror = (e) => {
      const p = this.pending;
      this.pending = null;
      p?.reject(new Error(`The import stopped: ${e.message || 'the import worker failed'}`));
    };
  }

  private ask(msg: ToWorker, transfer: Transferable[] = []): Promise<FromWorker> {
    if (!this.worker) return Promise.reject(new AnkiImportError('cancelled', 'The import was cancelled'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker!.postMessage(msg, transfer);
    });
  }

  /** Reads the file; rejects with an `AnkiImportError` naming what is wrong with it. */
  async open(file: Blob, name: string): Promise<void> {
    const data = await file.arrayBuffer();
    await this.ask({ type: 'open', data, name }, [data]);
  }

  /** Converts with this deck-level choice; the preview of what would be stored. */
  async build(hierarchy: Hierarchy, settings: Settings, now = Date.now()): Promise<AnkiPreview> {
    const m = await this.ask({ type: 'build', hierarchy, settings, now });
    if (m.type !== 'built') throw new Error('unexpected reply from the import worker');
    return m.preview;
  }

  /** Stores the last build, decks renamed by `rename` (copies). */
  async save(rename: Map<string, string>, now = Date.now()): Promise<{ deckIds: string[]; reviews: number }> {
    const m = await this.ask({ type: 'save', rename: [...rename], now });
    if (m.type !== 'saved') throw new Error('unexpected reply from the import worker');
    return { deckIds: m.deckIds, reviews: m.reviews };
  }

  /** Stops the Worker now; a pending call rejects as cancelled. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    const p = this.pending;
    this.pending = null;
    p?.reject(new AnkiImportError('cancelled', 'The import was cancelled; nothing was stored'));
  }
}
