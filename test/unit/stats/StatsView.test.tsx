import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { computeStats } from './oracle';
import { StatsView } from '../../../src/stats/StatsView';
import { StatsPage } from '../../../src/stats/StatsPage';
import { forgetKeptStats } from '../../../src/stats/load';
import { level } from '../../../src/stats/charts/Heatmap';
import { closeStore, getItems, recordReview, saveDeck, syncDeckItems } from '../../../src/store';
import { saveQuiz } from '../../../src/store/quizzes';
import { forgetBundledIndex } from '../../../src/library/library';
import type { Deck } from '../../../src/deck/schema';
import { DEFAULT_SETTINGS } from '../../../src/srs/types';
import { at, item, matureReview, review } from './fixtures';

const now = at(2026, 3, 10, 12);
const decks = [
  {
    id: 'x',
    title: 'Deck X',
    keyPoints: [
      { id: 'k1', text: 'First point' },
      { id: 'k2', text: 'Second point' },
    ],
    cards: [{ id: 'a', keyPoint: 'k1' }, { id: 'b', keyPoint: 'k2' }],
  },
];

async function sampleStats() {
  return computeStats({
    reviews: [
      matureReview('x/a', at(2026, 3, 9, 9), 1),
      matureReview('x/a', at(2026, 3, 10, 9), 3),
      review('x/b', at(2026, 3, 10, 10), { grade: 1, durationMs: 60_000 }),
    ],
    items: [
      item('x/a', { state: 2, due: at(2026, 3, 12), fsrs: { state: 2, stability: 40, difficulty: 5, last_review: at(2026, 3, 10, 9), scheduled_days: 30 } }),
      item('x/b', { state: 1, due: at(2026, 3, 10, 12, 10) }),
    ],
    decks,
    quizzes: [
      { deckId: 'x', at: at(2026, 3, 1), durationMs: 1, score: 3, total: 4, missed: [], byKeyPoint: {} },
      { deckId: 'x', at: at(2026, 3, 8), durationMs: 1, score: 4, total: 4, missed: [], byKeyPoint: {} },
    ],
    settings: DEFAULT_SETTINGS,
    now,
  });
}

describe('the stats view', () => {
  test('numbers first under headings, then tables and charts named for screen readers', async () => {
    render(<StatsView stats={await sampleStats()} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Stats' })).toBeTruthy();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Today', 'True retention', 'Reviews in the past year', 'Due in the next 30 days', 'Cards by state', 'Key points', 'Quiz scores']);

    const today = screen.getByRole('region', { name: 'Today' });
    const value = (label: string) => within(today).getByText(label).nextElementSibling?.textContent;
    expect(value('Reviewed')).toBe('2');
    expect(value('New cards learned')).toBe('1');
    expect(value('Time spent')).toBe('1 min');
    expect(value('Again rate')).toBe('50%');
    expect(value('Current streak')).toBe('2 days');

    const retention = screen.getByRole('table', { name: 'True retention' });
    expect(retention.getAttribute('aria-describedby')).toBe('retention-about');
    expect(document.getElementById('retention-about')!.textContent).toMatch(/mature cards .* quizzes are left out\. Your target is 90%\./);
    const row = within(retention).getByRole('row', { name: /Deck X/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['50%, 1 of 2', '50%, 1 of 2', '50%, 1 of 2', '50%, 1 of 2']);

    const heatmap = screen.getByRole('img', { name: /Reviews in the past year 3 reviews on 2 days of the past 365/ });
    expect(heatmap.querySelectorAll('rect')).toHaveLength(365);
    expect(screen.getByRole('img', { name: /Due in the next 30 days 2 reviews due .* 1 today \(overdue included\), 2 within 7 days/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /Quiz scores 2 quizzes: average 88%, best 100%, latest 100%, 25 points above/ })).toBeTruthy();

    // The log's numbers may show first; the card states follow once the items are read.
    const states = await screen.findByRole('region', { name: 'Cards by state table' });
    expect(within(states).getByRole('link', { name: 'Deck X' }).getAttribute('href')).toBe('/stats/x');
    expect(within(within(states).getByRole('row', { name: /Deck X/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '1', '1', '0', '0', '2']);

    expect(screen.getByText(/1 solid · 1 shaky · 0 new/)).toBeTruthy();
    // x/b is still learning, so its key point k2 is the one to study.
    expect(screen.getByRole('link', { name: 'Study the shaky key points of Deck X' }).getAttribute('href')).toBe('/study/x?keyPoints=k2');
  });

  test('each chart keeps its numbers in a table behind a disclosure', async () => {
    render(<StatsView stats={await sampleStats()} />);
    fireEvent.click(screen.getByText('Due per day'));
    const table = screen.getAllByRole('table').find((t) => within(t).queryByRole('columnheader', { name: 'Due' }))!;
    expect(within(table).getAllByRole('row')).toHaveLength(31);
    expect(within(table).getByRole('row', { name: /^Today .* 1$/ })).toBeTruthy();
    const quizTable = screen.getAllByRole('table').find((t) => within(t).queryByRole('columnheader', { name: 'Score' }))!;
    expect(within(quizTable).getAllByRole('cell').map((c) => c.textContent)).toContain('3 of 4 (75%)');
  });

  test('an empty collection says so and shows zeros instead of failing', async () => {
    const stats = await computeStats({ reviews: [], items: [], decks: [], quizzes: [], settings: DEFAULT_SETTINGS, now });
    render(<StatsView stats={stats} />);
    expect(screen.getByText(/No reviews yet/)).toBeTruthy();
    expect(screen.getByText('No quizzes taken yet.')).toBeTruthy();
    expect(screen.getByRole('img', { name: /No reviews in the past 365 days/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /Nothing is due in the next 30 days/ })).toBeTruthy();
  });

  test('while the items are read, the sections that need them say so; the log-based ones show', async () => {
    render(<StatsView stats={await sampleStats()} partial />);
    expect(screen.getAllByText('Reading your cards…')).toHaveLength(3);
    expect(screen.queryByRole('table', { name: /cards by state/i })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Today' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reviews in the past year' })).toBeTruthy();
  });

  test('heatmap levels rise with the count and 0 stays empty', () => {
    expect([0, 1, 5, 6, 10, 20].map((c) => level(c, 20))).toEqual([0, 1, 1, 2, 2, 4]);
    expect(level(3, 0)).toBe(0);
  });
});

describe('the stats page, fed by the store', () => {
  const deck: Deck = {
    id: 'chips',
    version: 1,
    title: 'Chip access',
    keyPoints: [{ id: 'leverage', text: 'Chip access is **leverage**.' }],
    cards: [
      { id: 'one', type: 'basic', keyPoint: 'leverage', front: 'Q1', back: 'A1' },
      { id: 'two', type: 'truefalse', statement: 'S', answer: true },
    ],
  };
  const t0 = at(2026, 3, 10, 9);

  beforeEach(async () => {
    await closeStore();
    forgetBundledIndex();
    forgetKeptStats();
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ format: 1, decks: [] })));
    await saveDeck(deck, 'authored', t0);
    await syncDeckItems(deck, t0);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    history.replaceState(null, '', '/');
  });

  function mount(url: string) {
    history.replaceState(null, '', url);
    return render(
      <LocationProvider>
        <Router>
          <Route path="/stats" component={() => <StatsPage clock={() => t0 + 3_600_000} />} />
          <Route path="/stats/:deckId" component={() => <StatsPage clock={() => t0 + 3_600_000} />} />
        </Router>
      </LocationProvider>,
    );
  }

  test('study and quiz answers recorded in the store show up in today\'s numbers', async () => {
    const [first, second] = await getItems('chips');
    await recordReview({ itemId: first!.id, grade: 3, mode: 'study', at: t0, durationMs: 8000 });
    await recordReview({ itemId: second!.id, grade: 1, mode: 'quiz', at: t0 + 60_000, durationMs: 4000, correct: false });
    await saveQuiz({ deckId: 'chips', at: t0 + 120_000, durationMs: 30_000, score: 1, total: 2, missed: [second!.id], byKeyPoint: {} });

    mount('/stats');
    const today = await screen.findByRole('region', { name: 'Today' });
    expect(within(today).getByText('Reviewed').nextElementSibling?.textContent).toBe('2');
    expect(within(today).getByText('Time spent').nextElementSibling?.textContent).toBe('12 s');
    // The log's numbers may show first; the card states follow once the items are read.
    const states = await screen.findByRole('region', { name: 'Cards by state table' });
    const cells = within(within(states).getByRole('row', { name: /Chip access/ })).getAllByRole('cell');
    expect(cells.at(-1)!.textContent).toBe('2');
    expect(cells[0]!.textContent).toBe('0'); // both items left the new state
    expect(screen.getByRole('img', { name: /Quiz scores 1 quiz: average 50%/ })).toBeTruthy();
  });

  test('one deck\'s page, and a clear message for a deck that does not exist', async () => {
    mount('/stats/chips');
    await screen.findByRole('heading', { level: 1, name: 'Stats: Chip access' });
    expect(screen.getByRole('link', { name: 'All decks' }).getAttribute('href')).toBe('/stats');
    expect(await screen.findByText(/0 solid · 0 shaky · 1 new/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Study the shaky key points/ })).toBeNull();
    // Key points are deck text in the safe Markdown subset, rendered as such.
    fireEvent.click(screen.getByText('Key points of Chip access'));
    expect((await screen.findByText('leverage', { selector: 'strong' })).closest('li')!.textContent).toMatch(/^New Chip access is leverage\.$/);
  });

  test('an unknown deck id is reported, with a way back', async () => {
    mount('/stats/nope');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/There is no deck “nope”/));
    expect(screen.getByRole('link', { name: 'See the stats of all decks' })).toBeTruthy();
  });
});
