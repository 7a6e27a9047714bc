/**
 * Builds the app together with the benchmark page (`bench/seed.html`) into `dist-bench/`, so the
 * benchmark seeds the same origin's IndexedDB that the app then opens. Never shipped.
 */
import { mergeConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import base from '../vite.config';

export default mergeConfig(base, {
  build: {
    outDir: 'dist-bench',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('../index.html', import.meta.url)),
        bench: fileURLToPath(new URL('./seed.html', import.meta.url)),
      },
    },
  },
});
