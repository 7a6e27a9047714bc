/**
 * The part of PouchDB's browser build that the sync engine uses, and its `indexeddb` adapter
 * (the packages ship no types).
 */
declare module 'pouchdb-browser' {
  interface Doc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    [field: string]: unknown;
  }
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    last_seq?: number | string;
  }
  /** A replication under way: a promise of its result that reports each batch it wrote. */
  interface Replication extends Promise<ReplicationResult> {
    on(event: 'change', listener: (info: { docs: Doc[] }) => void): Replication;
  }
  interface AllDocsOptions {
    include_docs?: boolean;
    startkey?: string;
    endkey?: string;
    keys?: string[];
    limit?: number;
    conflicts?: boolean;
  }
  interface AllDocsRow {
    id: string;
    key: string;
    value: { rev: string; deleted?: boolean };
    doc?: Doc;
    error?: string;
  }
  interface Database {
    name: string;
    get(id: string, options?: { rev?: string; conflicts?: boolean; open_revs?: string[] | 'all' }): Promise<Doc>;
    put(doc: Doc): Promise<{ id: string; rev: string }>;
    bulkDocs(docs: Doc[]): Promise<({ id: string; rev: string; ok?: boolean } | { id?: string; error: string; reason?: string })[]>;
    allDocs(options?: AllDocsOptions): Promise<{ total_rows: number; rows: AllDocsRow[] }>;
    changes(options: { since?: number | string; include_docs?: boolean; limit?: number; conflicts?: boolean }): Promise<{
      results: { id: string; seq: number | string; changes: { rev: string }[]; deleted?: boolean; doc?: Doc }[];
      last_seq: number | string;
    }>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
    replicate: {
      to(target: Database, options?: Record<string, unknown>): Replication;
      from(source: Database, options?: Record<string, unknown>): Replication;
    };
  }
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    fetch(url: string, options?: RequestInit): Promise<Response>;
    plugin(plugin: unknown): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
  export type { Database, Doc, ReplicationResult };
}

declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}
