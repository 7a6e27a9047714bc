/** sql.js and the fixture packages for the Anki import tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let sql: Promise<SqlJsStatic> | null = null;

/** sql.js with its wasm read from node_modules (no fetch in tests). */
export function loadSql(): Promise<SqlJsStatic> {
  const wasm = readFileSync(join(import.meta.dirname, '../../../../node_modules/sql.js/dist/sql-wasm.wasm'));
  sql ??= initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  return sql;
}

/** A fixture package's bytes. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(import.meta.dirname, '../../../fixtures/anki', name)));
}
