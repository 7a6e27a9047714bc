/** PouchDB's in-memory adapter (tests and measurements in Node); it ships no types. */
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
