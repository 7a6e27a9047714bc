import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within, configure } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import type { VNode } from 'preact';
import { Home } from '../../../src/ui/Home';
import { DeckPage } from '../../../src/study/DeckPage';
import { offlineReadySlot } from '../../../src/ui/home-status';
import { closeStore, getItem, recordReview, saveDeck, syncDeckItems, updateSettings } from '../../../src/store';
import { itemHistory } from '../../../src/store/log';
import { mixedDeck, publishDecks, smallDeck } from './fixtures';

// The machine running the suite may be busy: give IndexedDB and lazy chunks time.
configure({ asyncUtilTimeout: 5000 });

function at(path: string, routes: VNode) {
  window.history.replaceState(null, '', path);
  return render(
    <LocationProvider>
      <Router>{[routes]}</Router>
    </LocationProvider>,
  );
}

beforeEach(() => {
  publishDecks([mixedDeck, smallDeck]);
});
afterEach(async () => {
  await closeStore();
  vi.unstubAllGlobals();
});

describe('home', () => {
  test('first run: welcome, every deck with counts, and Study all due', async () => {
    await saveDeck({ ...smallDeck, id: 'mine', title: 'My own deck' }, 'authored');
    at('/', <Route path="/" component={Home} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Your decks' })).toBeTruthy();
    await screen.findByText(/Welcome to Briefdeck/);
    const list = await screen.findByRole('list', { name: 'Decks' });
    expect(within(list).getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Chip access', 'Small deck', 'My own deck']);
    expect(screen.getByRole('link', { name: 'Chip access' }).getAttribute('href')).toBe('/deck/chips');
    expect(screen.getByText(/your deck/)).toBeTruthy();
    // Items do not exist until a deck is opened or studied: the decks say so and can be studied at once.
    expect(screen.getAllByText('Not started')).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Study all due' }).getAttribute('href')).toBe('/study/all');
    // A deck from a teacher (a file or a shared link) is added from home.
    expect(screen.getByRole('link', { name: 'Add a deck' }).getAttribute('href')).toBe('/import');
    const chips = screen.getByRole('link', { name: 'Chip access' }).closest('li')!;
    expect(within(chips).getByRole('link', { name: 'Study', description: 'Chip access' }).getAttribute('href')).toBe('/study/chips');
  });

  test('after studying: counts, last studied, no welcome', async () => {
    const now = Date.now();
    await syncDeckItems(mixedDeck, now - 1000);
    await recordReview({ itemId: 'chips/tf-one', grade: 3, mode: 'study', at: now - 500, durationMs: 900 });
    at('/', <Route path="/" component={Home} />);
    const tile = (await screen.findByRole('link', { name: 'Chip access' })).closest('li')!;
    await waitFor(() => expect(within(tile).getByText(/studied today/)).toBeTruthy());
    expect(screen.queryByText(/Welcome to Briefdeck/)).toBeNull();
    expect(within(tile).getByText(/\d+ new/).textContent).toMatch(/^[1-9]\d* new$/);
    const all = screen.getByRole('link', { name: /^Study all due/ });
    expect(all.getAttribute('href')).toBe('/study/all');
    expect(within(tile).getByRole('link', { name: 'Study' }).getAttribute('href')).toBe('/study/chips');
  });
});

describe('home after a session', () => {
  test('with nothing due, says when to come back and that the new-card limit holds cards back', async () => {
    publishDecks([smallDeck]);
    await updateSettings({ newPerDay: 1 });
    const now = Date.now();
    await syncDeckItems(smallDeck, now - 1000);
    await recordReview({ itemId: 'small/a', grade: 4, mode: 'study', at: now - 500, durationMs: 900 });
    at('/', <Route path="/" component={Home} />);
    await screen.findByText(/^Nothing due right now\./);
    expect(await screen.findByText(/^Next review: (tomorrow|today at .+), 1 card\.$/)).toBeTruthy();
    expect(screen.getByText(/^1 new card waits: you met today’s 1 \(the daily limit, in Settings\)\.$/)).toBeTruthy();
  });
});

describe('home offline note', () => {
  test('shows once the app shell reports the app ready offline', async () => {
    at('/', <Route path="/" component={Home} />);
    await screen.findByRole('list', { name: 'Decks' });
    expect(screen.queryByText('Ready to use offline.')).toBeNull();
    offlineReadySlot.value = true;
    await screen.findByText('Ready to use offline.');
    offlineReadySlot.value = false;
  });
});

describe('deck page', () => {
  test('title, citation, brief with mastery, Study / Quiz links and the card browser', async () => {
    at('/deck/chips', <Route path="/deck/:id" component={DeckPage} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Chip access' })).toBeTruthy();
    const source = screen.getByRole('link', { name: 'An article on chips' });
    expect(source.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText(/A\. Writer, Example Press, 2025-01/)).toBeTruthy();
    const brief = screen.getByRole('region', { name: 'Brief' });
    expect(within(brief).getAllByRole('listitem')).toHaveLength(2);
    expect(within(brief).getAllByText('New')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Quiz' }).getAttribute('href')).toBe('/quiz/chips');
    expect(screen.queryByRole('link', { name: /Study shaky key points/ })).toBeNull();
    // The deck page created the items, so the study link counts them: in cards, one per card however many parts it has.
    await waitFor(() => expect(screen.getByRole('link', { name: 'Study (5)' })).toBeTruthy());
    expect(screen.getByText('0 due · 5 new · 0 suspended')).toBeTruthy();
    const browser = await screen.findByRole('region', { name: 'Cards' });
    expect(within(browser).getByText('5 of 5 cards (7 of 7 parts)')).toBeTruthy();
  });

  test('a forgotten card makes its key point shaky and offers a focused session', async () => {
    const day = 86_400_000;
    const start = Date.now() - 40 * day;
    await syncDeckItems(mixedDeck, start);
    await recordReview({ itemId: 'chips/mcq-one', grade: 4, mode: 'study', at: start, durationMs: 1000 });
    await recordReview({ itemId: 'chips/mcq-one', grade: 1, mode: 'study', at: start + 30 * day, durationMs: 1000 });
    at('/deck/chips', <Route path="/deck/:id" component={DeckPage} />);
    const brief = await screen.findByRole('region', { name: 'Brief' });
    expect(within(brief).getByText('Shaky')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Study shaky key points (1)' }).getAttribute('href')).toBe('/study/chips?keyPoints=leverage');
  });

  test('card browser: search, filter by type and state, suspend and unsuspend, history', async () => {
    await syncDeckItems(mixedDeck, Date.now() - 1000);
    await recordReview({ itemId: 'chips/typed-one', grade: 3, mode: 'study', at: Date.now() - 500, durationMs: 1000 });
    at('/deck/chips', <Route path="/deck/:id" component={DeckPage} />);
    const browser = await screen.findByRole('region', { name: 'Cards' });
    fireEvent.input(within(browser).getByRole('searchbox', { name: 'Search cards' }), { target: { value: 'huawei' } });
    expect(within(browser).getByText('1 of 5 cards (2 of 7 parts)')).toBeTruthy();
    fireEvent.input(within(browser).getByRole('searchbox', { name: 'Search cards' }), { target: { value: '' } });
    fireEvent.change(within(browser).getByRole('combobox', { name: 'Type' }), { target: { value: 'typed' } });
    expect(within(browser).getByText('1 of 5 cards (1 of 7 parts)')).toBeTruthy();
    fireEvent.click(within(browser).getByText('History'));
    await within(browser).findByText(/Good \(study\)/);
    fireEvent.click(within(browser).getByRole('button', { name: /^Suspend Name the export rule year/ }));
    await waitFor(async () => expect((await getItem('chips/typed-one'))?.suspended).toBe(true));
    await within(browser).findByRole('button', { name: /^Unsuspend / });
    // The deck's counts, read from its items, follow.
    expect(await screen.findByText(/ new · 1 suspended$/)).toBeTruthy();
    fireEvent.change(within(browser).getByRole('combobox', { name: 'Type' }), { target: { value: '' } });
    fireEvent.change(within(browser).getByRole('combobox', { name: 'State' }), { target: { value: 'suspended' } });
    expect(within(browser).getByText('1 of 5 cards (1 of 7 parts)')).toBeTruthy();
    fireEvent.click(within(browser).getByRole('button', { name: /^Unsuspend / }));
    await waitFor(async () => expect((await getItem('chips/typed-one'))?.suspended).toBe(false));
    expect(await screen.findByText(/ new · 0 suspended$/)).toBeTruthy();
  });

  test('card browser: a studied card is reset to new only once confirmed, its history kept', async () => {
    await syncDeckItems(mixedDeck, Date.now() - 1000);
    await recordReview({ itemId: 'chips/typed-one', grade: 3, mode: 'study', at: Date.now() - 500, durationMs: 1000 });
    at('/deck/chips', <Route path="/deck/:id" component={DeckPage} />);
    const browser = await screen.findByRole('region', { name: 'Cards' });
    // Only a card that has been studied has anything to reset.
    const reset = await within(browser).findByRole('button', { name: /^Reset Name the export rule year/ });
    expect(within(browser).getAllByRole('button', { name: /^Reset / })).toHaveLength(1);
    fireEvent.click(reset);
    const ask = within(browser).getByRole('group', { name: /^Confirm reset of Name the export rule year/ });
    await waitFor(() => expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Reset to new' })));
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(within(browser).queryByRole('group', { name: /^Confirm reset/ })).toBeNull();
    expect((await getItem('chips/typed-one'))!.fsrs.reps).toBe(1);

    fireEvent.click(within(browser).getByRole('button', { name: /^Reset Name the export rule year/ }));
    fireEvent.click(within(browser).getByRole('button', { name: 'Reset to new' }));
    await waitFor(async () => expect((await getItem('chips/typed-one'))!).toMatchObject({ state: 0, fsrs: { reps: 0 } }));
    await waitFor(() => expect(within(browser).queryByRole('button', { name: /^Reset / })).toBeNull());
    expect(await itemHistory('chips/typed-one')).toHaveLength(1);
  });

  test('an unknown deck says so', async () => {
    at('/deck/nope', <Route path="/deck/:id" component={DeckPage} />);
    expect(await screen.findByRole('heading', { name: 'Deck not found' })).toBeTruthy();
  });
});
