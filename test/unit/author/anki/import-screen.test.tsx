import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { AnkiImport } from '../../../../src/author/import/AnkiImport';
import { listStoredDecks } from '../../../../src/store';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it('refuses a 300 MB package by its size, before reading it or starting the import Worker', async () => {
  const started = vi.fn();
  vi.stubGlobal('Worker', started);
  const file = new File([new Uint8Array(16)], 'everything.colpkg');
  const read = vi.spyOn(file, 'arrayBuffer');
  Object.defineProperty(file, 'size', { value: 300 * 1024 * 1024 });
  render(<AnkiImport file={file} onReset={() => {}} />);
  expect((await screen.findByRole('alert')).textContent).toContain('everything.colpkg is 300.0 MB; an Anki package may be at most 250 MB');
  expect(started).not.toHaveBeenCalled();
  expect(read).not.toHaveBeenCalled();
  expect(await listStoredDecks()).toEqual([]);
});
