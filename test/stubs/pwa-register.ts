/** Test stand-in for vite-plugin-pwa's virtual register module: no service worker in unit tests. */
export function registerSW(): (reload?: boolean) => Promise<void> {
  return async () => {};
}
