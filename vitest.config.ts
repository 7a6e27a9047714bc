import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [preact()],
  resolve: {
    alias: {
      'virtual:pwa-register/preact': fileURLToPath(new URL('./test/stubs/pwa-register.ts', import.meta.url)),
      'virtual:pwa-register': fileURLToPath(new URL('./test/stubs/pwa-register.ts', import.meta.url)),
    },
  },
  test: {
    globals: true,
    environment: 'happy-dom',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // Property tests and IndexedDB-heavy tests need room on a busy 2-core machine; a slow test is
    // not a failing one, a wrong answer is.
    testTimeout: 30_000,
  },
});
