/**
 * Builds the app together with the benchmark page (`bench/seed.html`) into `dist-bench/`, so the
 * benchmark seeds the same origin's IndexedDB that the app then opens. Never shipped.
 */
import { mergeConfig, type UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import base from '../vite.config';

const config: UserConfig = mergeConfig(base, {
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

// The app's chunk groups gather every entry's initial modules into one chunk; with two entries
// that would run the app's start-up on the benchmark page too, so this build keeps the default split.
const output = (config.build?.rolldownOptions as { output?: { codeSplitting?: unknown } } | undefined)?.output;
if (output) delete output.codeSplitting;

export default config;
