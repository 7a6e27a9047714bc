import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ImportScreen } from '../../../src/author/import/ImportScreen';
import { SharePage } from '../../../src/author/SharePage';
import { DRAFT_SCREEN_KEY, DraftScreen } from '../../../src/author/draft/DraftScreen';
import { getDraft } from '../../../src/store/drafts';
import { Editor } from '../../../src/author/editor/Editor';
import { deckToJson } from '../../../src/author/export';
import { encodeShareLink } from '../../../src/author/share';
import { importDeck, saveEdited } from '../../../src/author/data';
import { closeStore, getItems, getStoredDeck, listStoredDecks, recordReview, saveDeck, syncDeckItems } from '../../../src/store';
import { parseDeckJson } from '../../../src/deck/validate';
import type { Deck } from '../../../src/deck/schema';
import { at, bundle } from './helpers';

configure({ asyncUtilTimeout: 8000 });
// Rendering many previews in happy-dom is slow when the whole suite runs on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/import', name), 'utf8');

const deck: Deck = {
  id: 'solar',
  version: 2,
  title: 'The solar system',
  description: 'Planets and the Sun.',
  language: 'en',
  tags: ['science'],
  source: { title: 'A textbook', date: '2024' },
  keyPoints: [{ id: 'sun', text: 'The Sun holds the planets in orbit.' }],
  cards: [
    { id: 'largest', type: 'basic', front: 'Largest planet?', back: 'Jupiter', keyPoint: 'sun', reverse: true },
    { id: 'orbit', type: 'cloze', text: 'Earth orbits the {{c1::Sun}} in {{c2::365}} days.' },
    { id: 'red', type: 'mcq', question: 'Which planet is red?', choices: ['Mars', 'Venus', 'Neptune'], answer: 0, explanation: 'Iron oxide.' },
    { id: 'pluto', type: 'truefalse', statement: 'Pluto is a planet.', answer: false },
    { id: 'moons', type: 'typed', question: 'Earth has how many moons?', answer: 'one', accept: ['1'] },
  ],
};

beforeEach(() => bundle());
afterEach(async () => {
  cleanup();
  await closeStore();
  vi.unstubAllGlobals();
});

const importScreen = () => at('/import', [['/import', ImportScreen]]);
const paste = (text: string) => {
  fireEvent.input(screen.getByRole('textbox', { name: 'Or paste a shared link, deck JSON or table text' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Check pasted text' }));
};

describe('round trip', () => {
  test('author → export → import gives the identical deck', async () => {
    const saved = await saveEdited(deck);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const exported = deckToJson((await getStoredDeck('solar'))!.deck);
    const parsed = parseDeckJson(exported);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await importDeck(parsed.deck, 'copy');
    const copy = (await listStoredDecks()).find((s) => s.deck.id !== 'solar')!;
    expect({ ...copy.deck, id: 'solar', title: deck.title }).toEqual(deck);
  });
});

describe('JSON import', () => {
  test('invalid deck: every error listed with its path, nothing stored', async () => {
    importScreen();
    paste(fixture('broken-deck.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('cards[0].choices: needs at least 2 choices');
    expect(alert.textContent).toContain('cards[0].answer: is 3, but the choices are numbered 0 to 0');
    expect(alert.textContent).toMatch(/nothing was stored/);
    expect(await listStoredDecks()).toEqual([]);
  });

  test('a JSON syntax error names the line', async () => {
    importScreen();
    paste(fixture('syntax-error.json'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not valid JSON \(line 3/);
  });

  test('by file picker: preview, then import', async () => {
    importScreen();
    const input = screen.getByLabelText('Choose a file') as HTMLInputElement;
    const file = new File([deckToJson(deck)], 'solar.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    await screen.findByRole('heading', { name: 'The solar system' });
    expect(screen.getByText(/5 cards · 1 key point · id solar/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Import this deck' }));
    await screen.findByRole('heading', { name: 'Imported' });
    expect((await getStoredDeck('solar'))?.origin).toBe('imported');
  });

  test('by drag and drop', async () => {
    importScreen();
    const zone = screen.getByLabelText('Choose a file').closest('.drop-zone')!;
    const file = new File([deckToJson(deck)], 'solar.json', { type: 'application/json' });
    fireEvent.dragOver(zone, { dataTransfer: { files: [file] } });
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    await screen.findByRole('heading', { name: 'The solar system' });
  });

  test('same id: replace keeps progress (same deck and card ids), copy gets a new id', async () => {
    await saveDeck(deck, 'imported');
    await syncDeckItems(deck, Date.now());
    await recordReview({ itemId: 'solar/pluto', grade: 3, mode: 'study', at: Date.now(), durationMs: 1000 });
    importScreen();
    const edited = { ...deck, version: 3, cards: deck.cards.map((c) => (c.id === 'pluto' ? { ...c, statement: 'Pluto is a major planet.' } : c)) };
    paste(JSON.stringify(edited));
    const prompt = await screen.findByRole('group', { name: /already have a deck/ });
    fireEvent.click(within(prompt).getByRole('button', { name: 'Replace and keep progress' }));
    await screen.findByRole('heading', { name: 'Imported' });
    expect((await getStoredDeck('solar'))!.deck.version).toBe(3);
    expect((await getItems('solar')).find((i) => i.id === 'solar/pluto')!.fsrs.reps).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'import another' }));
    paste(JSON.stringify(edited));
    fireEvent.click(await screen.findByRole('button', { name: 'Import as a copy' }));
    await screen.findByRole('heading', { name: 'Imported' });
    expect((await getStoredDeck('solar-copy'))?.deck.title).toBe('The solar system (copy)');
  });
});

describe('table import', () => {
  test('pasted CSV: preview table, column mapping, skipped rows with line numbers, then a deck', async () => {
    importScreen();
    paste(fixture('semicolons.csv'));
    const table = await screen.findByRole('table', { name: 'First rows' });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect((screen.getByRole('combobox', { name: 'Front (or cloze text)' }) as HTMLSelectElement).value).toBe('0');
    const skipped = screen.getByRole('region', { name: 'Skipped rows' });
    expect(skipped.textContent).toContain('line 4: has an empty front');
    expect(skipped.textContent).toContain('line 5: has an empty back');
    // Swap the columns: definitions become fronts.
    fireEvent.change(screen.getByRole('combobox', { name: 'Front (or cloze text)' }), { target: { value: '1' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Back' }), { target: { value: '0' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Deck title' }), { target: { value: 'French animals' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue with 2 cards' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import this deck' }));
    await screen.findByRole('heading', { name: 'Imported' });
    const stored = await getStoredDeck('french-animals');
    expect(stored!.deck.cards.map((c) => (c.type === 'basic' ? c.front : ''))).toEqual(['cat', 'dog; the animal']);
  });

  test('Quizlet export with custom separators', async () => {
    importScreen();
    paste(fixture('quizlet-custom.txt'));
    await screen.findByRole('table', { name: 'First rows' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'quizlet' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Between term and definition' }), { target: { value: ' - ' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Between rows' }), { target: { value: ';' } });
    await screen.findByRole('button', { name: 'Continue with 3 cards' });
    expect(screen.getByRole('region', { name: 'Skipped rows' }).textContent).toContain('line 1: has no term separator " - "');
  });
});

describe('share links', () => {
  test('opening a link shows title, size and preview, and imports only when asked', async () => {
    const link = await encodeShareLink(deck, 'http://localhost:3000');
    if (!link.ok) throw new Error(link.message);
    at(`/share${new URL(link.url).hash}`, [['/share', SharePage]]);
    await screen.findByRole('heading', { name: 'The solar system' });
    expect(screen.getByText(/5 cards · 1 key point/)).toBeTruthy();
    expect(screen.getAllByText('Largest planet?').length).toBeGreaterThan(0);
    expect(await listStoredDecks()).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: 'Import this deck' }));
    await screen.findByText(/Imported\./);
    expect((await getStoredDeck('solar'))!.deck).toEqual(deck);
  });

  test('a shared link pasted on "Add a deck" shows the deck and imports it when asked', async () => {
    const link = await encodeShareLink(deck, 'http://localhost:3000');
    if (!link.ok) throw new Error(link.message);
    importScreen();
    paste(`  ${link.url}\n`);
    await screen.findByRole('heading', { name: 'The solar system' });
    expect(await listStoredDecks()).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: 'Import this deck' }));
    await screen.findByRole('heading', { name: 'Imported' });
    expect((await getStoredDeck('solar'))!.deck).toEqual(deck);
  });

  test('a damaged link says so', async () => {
    at('/share#d=AAAAnotadeck', [['/share', SharePage]]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/damaged or cut short/);
  });

  test('the editor refuses a link that would be too long, saying the size', async () => {
    const big: Deck = {
      id: 'big',
      version: 1,
      title: 'Big',
      // Few cards (the editor renders each), but text that does not compress.
      cards: Array.from({ length: 20 }, (_, i) => ({
        id: `c${i}`,
        type: 'basic' as const,
        front: Array.from({ length: 90 }, (_, j) => Math.sin(i * 13 + j).toString(36).slice(2)).join(' '),
        back: Array.from({ length: 90 }, (_, j) => Math.cos(i * 17 + j).toString(36).slice(2)).join(' '),
      })),
    };
    await saveDeck(big, 'authored');
    at('/author/big', [['/author/:id', Editor]]);
    fireEvent.click(await screen.findByRole('button', { name: 'Make share link' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/makes a link of [\d,]+ characters; links longer than 8,000 characters/);
    expect(screen.queryByRole('textbox', { name: /Share link/ })).toBeNull();
  }, 30_000);
});

describe('draft from an article', () => {
  const ARTICLE = `Bees and Crops

Bees pollinate about a third of the crops that people eat. Farmers in California rent millions of hives every February because almond trees need bees to set fruit.
A pollinator is an animal that carries pollen between flowers. Pesticides called neonicotinoids weaken bees, so many hives collapse over winter.
In 2018, the European Union banned three neonicotinoids on open fields. Scientists say wild bees matter as much as honeybees for crops.`;

  test('propose, accept some, save: only accepted proposals are in the deck', async () => {
    at('/author/draft', [['/author/draft', DraftScreen], ['/author/:id', Editor]]);
    fireEvent.input(screen.getByRole('textbox', { name: 'Article text' }), { target: { value: ARTICLE } });
    fireEvent.click(screen.getByRole('button', { name: 'Draft a deck' }));
    await screen.findByRole('heading', { name: /Proposed key points/ });
    expect((screen.getByRole('textbox', { name: 'Deck title' }) as HTMLInputElement).value).toBe('Bees and Crops');
    const kpGroups = screen.getAllByRole('group', { name: /^Decide on key point/ });
    fireEvent.click(within(kpGroups[0]!).getByRole('button', { name: 'Accept' }));
    const cards = screen.getAllByRole('group', { name: /^Decide on card/ });
    expect(cards.length).toBeGreaterThan(3);
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Accept' }));
    fireEvent.click(within(cards[1]!).getByRole('button', { name: 'Accept' }));
    fireEvent.click(within(cards[2]!).getByRole('button', { name: 'Reject' }));
    expect(within(cards[0]!).getByRole('button', { name: 'Accept' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Save accepted (2 cards)' }));
    await screen.findByRole('heading', { name: /^Edit “Bees and Crops”/ });
    const stored = await getStoredDeck('bees-and-crops');
    expect(stored!.deck.cards).toHaveLength(2);
    expect(stored!.deck.keyPoints).toHaveLength(1);
    await waitFor(() => expect(screen.getByText(/saved version 1/)).toBeTruthy());
    // Saved: the screen's kept draft is gone.
    expect(await getDraft(DRAFT_SCREEN_KEY)).toBeUndefined();
  }, 30_000);

  test('focus goes to the proposals; the article and proposals survive leaving before saving', async () => {
    at('/author/draft', [['/author/draft', DraftScreen]]);
    // No jargon for the teacher.
    expect(screen.queryByText(/LexRank|TF-IDF/)).toBeNull();
    fireEvent.input(screen.getByRole('textbox', { name: 'Article text' }), { target: { value: ARTICLE } });
    fireEvent.click(screen.getByRole('button', { name: 'Draft a deck' }));
    const heading = await screen.findByRole('heading', { name: /Proposed key points/ });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const kpGroups = screen.getAllByRole('group', { name: /^Decide on key point/ });
    fireEvent.click(within(kpGroups[0]!).getByRole('button', { name: 'Accept' }));
    await waitFor(async () => expect(((await getDraft(DRAFT_SCREEN_KEY)) as { kps: { verdict: string }[] } | undefined)?.kps[0]?.verdict).toBe('accepted'));
    cleanup();

    at('/author/draft', [['/author/draft', DraftScreen]]);
    await screen.findByText(/Your unsaved draft is back/);
    expect((screen.getByRole('textbox', { name: 'Article text' }) as HTMLTextAreaElement).value).toBe(ARTICLE);
    const again = screen.getAllByRole('group', { name: /^Decide on key point/ });
    expect(within(again[0]!).getByRole('button', { name: 'Accept' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect((screen.getByRole('textbox', { name: 'Article text' }) as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByRole('heading', { name: /Proposed key points/ })).toBeNull();
    await waitFor(async () => expect(await getDraft(DRAFT_SCREEN_KEY)).toBeUndefined());
  }, 30_000);
});
