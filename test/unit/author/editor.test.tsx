import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Editor } from '../../../src/author/editor/Editor';
import { AuthorList } from '../../../src/author/AuthorList';
import { createDeck, draftKey } from '../../../src/author/data';
import { closeStore, getItems, getStoredDeck, recordReview, saveDeck, syncDeckItems } from '../../../src/store';
import { getDraft } from '../../../src/store/drafts';
import type { Deck } from '../../../src/deck/schema';
import { at, bundle } from './helpers';

configure({ asyncUtilTimeout: 5000 });
// Rendering many previews in happy-dom is slow when the whole suite runs on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

beforeEach(() => bundle());
afterEach(async () => {
  cleanup();
  await closeStore();
  vi.unstubAllGlobals();
});

const editor = (id: string) => at(`/author/${id}`, [['/author/:id', Editor], ['/author', AuthorList]]);
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const card = (n: number) => screen.getByRole('listitem', { name: new RegExp(`^Card ${n}:`) });

describe('deck editor', () => {
  test('a new deck: fields by label, inline validation linked to the field, live preview, save', async () => {
    const id = await createDeck();
    editor(id);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    type(title, 'Cell biology');
    const front = within(card(1)).getByRole('textbox', { name: 'Front' });
    type(front, 'What makes ATP?');
    const back = within(card(1)).getByRole('textbox', { name: 'Back' });
    // Back is empty: the message sits next to it and is announced with it.
    expect(back.getAttribute('aria-invalid')).toBe('true');
    const describedBy = back.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy.split(' ')[0]!)!.textContent).toMatch(/must not be empty/);
    // The problem list links each message to its field.
    fireEvent.click(screen.getByRole('link', { name: 'cards[0].back: must not be empty' }));
    expect(document.activeElement).toBe(back);
    type(back, 'Mitochondria');
    expect(back.getAttribute('aria-invalid')).toBeNull();
    const preview = within(card(1)).getByRole('region', { name: 'Preview of card 1' });
    expect(within(preview).getByRole('group', { name: 'Question side' }).textContent).toContain('What makes ATP?');
    expect(within(preview).getByRole('group', { name: 'Answer side' }).textContent).toContain('Mitochondria');
    fireEvent.click(screen.getByRole('button', { name: 'Save deck' }));
    await screen.findByText('Saved version 1.');
    const stored = await getStoredDeck(id);
    expect(stored).toMatchObject({ origin: 'authored', deck: { id, version: 1, title: 'Cell biology', cards: [{ type: 'basic', front: 'What makes ATP?', back: 'Mitochondria' }] } });
    expect(await getDraft(draftKey(id))).toBeUndefined();
    // The saved deck is not written back as a draft when the page is hidden.
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await getDraft(draftKey(id))).toBeUndefined();
    expect(screen.getByText('Draft saved on this device')).toBeTruthy();
  });

  test('every card type; mcq preview marks the right choice; cloze preview shows each deletion', async () => {
    const id = await createDeck();
    editor(id);
    await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.change(screen.getByRole('combobox', { name: 'New card type' }), { target: { value: 'mcq' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add card' }));
    const mcq = card(2);
    type(within(mcq).getByRole('textbox', { name: 'Question' }), 'Which organelle makes ATP?');
    type(within(mcq).getByRole('textbox', { name: 'Choice 1' }), 'Ribosome');
    type(within(mcq).getByRole('textbox', { name: 'Choice 2' }), 'Mitochondrion');
    fireEvent.click(within(mcq).getByRole('checkbox', { name: 'Choice 1 is right' }));
    fireEvent.click(within(mcq).getByRole('checkbox', { name: 'Choice 2 is right' }));
    const answerSide = within(mcq).getByRole('group', { name: 'Answer side' });
    const marked = within(answerSide).getAllByRole('button').filter((b) => b.textContent!.includes('right answer'));
    expect(marked.map((b) => b.textContent)).toEqual(['Mitochondrion ✓ right answer']);

    fireEvent.change(screen.getByRole('combobox', { name: 'New card type' }), { target: { value: 'cloze' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add card' }));
    const cloze = within(card(3));
    type(cloze.getByRole('textbox', { name: 'Cloze text' }), 'ATP is made in the {{c1::mitochondria}} from {{c2::glucose}}.');
    expect(cloze.getByRole('group', { name: 'Question side (Deletion 1)' }).textContent).toContain('[…]');
    expect(cloze.getByRole('group', { name: 'Answer side (Deletion 1)' }).textContent).toContain('mitochondria');
    fireEvent.change(cloze.getByRole('combobox', { name: 'Review item' }), { target: { value: 'c2' } });
    expect(cloze.getByRole('group', { name: 'Question side (Deletion 2)' }).textContent).toContain('[…]');
    expect(cloze.getByRole('group', { name: 'Answer side (Deletion 2)' }).textContent).toContain('glucose');
    type(cloze.getByRole('textbox', { name: 'Cloze text' }), 'Broken {{c1::gap');
    expect(cloze.getByRole('textbox', { name: 'Cloze text' }).getAttribute('aria-invalid')).toBe('true');
    expect(cloze.getByText(/never closed/)).toBeTruthy();

    for (const t of ['truefalse', 'typed'] as const) {
      fireEvent.change(screen.getByRole('combobox', { name: 'New card type' }), { target: { value: t } });
      fireEvent.click(screen.getByRole('button', { name: 'Add card' }));
    }
    expect(within(card(4)).getByRole('textbox', { name: 'Statement' })).toBeTruthy();
    expect(within(card(5)).getByRole('textbox', { name: 'Answer' })).toBeTruthy();
  });

  test('move up / move down reorder cards by keyboard-reachable buttons and keep focus on the moved card', async () => {
    const deck: Deck = {
      id: 'order',
      version: 4,
      title: 'Order',
      cards: [
        { id: 'one', type: 'basic', front: 'First', back: '1' },
        { id: 'two', type: 'basic', front: 'Second', back: '2' },
      ],
    };
    await saveDeck(deck, 'authored');
    editor('order');
    await screen.findByRole('textbox', { name: 'Title' });
    expect(screen.getByRole('button', { name: 'Move up card 1' }).hasAttribute('disabled')).toBe(true);
    const down = screen.getByRole('button', { name: 'Move down card 1' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() => expect(within(card(1)).getByRole('textbox', { name: 'Front' })).toHaveProperty('value', 'Second'));
    // The moved card is now last, so its "down" is disabled and focus goes to its "up".
    await waitFor(() => expect(document.activeElement?.id).toBe('card-one-up'));
    fireEvent.click(screen.getByRole('button', { name: 'Save deck' }));
    await screen.findByText('Saved version 5.');
    const stored = await getStoredDeck('order');
    expect(stored!.deck.cards.map((c) => c.id)).toEqual(['two', 'one']);
  });

  test('editing text keeps card ids, so progress is kept; deleting a card orphans, not erases, its item', async () => {
    const deck: Deck = { id: 'keep', version: 1, title: 'Keep', cards: [{ id: 'c', type: 'basic', front: 'Q', back: 'A' }, { id: 'd', type: 'basic', front: 'Q2', back: 'A2' }] };
    await saveDeck(deck, 'authored');
    await syncDeckItems(deck, Date.now());
    await recordReview({ itemId: 'keep/c', grade: 3, mode: 'study', at: Date.now(), durationMs: 2000 });
    editor('keep');
    await screen.findByRole('textbox', { name: 'Title' });
    type(within(card(1)).getByRole('textbox', { name: 'Front' }), 'A new question');
    fireEvent.click(screen.getByRole('button', { name: 'Delete card 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save deck' }));
    await screen.findByText('Saved version 2.');
    const items = await getItems('keep');
    const c = items.find((i) => i.id === 'keep/c')!;
    expect(c.fsrs.reps).toBe(1);
    expect(items.find((i) => i.id === 'keep/d')?.orphaned).toBe(true);
    expect((await getStoredDeck('keep'))!.deck.cards).toEqual([{ id: 'c', type: 'basic', front: 'A new question', back: 'A' }]);
  });

  test('autosave: what was typed comes back after the editor is closed and reopened', async () => {
    const id = await createDeck();
    const view = editor(id);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    type(title, 'Typed before a reload');
    await screen.findByText('Draft saved on this device', {}, { timeout: 3000 });
    await waitFor(async () => expect(((await getDraft(draftKey(id))) as { deck: Deck }).deck.title).toBe('Typed before a reload'));
    view.unmount();
    editor(id);
    expect(await screen.findByDisplayValue('Typed before a reload')).toBeTruthy();
    expect(screen.getByText('Restored your unsaved changes.')).toBeTruthy();
  });

  test('pagehide flushes the draft at once, without waiting for the pause', async () => {
    const id = await createDeck();
    editor(id);
    const title = await screen.findByRole('textbox', { name: 'Title' });
    type(title, 'Flushed on hide');
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () => expect(((await getDraft(draftKey(id))) as { deck: Deck }).deck.title).toBe('Flushed on hide'), { timeout: 300 });
  });

  test('metadata and key points: source citation validated, key points added and linked from cards', async () => {
    const id = await createDeck();
    editor(id);
    await screen.findByRole('textbox', { name: 'Title' });
    type(screen.getByRole('textbox', { name: 'Date' }), '2025-13-40');
    type(screen.getByRole('textbox', { name: 'Source title' }), 'An article');
    expect(screen.getByRole('textbox', { name: 'Date' }).getAttribute('aria-invalid')).toBe('true');
    type(screen.getByRole('textbox', { name: 'Date' }), '2025-05-01');
    expect(screen.getByRole('textbox', { name: 'Date' }).getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add key point' }));
    type(screen.getByRole('textbox', { name: 'Key point 1' }), 'Cells run on ATP.');
    const select = within(card(1)).getByRole('combobox', { name: 'Key point' }) as HTMLSelectElement;
    const option = within(select).getByRole('option', { name: /Cells run on ATP/ }) as HTMLOptionElement;
    fireEvent.change(select, { target: { value: option.value } });
    expect(within(card(1)).getByRole('group', { name: 'Answer side' }).textContent).toContain('Key point: Cells run on ATP.');
  });

  test('duplicate and delete from the editor', async () => {
    await saveDeck({ id: 'orig', version: 2, title: 'Original', cards: [{ id: 'x', type: 'truefalse', statement: 'Water is wet.', answer: true }] }, 'authored');
    editor('orig');
    await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate' }));
    await screen.findByDisplayValue('Original (copy)');
    expect(await getStoredDeck('orig-copy')).toMatchObject({ deck: { version: 1, cards: [{ id: 'x' }] } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete deck' }));
    expect((screen.getByRole('button', { name: 'Yes, delete' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByRole('textbox', { name: 'Type delete to confirm' }), { target: { value: 'delete' } });
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await screen.findByRole('heading', { name: 'Author decks' });
    expect(await getStoredDeck('orig-copy')).toBeUndefined();
    expect(await getStoredDeck('orig')).toBeTruthy();
  });
});

describe('author list', () => {
  test('lists own decks, unsaved new ones and bundled ones; New deck opens the editor', async () => {
    bundle([{ id: 'bundled-one', version: 1, title: 'Shipped deck', cards: [{ id: 'a', type: 'basic', front: 'F', back: 'B' }] }]);
    await saveDeck({ id: 'mine', version: 1, title: 'My deck', cards: [{ id: 'a', type: 'basic', front: 'F', back: 'B' }] }, 'authored');
    at('/author', [['/author', AuthorList], ['/author/:id', Editor]]);
    const list = await screen.findByRole('list', { name: 'Your decks' });
    const names = within(list).getAllByRole('heading').map((h) => h.textContent);
    expect(names).toEqual(['My deck', 'Shipped deck']);
    expect(within(list).getByText(/comes with Briefdeck/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New deck' }));
    await screen.findByRole('heading', { name: 'Edit “Untitled deck”' });
  });
});
