import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { render, screen, within, configure } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { DeckPage } from '../../../src/study/DeckPage';
import { Home } from '../../../src/ui/Home';
import { closeStore } from '../../../src/store';
import { saveQuiz } from '../../../src/store/quizzes';
import { mixedDeck, publishDecks } from './fixtures';

configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  publishDecks([mixedDeck]);
});
afterEach(async () => {
  await closeStore();
  vi.unstubAllGlobals();
});

function at(path: string, route: preact.VNode) {
  window.history.replaceState(null, '', path);
  return render(
    <LocationProvider>
      <Router>{[route]}</Router>
    </LocationProvider>,
  );
}

test('the deck page lists the deck’s past quizzes, newest first', async () => {
  await saveQuiz({ deckId: 'chips', at: Date.UTC(2026, 0, 5), durationMs: 60_000, score: 3, total: 5, missed: [], byKeyPoint: {} });
  await saveQuiz({ deckId: 'chips', at: Date.UTC(2026, 0, 9), durationMs: 90_000, score: 9, total: 10, missed: [], byKeyPoint: {} });
  await saveQuiz({ deckId: 'other', at: Date.UTC(2026, 0, 7), durationMs: 90_000, score: 1, total: 10, missed: [], byKeyPoint: {} });
  at('/deck/chips', <Route path="/deck/:id" component={DeckPage} />);
  const section = (await screen.findByRole('heading', { level: 2, name: 'Past quizzes' })).closest('section')!;
  const rows = await within(section).findAllByRole('row');
  expect(rows.slice(1).map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['9/10 (90%)', '3/5 (60%)']);
});

test('home offers a quick quiz over every deck', async () => {
  at('/', <Route path="/" component={Home} />);
  expect((await screen.findByRole('link', { name: 'Quick quiz' })).getAttribute('href')).toBe('/quiz/all');
});
