/**
 * Authoring in a real browser: create a deck with three card types, study it, edit a card and
 * see its progress kept, export it as a file and import that file back over the deck; open a share
 * link; draft a deck from an article in the browser.
 */
import { afterEach, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshContextEachTest } from './fixture';
import { parseDeckJson } from '../../src/deck/validate';

let page: Page;
let dir: string;
const baseUrl = inject('baseUrl');

freshContextEachTest(
  async (_context, p) => {
    dir = mkdtempSync(join(tmpdir(), 'briefdeck-author-'));
    page = p!;
    await page.addLocatorHandler(page.getByText('Ready to work offline.'), async () => {
      await page.getByRole('button', { name: 'OK', exact: true }).click();
    });
  },
  { context: { acceptDownloads: true, viewport: { width: 1000, height: 900 } } },
);
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface ItemView {
  id: string;
  reps: number;
  orphaned: boolean;
}

/** The deck's review items, read straight from IndexedDB. */
function items(deckId: string): Promise<ItemView[]> {
  return page.evaluate(
    (id) =>
      new Promise<ItemView[]>((resolve, reject) => {
        const open = indexedDB.open('briefdeck');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('items').objectStore('items').getAll();
          req.onsuccess = () => {
            const all = req.result as { id: string; deckId: string; orphaned: boolean; fsrs: { reps: number } }[];
            resolve(all.filter((i) => i.deckId === id).map((i) => ({ id: i.id, reps: i.fsrs.reps, orphaned: i.orphaned })));
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    deckId,
  );
}

const card = (n: number) => page.getByRole('listitem', { name: new RegExp(`^Card ${n}:`) });

async function addCard(type: string) {
  await page.getByRole('combobox', { name: 'New card type' }).selectOption(type);
  await page.getByRole('button', { name: 'Add card' }).click();
}

test('create a deck with three card types, study it, edit a card keeping progress, export and re-import', async () => {
  await page.goto(`${baseUrl}/author`);
  await page.getByRole('button', { name: 'New deck' }).click();
  await page.getByRole('heading', { level: 1, name: /^Edit/ }).waitFor();
  const deckId = new URL(page.url()).pathname.split('/').pop()!;

  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Peru field trip');
  await card(1).getByRole('textbox', { name: 'Front' }).fill('Capital of Peru?');
  await card(1).getByRole('textbox', { name: 'Back' }).fill('Lima');
  await addCard('mcq');
  await card(2).getByRole('textbox', { name: 'Question' }).fill('Which ocean borders Peru?');
  await card(2).getByRole('textbox', { name: 'Choice 1' }).fill('Atlantic');
  await card(2).getByRole('textbox', { name: 'Choice 2' }).fill('Pacific');
  await card(2).getByRole('checkbox', { name: 'Choice 1 is right' }).uncheck();
  await card(2).getByRole('checkbox', { name: 'Choice 2 is right' }).check();
  await card(2).getByRole('group', { name: 'Answer side' }).getByRole('button', { name: 'Pacific ✓ right answer' }).waitFor();
  await addCard('cloze');
  await card(3).getByRole('textbox', { name: 'Cloze text' }).fill('The {{c1::Andes}} run the length of Peru.');
  await card(3).getByRole('group', { name: 'Question side (Deletion 1)' }).getByText('[…]').waitFor();
  await page.getByRole('button', { name: 'Save deck' }).click();
  await page.getByText('Saved version 1.').waitFor();

  // Study: the first card, graded Good.
  await page.goto(`${baseUrl}/study/${deckId}`);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByRole('button', { name: /^Good/ }).click();
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '1');
  const studied = (await items(deckId)).filter((i) => i.reps > 0);
  expect(studied).toHaveLength(1);
  const studiedId = studied[0]!.id;

  // Edit every card's text: ids stay, so the studied item keeps its progress.
  await page.goto(`${baseUrl}/author/${deckId}`);
  await card(1).getByRole('textbox', { name: 'Front' }).fill('What is the capital of Peru?');
  await card(2).getByRole('textbox', { name: 'Question' }).fill('Which ocean lies west of Peru?');
  await page.getByRole('button', { name: 'Save deck' }).click();
  await page.getByText('Saved version 2.').waitFor();
  const afterEdit = await items(deckId);
  expect(afterEdit.find((i) => i.id === studiedId)).toEqual({ id: studiedId, reps: 1, orphaned: false });
  expect(afterEdit.filter((i) => i.orphaned)).toEqual([]);

  // Export as a file that the deck checker accepts.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .json' }).click()]);
  expect(download.suggestedFilename()).toBe(`${deckId}.json`);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  const exported = parseDeckJson(text);
  if (!exported.ok) throw new Error(exported.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  expect(exported.deck).toMatchObject({ $schema: 'https://briefdeck.app/deck.schema.json', format: 1, id: deckId, version: 2, title: 'Peru field trip' });
  expect(exported.deck.cards.map((c) => c.type)).toEqual(['basic', 'mcq', 'cloze']);

  // Re-import over the same deck: asked, replaced, progress kept.
  await page.goto(`${baseUrl}/import`);
  await page.getByLabel('Choose a file').setInputFiles(file);
  await page.getByRole('heading', { name: 'Peru field trip' }).waitFor();
  await page.getByRole('group', { name: /already have a deck/ }).getByRole('button', { name: 'Replace and keep progress' }).click();
  await page.getByRole('heading', { name: 'Imported' }).waitFor();
  expect((await items(deckId)).find((i) => i.id === studiedId)?.reps).toBe(1);
  const stored = await page.evaluate(
    (id) =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open('briefdeck');
        open.onsuccess = () => {
          const req = open.result.transaction('decks').objectStore('decks').get(id);
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
    deckId,
  );
  const { $schema: _s, format: _f, ...plain } = exported.deck;
  expect(stored).toMatchObject({ origin: 'imported', deck: plain });
});

test('a share link opens a preview and imports after asking', async () => {
  const deck = { id: 'shared-deck', version: 1, title: 'Shared with the class', cards: [{ id: 'q', type: 'truefalse', statement: 'Lima is in Peru.', answer: true }] };
  const hash = await page.evaluate(async (json) => {
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }, JSON.stringify(deck));
  await page.goto(`${baseUrl}/share#d=${hash}`);
  await page.getByRole('heading', { name: 'Shared with the class' }).waitFor();
  await page.getByText(/1 card · 0 key points/).waitFor();
  await page.getByRole('button', { name: 'Import this deck' }).click();
  await page.getByText(/Imported\./).waitFor();
  await page.getByRole('link', { name: 'Study it now' }).click();
  await page.getByText('Lima is in Peru.').first().waitFor();
});

test('drafting from an article runs in the browser (the NLP chunk loads on demand) and saves accepted proposals', async () => {
  const article = [
    'Bees and Crops',
    '',
    'Bees pollinate about a third of the crops that people eat. Farmers in California rent millions of hives every February because almond trees need bees to set fruit.',
    'A pollinator is an animal that carries pollen between flowers. Pesticides called neonicotinoids weaken bees, so many hives collapse over winter.',
    'In 2018, the European Union banned three neonicotinoids on open fields. Scientists say wild bees matter as much as honeybees for crops.',
  ].join('\n');
  await page.goto(`${baseUrl}/author/draft`);
  await page.getByRole('textbox', { name: 'Article text' }).fill(article);
  await page.getByRole('button', { name: 'Draft a deck' }).click();
  await page.getByRole('heading', { name: /Proposed key points/ }).waitFor();
  await page.getByRole('button', { name: 'Accept all' }).click();
  await page.getByRole('button', { name: /^Save accepted/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit “Bees and Crops”' }).waitFor();
  await page.getByText(/saved version 1/).waitFor();
});
