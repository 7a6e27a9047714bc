import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { loadAnswerMatch } from '../../../src/study/answer-check';
import { ReviewView } from '../../../src/study/Review';
import { createSession } from '../../../src/study/session';
import { forgetShownCards, savedCard, saveShownCard, type ShownCard } from '../../../src/study/resume';
import { closeStore, getItem, recordReview, reviewCount } from '../../../src/store';
import { forgetBundledDecks } from '../../../src/deck/catalog';
import { mixedDeck, publishDecks, smallDeck } from './fixtures';

beforeAll(() => loadAnswerMatch());
beforeEach(() => {
  publishDecks([mixedDeck, smallDeck]);
});
afterEach(async () => {
  await closeStore();
  vi.unstubAllGlobals();
});

const showAnswer = () => screen.getByRole('button', { name: /^Show answer/ });
const grade = (name: 'Again' | 'Good') => screen.getByRole('button', { name: new RegExp(`^${name}`) });
/** The saved card of a scope, once the session has written it (after the screen updated). */
const savedFor = (scope: string) => waitFor(() => expect(savedCard(scope, Date.now() + 1)).not.toBeNull()).then(() => savedCard(scope, Date.now() + 1)!);

/** Holds every deck download until the returned function is called: the store cannot answer before. */
function holdDecks(): () => void {
  forgetBundledDecks();
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const serve = globalThis.fetch;
  vi.stubGlobal('fetch', async (...args: Parameters<typeof fetch>) => {
    await gate;
    return serve(...args);
  });
  return open;
}

/** Studies `scope` to its first card, then leaves (as closing the app would). */
async function firstVisit(scope: string) {
  const session = createSession({ deck: scope });
  const view = render(<ReviewView session={session} deckId={scope} />);
  await session.start();
  await screen.findByRole('button', { name: /^Show answer/ });
  const saved = await savedFor(scope);
  session.dispose();
  view.unmount();
  return saved;
}

describe('the card shown last is shown again at once on the next start', () => {
  test('before the store answers, locked until the store confirms it; then it simply stays', async () => {
    const saved = await firstVisit('chips');
    expect(saved.item.cardId).toBe('basic-one');
    expect(saved.deck).toEqual({ id: 'chips', title: 'Chip access', keyPoints: [mixedDeck.keyPoints![0]] });

    const open = holdDecks();
    const session = createSession({ deck: 'chips' });
    // From its creation, with nothing read from the store yet: the saved card, its deck's title.
    expect(session.phase.value).toBe('card');
    expect(session.current.value?.item.id).toBe(saved.item.id);
    expect(session.title.value).toBe('Chip access');
    expect(session.busy.value).toBe(true);
    render(<ReviewView session={session} deckId="chips" />);
    expect(screen.getByText('What is chip access?')).toBeTruthy();
    const started = session.start();
    expect(await screen.findByText('What is chip access?')).toBeTruthy();
    const shownAt = session.current.value!.shownAt;
    // The learner may look at the answer; nothing can be graded until the store has confirmed the card.
    fireEvent.click(showAnswer());
    expect((grade('Good') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(document.body, { key: '3' });
    open();
    await started;
    expect(await reviewCount()).toBe(0);
    // Confirmed: the same showing goes on (answer still shown, timing from when it appeared).
    expect(session.revealed.value).toBe(true);
    expect(session.current.value!.shownAt).toBe(shownAt);
    expect(session.intervals.value).not.toBeNull();
    await waitFor(() => expect((grade('Good') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(grade('Good'));
    await waitFor(async () => expect(await reviewCount()).toBe(1));
    session.dispose();
  });

  test('a saved card answered since (here in another scope) is replaced by the store\'s pick', async () => {
    const saved = await firstVisit('chips');
    // Answered elsewhere after it was saved: another tab, say, which this tab's storage did not hear of.
    await recordReview({ itemId: saved.item.id, grade: 3, mode: 'study', at: Date.now(), durationMs: 1000 });
    const open = holdDecks();
    const session = createSession({ deck: 'chips' });
    render(<ReviewView session={session} deckId="chips" />);
    const started = session.start();
    expect(session.current.value?.item.id).toBe(saved.item.id);
    fireEvent.click(await screen.findByRole('button', { name: /^Show answer/ }));
    expect(session.revealed.value).toBe(true);
    open();
    await started;
    expect(session.current.value?.item.id).not.toBe(saved.item.id);
    expect(session.revealed.value).toBe(false);
    expect(await screen.findByText('[a company]')).toBeTruthy();
    expect(screen.queryByText('What is chip access?')).toBeNull();
    // And what is saved now is the card on screen.
    await waitFor(() => expect(savedCard('chips', Date.now() + 1)?.item.id).toBe(session.current.value!.item.id));
    session.dispose();
  });

  test('a card changed by its author since is shown as it is now', async () => {
    const saved = await firstVisit('chips');
    const edited = { ...mixedDeck, cards: mixedDeck.cards.map((c) => (c.id === 'basic-one' ? { ...c, front: 'What is access to chips?' } : c)) };
    publishDecks([edited, smallDeck]);
    const session = createSession({ deck: 'chips' });
    render(<ReviewView session={session} deckId="chips" />);
    await session.start();
    expect(session.current.value?.item.id).toBe(saved.item.id);
    expect(await screen.findByText('What is access to chips?')).toBeTruthy();
    expect(screen.queryByText('What is chip access?')).toBeNull();
  });

  test('grading a card makes other scopes forget it; finishing a scope forgets its card', async () => {
    const inAll = await firstVisit('all');
    const session = createSession({ deck: inAll.deck.id });
    render(<ReviewView session={session} deckId={inAll.deck.id} />);
    await session.start();
    expect(session.current.value?.item.id).toBe(inAll.item.id);
    fireEvent.click(showAnswer());
    fireEvent.click(grade('Good'));
    await waitFor(() => expect(savedCard(inAll.deck.id, Date.now() + 1)?.item.id).not.toBe(inAll.item.id));
    expect(savedCard('all', Date.now() + 1)).toBeNull();
    // Study the deck to its end: nothing is left to show, so nothing is saved for it.
    while (session.phase.value === 'card') {
      const before = session.reviewed.value;
      fireEvent.keyDown(document.body, { key: ' ' });
      fireEvent.keyDown(document.body, { key: '4' });
      await waitFor(() => expect(session.reviewed.value).toBe(before + 1));
    }
    await screen.findByRole('heading', { name: 'Session complete' });
    await waitFor(() => expect(savedCard(inAll.deck.id, Date.now() + 1)).toBeNull());
    session.dispose();
  });

  test('focused sessions neither show nor save a card', async () => {
    await firstVisit('chips');
    const saved = savedCard('chips', Date.now() + 1)!;
    const session = createSession({ deck: 'chips', itemIds: ['chips/cloze-one#c1'] });
    render(<ReviewView session={session} deckId="chips" />);
    const started = session.start();
    expect(session.phase.value).toBe('loading');
    await started;
    expect(session.current.value?.item.id).toBe('chips/cloze-one#c1');
    await new Promise((r) => setTimeout(r, 10));
    expect(savedCard('chips', Date.now() + 1)?.item.id).toBe(saved.item.id);
  });
});

describe('saved cards', () => {
  const shown = async (): Promise<ShownCard> => {
    await firstVisit('chips');
    return savedCard('chips', Date.now() + 1)!;
  };

  test('are not used when not yet due, too old, from another build, or not a card that renders', async () => {
    const s = await shown();
    const now = Date.now() + 1;
    expect(savedCard('chips', s.item.due - 1)).toBeNull();
    expect(savedCard('chips', now + 13 * 3_600_000)).toBeNull();
    expect(savedCard('elsewhere', now)).toBeNull();
    for (const scope of ['constructor', '__proto__', 'toString']) expect(savedCard(scope, now)).toBeNull();

    const raw = () => JSON.parse(localStorage.getItem('briefdeck:shown-cards:1')!) as Record<string, Record<string, unknown>>;
    const put = (patch: Record<string, unknown>) => localStorage.setItem('briefdeck:shown-cards:1', JSON.stringify({ chips: { ...raw().chips, ...patch } }));
    const good = raw().chips!;
    put({ build: 'another-build' });
    expect(savedCard('chips', now)).toBeNull();
    put({ ...good, card: { id: 'x', type: 'basic', front: 'no back' } });
    expect(savedCard('chips', now)).toBeNull();
    put({ ...good, card: { id: 'x', type: 'video', src: 'a' } });
    expect(savedCard('chips', now)).toBeNull();
    put({ ...good, card: { id: 'x', type: 'constructor', text: 'a' } });
    expect(savedCard('chips', now)).toBeNull();
    put({ ...good, card: { id: 'x', type: 'mcq', question: 'q', choices: [1, 2], answer: 0 } });
    expect(savedCard('chips', now)).toBeNull();
    put({ ...good, deck: { id: 'chips', title: 'Chip access', keyPoints: { leverage: 'not a list' } } });
    expect(savedCard('chips', now)).toBeNull();
    put({ ...good, item: { ...(good.item as object), sub: 7 } });
    expect(savedCard('chips', now)).toBeNull();
    localStorage.setItem('briefdeck:shown-cards:1', '{not json');
    expect(savedCard('chips', now)).toBeNull();
    localStorage.setItem('briefdeck:shown-cards:1', JSON.stringify({ chips: good }));
    expect(savedCard('chips', now)?.item.id).toBe(s.item.id);
  });

  test('a broken entry never stops the study screen: the store\'s card is shown', async () => {
    localStorage.setItem('briefdeck:shown-cards:1', JSON.stringify({ chips: { item: { due: 0 }, card: null, build: null, savedAt: Date.now() } }));
    const session = createSession({ deck: 'chips' });
    render(<ReviewView session={session} deckId="chips" />);
    await session.start();
    expect(await screen.findByText('What is chip access?')).toBeTruthy();
  });

  test('keep at most eight scopes, the newest; forgetShownCards clears them all', async () => {
    const s = await shown();
    for (let i = 0; i < 10; i++) saveShownCard(`deck-${i}`, s, Date.now() + i);
    const kept = Object.keys(JSON.parse(localStorage.getItem('briefdeck:shown-cards:1')!) as object);
    expect(kept).toHaveLength(8);
    expect(kept).toContain('deck-9');
    expect(kept).not.toContain('chips');
    forgetShownCards();
    expect(localStorage.getItem('briefdeck:shown-cards:1')).toBeNull();
    expect((await getItem(s.item.id))?.id).toBe(s.item.id);
  });
});
