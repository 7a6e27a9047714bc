import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { loadAnswerMatch } from '../../../src/study/answer-check';
import { fireEvent, render, screen, waitFor, within, configure } from '@testing-library/preact';
import { ReviewView } from '../../../src/study/Review';
import { createSession, type SessionScope } from '../../../src/study/session';
import { closeStore, getItem, recordReview, reviewCount, syncDeckItems, updateSettings } from '../../../src/store';
import type { Deck } from '../../../src/deck/schema';
import { mixedDeck, publishDecks, smallDeck } from './fixtures';

// The machine running the suite may be busy: give IndexedDB and lazy chunks time.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => loadAnswerMatch());
beforeEach(() => {
  publishDecks([mixedDeck]);
});
afterEach(async () => {
  await closeStore();
  vi.unstubAllGlobals();
});

async function study(scope: Partial<SessionScope> = {}, clock?: () => number) {
  const session = createSession({ deck: 'chips', ...scope }, clock ? { clock } : {});
  render(<ReviewView session={session} deckId="chips" />);
  await session.start();
  return session;
}

const showAnswer = () => screen.getByRole('button', { name: /^Show answer/ });
const grade = (name: 'Again' | 'Hard' | 'Good' | 'Easy') => screen.getByRole('button', { name: new RegExp(`^${name}`) });
const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(document.body, { key: k, ...init });

describe('review screen', () => {
  test('a basic card: front, then answer, explanation, key point and grade intervals', async () => {
    await study();
    await screen.findByText('What is chip access?');
    expect(screen.queryByText('Leverage')).toBeNull();
    expect(document.activeElement).toBe(showAnswer());
    fireEvent.click(showAnswer());
    expect(screen.getByText('Leverage')).toBeTruthy();
    expect(screen.getByText('Both sides use it.')).toBeTruthy();
    expect(screen.getByText(/Key point:/)).toBeTruthy();
    for (const g of ['Again', 'Hard', 'Good', 'Easy'] as const) expect(grade(g).textContent).toMatch(/ · \d+(m|h|d|mo|y)/);
    expect(document.activeElement).toBe(grade('Good'));
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('Answer: Leverage');
  });

  test('keyboard: Space reveals, 3 grades Good and the next card follows; the log has the review', async () => {
    await study();
    await screen.findByText('What is chip access?');
    key(' ');
    expect(screen.getByText('Leverage')).toBeTruthy();
    key('3');
    // The reversed side is buried with its sibling; the cloze card comes next, its c1 hidden behind the hint.
    await screen.findByText('[a company]');
    expect(screen.getByText('Ascend')).toBeTruthy();
    expect(await reviewCount()).toBe(1);
    key('Enter');
    expect(screen.getByText('Huawei')).toBeTruthy();
    key('1');
    await waitFor(async () => expect(await reviewCount()).toBe(2));
    const progress = screen.getByRole('progressbar', { name: 'Session progress' });
    await waitFor(() => expect(progress.getAttribute('aria-valuenow')).toBe('2'));
  });

  test('digits do nothing before the reveal', async () => {
    await study();
    await screen.findByText('What is chip access?');
    key('3');
    await new Promise((r) => setTimeout(r, 20));
    expect(await reviewCount()).toBe(0);
    expect(showAnswer()).toBeTruthy();
  });

  test('undo takes back several grades in a row, by button, Z and Ctrl+Z', async () => {
    await study();
    await screen.findByText('What is chip access?');
    fireEvent.click(showAnswer());
    fireEvent.click(grade('Good'));
    await screen.findByText('[a company]');
    fireEvent.click(showAnswer());
    fireEvent.click(grade('Again'));
    await screen.findByText('Which firm designs the H20?');
    key(' ');
    key('4');
    await screen.findByText('Substitutes are on par.');
    expect(await reviewCount()).toBe(3);

    fireEvent.click(screen.getByRole('button', { name: /^Undo/ }));
    await screen.findByText('Which firm designs the H20?');
    expect(await reviewCount()).toBe(2);
    key('z');
    await screen.findByText('[a company]');
    key('z', { ctrlKey: true });
    await screen.findByText('What is chip access?');
    expect(await reviewCount()).toBe(0);
    expect((await getItem('chips/basic-one'))?.state).toBe(0);
    expect(showAnswer()).toBeTruthy();
    key('z');
    await screen.findByText('Nothing to undo.');
  });

  test('mcq: tapping a choice before the reveal answers it; the right one is marked, Again suggested', async () => {
    await study({ itemIds: ['chips/mcq-one'] });
    await screen.findByText('Which firm designs the H20?');
    fireEvent.click(screen.getByRole('button', { name: 'AMD' }));
    expect(screen.getByRole('button', { name: /Nvidia ✓ right answer/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /AMD ✗ your answer/ })).toBeTruthy();
    expect(grade('Again').getAttribute('class')).toContain('suggested');
    expect(grade('Again').textContent).toContain('(suggested)');
    expect(document.activeElement).toBe(grade('Good'));
    fireEvent.click(grade('Again'));
    // Answered Again, it comes back within the learn-ahead window, fresh and unanswered.
    await waitFor(() => expect(screen.getByRole('button', { name: 'AMD' }).getAttribute('aria-pressed')).toBeNull());
    expect(showAnswer()).toBeTruthy();
    expect(await reviewCount()).toBe(1);
  });

  test('true/false: tapping the right answer suggests Good', async () => {
    await study({ itemIds: ['chips/tf-one'] });
    await screen.findByText('Substitutes are on par.');
    fireEvent.click(screen.getByRole('button', { name: 'False' }));
    expect(screen.getByRole('button', { name: /False ✓ right answer/ })).toBeTruthy();
    expect(document.activeElement).toBe(grade('Good'));
  });

  test('typed: a small typo is close, the difference is shown and Hard suggested', async () => {
    await study({ itemIds: ['chips/typed-one'] });
    const input = await screen.findByRole('textbox', { name: 'Your answer' });
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: 'octobr 2022' } });
    fireEvent.submit(input.closest('form')!);
    expect(screen.getByText(/Almost/)).toBeTruthy();
    const diff = screen.getByLabelText(/Your answer compared with October 2022/);
    expect(diff.querySelector('ins')?.textContent).toBe('e');
    expect(grade('Hard').getAttribute('class')).toContain('suggested');
    expect(document.activeElement).toBe(grade('Good'));
    // Typing in the field never triggers shortcuts.
    expect((input as HTMLInputElement).readOnly).toBe(true);
  });

  test('typed: an accepted alternative is right; a wrong number is not', async () => {
    await study({ itemIds: ['chips/typed-one'] });
    const input = await screen.findByRole('textbox', { name: 'Your answer' });
    fireEvent.input(input, { target: { value: 'oct. 2022' } });
    fireEvent.click(showAnswer());
    expect(screen.getByText('✓ Right')).toBeTruthy();
    fireEvent.click(grade('Good'));
    await screen.findByText('Session complete');
  });

  test('typed: keys typed into the answer are not shortcuts', async () => {
    await study({ itemIds: ['chips/typed-one'] });
    const input = await screen.findByRole('textbox', { name: 'Your answer' });
    fireEvent.keyDown(input, { key: ' ' });
    fireEvent.keyDown(input, { key: 'z' });
    expect(showAnswer()).toBeTruthy();
  });

  test('a reversed basic card asks the back and answers the front', async () => {
    await study({ itemIds: ['chips/basic-one#reverse'] });
    await screen.findByText('Leverage');
    fireEvent.click(showAnswer());
    expect(screen.getAllByText('What is chip access?').length).toBeGreaterThan(0);
  });

  test('suspend from the card menu moves on and suspends the item', async () => {
    await study();
    await screen.findByText('What is chip access?');
    fireEvent.click(screen.getByText('Card options'));
    fireEvent.click(screen.getByRole('button', { name: 'Suspend card' }));
    // Only this side is suspended: the reversed side of the same card comes next.
    await screen.findByText('Leverage');
    expect(screen.queryByText('What is chip access?')).toBeNull();
    expect((await getItem('chips/basic-one'))?.suspended).toBe(true);
  });

  test('bury hides the card until tomorrow', async () => {
    await study();
    await screen.findByText('What is chip access?');
    fireEvent.click(screen.getByRole('button', { name: 'Bury until tomorrow' }));
    await screen.findByText('[a company]');
    expect((await getItem('chips/basic-one'))!.buriedUntil).toBeGreaterThan(Date.now());
  });

  test('summary after a session, then "nothing due" when studied again today', async () => {
    await study({ itemIds: ['chips/tf-one'] });
    await screen.findByText('Substitutes are on par.');
    key(' ');
    key('4');
    const summary = await screen.findByRole('heading', { name: 'Session complete' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Chip access');
    expect(document.activeElement).toBe(summary);
    const stats = summary.parentElement!;
    expect(within(stats).getByText('Cards reviewed').nextElementSibling?.textContent).toBe('1');
    expect(within(stats).getByText('Again').nextElementSibling?.textContent).toBe('0 %');
    document.body.innerHTML = '';
    await study({ itemIds: ['chips/tf-one'] });
    await screen.findByRole('heading', { name: 'Nothing due' });
    expect(screen.getByText(/^Nothing due — /)).toBeTruthy();
  });

  test('a card that becomes a leech is reported as suspended, with a way to keep it', async () => {
    const day = 86_400_000;
    const start = Date.now() - 60 * day;
    await updateSettings({ leechThreshold: 1 });
    await syncDeckItems(mixedDeck, start);
    await recordReview({ itemId: 'chips/tf-one', grade: 4, mode: 'study', at: start, durationMs: 1000 });
    await study({ itemIds: ['chips/tf-one'] });
    await screen.findByText('Substitutes are on par.');
    key(' ');
    key('1');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/forgotten 1 times, so it is suspended/);
    expect((await getItem('chips/tf-one'))?.suspended).toBe(true);
    fireEvent.click(within(alert).getByRole('button', { name: 'Keep studying this card' }));
    await waitFor(async () => expect((await getItem('chips/tf-one'))?.suspended).toBe(false));
    await screen.findByText('The card stays in your reviews.');
  });

  test('after a grade, focus lands on the next card\'s Show answer', async () => {
    await study();
    await screen.findByText('What is chip access?');
    fireEvent.click(showAnswer());
    fireEvent.click(grade('Easy'));
    await screen.findByText('[a company]');
    expect(document.activeElement).toBe(showAnswer());
  });

  test('a grade shows the controls disabled only while its write takes a while; keys pressed meanwhile do nothing', async () => {
    const session = await study();
    await screen.findByText('What is chip access?');
    const seen: boolean[] = [];
    const stop = session.busy.subscribe((v) => seen.push(v));
    // Only the session's timers are held; IndexedDB (here) runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      key(' ');
      await session.grade(3);
      expect(session.current.value?.card.id).not.toBe('basic-one');
      // A write quicker than the delay: the controls never flashed disabled.
      expect(seen).toEqual([false]);

      key(' ');
      const graded = session.grade(1);
      vi.advanceTimersByTime(100);
      expect(session.busy.value).toBe(true);
      await Promise.resolve();
      await Promise.resolve();
      expect((grade('Good') as HTMLButtonElement).disabled).toBe(true);
      key('3');
      await graded;
      expect(session.busy.value).toBe(false);
      expect(seen).toEqual([false, true, false]);
      expect(await reviewCount()).toBe(2);
    } finally {
      vi.useRealTimers();
      stop();
    }
  });

  test('"all" studies every deck of the library in one session', async () => {
    publishDecks([mixedDeck, smallDeck]);
    const session = createSession({ deck: 'all' });
    render(<ReviewView session={session} deckId="all" />);
    await session.start();
    expect(await screen.findByRole('heading', { level: 1, name: 'Study all due' })).toBeTruthy();
    const seen = new Set<string>();
    for (let i = 0; i < 7 && session.phase.value === 'card'; i++) {
      seen.add(session.current.value!.deck.id);
      key(' ');
      key('4');
      await waitFor(() => expect(session.reviewed.value).toBe(i + 1));
    }
    expect([...seen].sort()).toEqual(['chips', 'small']);
  });

  test('"all" loads only the decks it must: ones whose cards changed, and the one whose card is shown', async () => {
    const fetchMock = publishDecks([mixedDeck, smallDeck]);
    // Both decks' items are already in line with their cards; nothing of `small` is due yet.
    await syncDeckItems(mixedDeck, Date.now());
    await syncDeckItems({ ...smallDeck, cards: [] }, Date.now());
    const deckFiles = () => fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => /decks\/(chips|small)\.json$/.test(u));
    const session = createSession({ deck: 'all' });
    render(<ReviewView session={session} deckId="all" />);
    await session.start();
    await screen.findByRole('button', { name: /^Show answer/ });
    // `small` gained cards since its last sync, so it was loaded and synced; `chips` is shown.
    expect(deckFiles().map((u) => u.replace(/.*\//, '')).sort()).toEqual(['chips.json', 'small.json']);
    session.dispose();

    fetchMock.mockClear();
    const { forgetBundledDecks } = await import('../../../src/deck/catalog');
    forgetBundledDecks();
    const again = createSession({ deck: 'all' });
    render(<ReviewView session={again} deckId="all" />);
    await again.start();
    await waitFor(() => expect(again.phase.value).toBe('card'));
    // Now both are in line: only the shown card's deck is read.
    expect(deckFiles().map((u) => u.replace(/.*\//, ''))).toEqual([`${again.current.value!.deck.id}.json`]);
    again.dispose();
  });

  test('the next card\'s deck is read while the learner answers, not after the grade', async () => {
    const solo: Deck = { id: 'solo', version: 1, title: 'Solo deck', cards: [{ id: 'x', type: 'basic', front: 'Front X', back: 'Back X' }] };
    const fetchMock = publishDecks([solo, smallDeck]);
    await syncDeckItems(solo, Date.now());
    await syncDeckItems(smallDeck, Date.now());
    const deckFiles = () => fetchMock.mock.calls.map(([u]) => String(u).replace(/.*\//, '')).filter((u) => /^(solo|small)\.json$/.test(u)).sort();
    const session = createSession({ deck: 'all' });
    render(<ReviewView session={session} deckId="all" />);
    await session.start();
    await screen.findByText('Front X');
    // Nothing needed syncing: only the shown card's deck was read to show it. The card after it is
    // the other deck's, and that deck is read before any grade.
    await waitFor(() => expect(deckFiles()).toEqual(['small.json', 'solo.json']));
    key(' ');
    key('3');
    await screen.findByText('Front A');
    expect(deckFiles()).toEqual(['small.json', 'solo.json']);
    session.dispose();
  });

  test('a key-point session only shows that point\'s cards', async () => {
    const { keyPointItems } = await import('../../../src/study/key-points');
    const session = createSession({ deck: 'chips', keyPoints: ['substitutes'] }, { keyPointItems });
    render(<ReviewView session={session} deckId="chips" />);
    await session.start();
    const cards: string[] = [];
    while (session.phase.value === 'card') {
      cards.push(session.current.value!.card.id);
      key(' ');
      key('4');
      await waitFor(() => expect(session.reviewed.value).toBe(cards.length));
    }
    expect(new Set(cards)).toEqual(new Set(['cloze-one', 'tf-one', 'typed-one']));
    await screen.findByRole('heading', { name: 'Session complete' });
  });

  test('an unknown deck is reported', async () => {
    const session = createSession({ deck: 'missing' });
    render(<ReviewView session={session} deckId="missing" />);
    await session.start();
    expect((await screen.findByRole('alert')).textContent).toMatch(/no deck "missing"/);
  });
});
