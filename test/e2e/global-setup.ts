/** Serves the built app once for the whole browser suite; `npm run test:e2e` builds it first. */
import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import { startPreview, type Server } from '../browser/server';

let server: Server | undefined;

export async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('No build found: run `npm run build` first.');
  server = await startPreview(Number(process.env.E2E_PORT) || 4173);
  project.provide('baseUrl', server.url);
}

export async function teardown() {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
