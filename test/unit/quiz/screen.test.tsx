import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { QuizScreen } from '../../../src/quiz/QuizScreen';
import { QuizHistory } from '../../../src/quiz/QuizHistory';
import { closeStore, getSettings, getItem, saveDeck, syncDeckItems, recordReview } from '../../../src/store';
import { itemHistory } from '../../../src/store/log';
import { listQuizzes, saveQuiz } from '../../../src/store/quizzes';
import { forgetBundledIndex } from '../../../src/library/library';
import { busy } from '../../../src/pwa/activity';
import { deck, mixed } from './fixtures';
import { expandDeck } from '../../../src/deck/items';

const t0 = Date.UTC(2026, 2, 10, 9);

let now = t0;

function mount(url: string) {
  now = t0;
  history.replaceState(null, '', url);
  return render(
    <LocationProvider>
      <Router>
        <Route path="/quiz/:id" component={() => <QuizScreen clock={() => now} />} />
        <Route path="/study/:id" component={() => <h1>Study screen</h1>} />
      </Router>
    </LocationProvider>,
  );
}

/** Answers the question on screen: the first choice, or a made-up typed answer. Returns the verdict. */
async function answerCurrent(): Promise<boolean> {
  const field = screen.queryByRole('textbox', { name: 'Your answer' });
  if (field) {
    fireEvent.input(field, { target: { value: 'xyzzy' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.submit((field as HTMLInputElement).form!);
  } else if (screen.queryByRole('button', { name: 'Check answer' })) {
    fireEvent.keyDown(document.body, { key: '1' });
    fireEvent.keyDown(document.body, { key: 'Enter' });
  } else {
    fireEvent.keyDown(document.body, { key: '1' });
  }
  const status = await screen.findByText(/^(Right!|Right — mind the spelling\.|Not quite\.)$/);
  return status.textContent !== 'Not quite.';
}

beforeEach(async () => {
  // A fresh database per test (test/setup.ts) needs the store's cached connection dropped too.
  await closeStore();
  forgetBundledIndex();
  // No bundled decks: the test deck lives in the store, as an authored deck would.
  vi.stubGlobal('fetch', vi.fn(async () => Response.json({ format: 1, decks: [] })));
  await saveDeck(mixed, 'authored', t0);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

test('a keyboard-driven quiz: setup, questions, results, review log and history', async () => {
  mount('/quiz/chips?seed=3');
  await screen.findByRole('heading', { level: 1, name: 'Quiz: Chips' });
  await screen.findByText('No quizzes yet.');
  fireEvent.click(screen.getByRole('radio', { name: '5' }));
  fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
  expect(busy.value).toBe(true);

  const results: boolean[] = [];
  for (let n = 1; n <= 5; n++) {
    await screen.findByRole('heading', { name: `Question ${n} of 5` });
    results.push(await answerCurrent());
    // Enter moves on, from the body as from a choice.
    fireEvent.keyDown(document.body, { key: 'Enter' });
  }
  const right = results.filter(Boolean).length;
  const heading = await screen.findByRole('heading', { level: 1, name: `Score ${right}/5` });
  await waitFor(() => expect(document.activeElement).toBe(heading));
  expect(busy.value).toBe(false);
  expect(screen.getByText(/time taken 0 s/)).toBeTruthy();
  const breakdown = screen.getByRole('heading', { level: 2, name: 'By key point' }).nextElementSibling as HTMLElement;
  const rows = within(breakdown).getAllByRole('row').slice(1);
  expect(rows.map((r) => within(r).getByRole('rowheader').textContent).every(Boolean)).toBe(true);

  const quizzes = await waitFor(async () => {
    const q = await listQuizzes('chips');
    expect(q).toHaveLength(1);
    return q;
  });
  expect(quizzes[0]).toMatchObject({ deckId: 'chips', score: right, total: 5 });
  expect(quizzes[0]!.missed).toHaveLength(5 - right);
  // Every answer is in the review log as a quiz answer.
  for (const id of [...quizzes[0]!.missed]) {
    const log = await itemHistory(id);
    expect(log.map((r) => [r.mode, r.correct, r.grade])).toEqual([['quiz', false, 1]]);
    // Default scheduling: a wrong answer makes the card due again (into learning).
    expect((await getItem(id))!.state).not.toBe(0);
  }
  const history = within(screen.getByRole('region', { name: 'Past quizzes' }));
  await history.findByRole('cell', { name: `${right}/5 (${Math.round((100 * right) / 5)}%)` });

  // Seed 3 asks at least one typed question, answered wrong on purpose.
  expect(right).toBeLessThan(5);
  {
    const link = screen.getByRole('link', { name: 'Study the missed cards now' });
    const items = new URL(link.getAttribute('href')!, 'http://x').searchParams.get('items')!.split(',');
    expect(items.sort()).toEqual([...quizzes[0]!.missed].sort());
    expect(screen.getAllByText(/^Right answer:/)).toHaveLength(5 - right);
  }
});

test('a right answer on a card not due leaves its schedule alone but is logged', async () => {
  mount('/quiz/chips?seed=1&keyPoints=access');
  await screen.findByRole('heading', { level: 1, name: 'Quiz: Chips' });
  expect(screen.getByText(/Focus: key point: China could buy some US chips/)).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: /^All/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
  for (;;) {
    const h = await screen.findByRole('heading', { name: /^Question \d+ of \d+$/ });
    const [, n, total] = /Question (\d+) of (\d+)/.exec(h.textContent!)!;
    await answerCurrent();
    if (n === total) break;
    fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
    await screen.findByRole('heading', { name: `Question ${Number(n) + 1} of ${total}` });
  }
  fireEvent.click(screen.getByRole('button', { name: 'See results' }));
  await screen.findByRole('heading', { level: 1, name: /^Score \d+\/\d+$/ });
  const [quiz] = await waitFor(async () => {
    const q = await listQuizzes('chips');
    expect(q).toHaveLength(1);
    return q;
  });
  const asked = Object.values(quiz!.byKeyPoint).reduce((a, k) => a + k.total, 0);
  expect(Object.keys(quiz!.byKeyPoint)).toEqual(['access']);
  // Right answers: logged with the schedule untouched (the items are new, so not due).
  const all = await Promise.all(
    ['chips/b-year', 'chips/b-year2', 'chips/b-year3', 'chips/b-pct', 'chips/mcq-one', 'chips/tf', 'chips/cz#c1', 'chips/cz#c2'].map(async (id) => ({
      id,
      item: await getItem(id),
      log: await itemHistory(id),
    })),
  );
  expect(all).toHaveLength(asked);
  for (const { id, item, log } of all) {
    expect(log).toHaveLength(1);
    expect(log[0]!.mode).toBe('quiz');
    if (quiz!.missed.includes(id)) expect(item!.state).toBe(1);
    else {
      expect(log[0]!.correct).toBe(true);
      expect(item!.state).toBe(0);
    }
  }
});

test('when the timer runs out the quiz ends, unanswered questions count as missed', async () => {
  mount('/quiz/chips?seed=4');
  await screen.findByRole('heading', { level: 1, name: 'Quiz: Chips' });
  fireEvent.click(screen.getByRole('radio', { name: '5' }));
  fireEvent.click(screen.getByRole('radio', { name: '2 minutes' }));
  fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
  await screen.findByRole('heading', { name: 'Question 1 of 5' });
  expect(screen.getByRole('timer', { name: 'Time left' }).textContent).toBe('2:00');
  const right = (await answerCurrent()) ? 1 : 0;
  now = t0 + 120_001;
  await screen.findByRole('heading', { level: 1, name: `Score ${right}/5` }, { timeout: 2000 });
  expect(screen.getByText(/\(time ran out\)/)).toBeTruthy();
  expect(screen.getAllByText('Not answered')).toHaveLength(4);
  const [quiz] = await waitFor(async () => {
    const q = await listQuizzes('chips');
    expect(q).toHaveLength(1);
    return q;
  });
  expect(quiz).toMatchObject({ total: 5, score: right, durationMs: 120_001 });
  expect(quiz!.missed).toHaveLength(5 - right);
  expect(busy.value).toBe(false);
});

test("'all' quizzes every deck in the library and sends missed cards to /study/all", async () => {
  const capitals = deck({
    id: 'capitals',
    version: 1,
    title: 'Capitals',
    cards: [{ id: 'fr', type: 'typed', question: 'Capital of France?', answer: 'Paris' }],
  });
  await saveDeck(capitals, 'imported', t0);
  mount('/quiz/all?seed=2');
  await screen.findByRole('heading', { level: 1, name: 'Quiz: All decks' });
  const total = expandDeck(mixed).length + 1;
  expect(screen.getByText(`${total} questions available.`)).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: `All (${total})` }));
  fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
  for (let n = 1; n <= total; n++) {
    await screen.findByRole('heading', { name: `Question ${n} of ${total}` });
    await answerCurrent();
    fireEvent.keyDown(document.body, { key: 'Enter' });
  }
  await screen.findByRole('heading', { level: 1, name: new RegExp(`^Score \\d+/${total}$`) });
  const href = screen.getByRole('link', { name: 'Study the missed cards now' }).getAttribute('href')!;
  expect(href).toMatch(/^\/study\/all\?items=/);
  expect(decodeURIComponent(href)).toContain('capitals/fr');
  await waitFor(async () => expect((await listQuizzes('all')).map((q) => q.total)).toEqual([total]));
});

test('turning quiz scheduling off on the setup screen: wrong answers are logged, schedules untouched', async () => {
  mount('/quiz/chips?seed=6&keyPoints=self-reliance');
  await screen.findByRole('heading', { level: 1, name: 'Quiz: Chips' });
  fireEvent.click(screen.getByRole('checkbox', { name: 'Quiz answers change my study schedule' }));
  await waitFor(async () => expect((await getSettings()).quizScheduling).toBe('none'));
  await waitFor(() => expect(screen.getByText(/quiz answers never change when cards come up/)).toBeTruthy());
  fireEvent.click(screen.getByRole('radio', { name: '5' }));
  fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
  const wrong: string[] = [];
  for (let n = 1; n <= 5; n++) {
    await screen.findByRole('heading', { name: `Question ${n} of 5` });
    await answerCurrent();
    fireEvent.keyDown(document.body, { key: 'Enter' });
  }
  await screen.findByRole('heading', { level: 1, name: /^Score \d\/5$/ });
  const [quiz] = await waitFor(async () => {
    const q = await listQuizzes('chips');
    expect(q).toHaveLength(1);
    return q;
  });
  wrong.push(...quiz!.missed);
  expect(wrong.length).toBeGreaterThan(0);
  for (const id of wrong) {
    await waitFor(async () => expect((await itemHistory(id)).map((r) => [r.mode, r.correct])).toEqual([['quiz', false]]));
    expect((await getItem(id))!.state).toBe(0);
  }
});

test('shaky focus with nothing shaky says so; an unknown key point is named', async () => {
  mount('/quiz/chips?shaky=1');
  await screen.findByText(/No cards match this quiz \(shaky cards only\)/);
  expect((screen.getByRole('button', { name: 'Start quiz' }) as HTMLButtonElement).disabled).toBe(true);
});

test('shaky focus quizzes the items in learning only', async () => {
  await syncDeckItems(mixed, t0 - 3_600_000);
  await recordReview({ itemId: 'chips/tf', grade: 1, mode: 'study', at: t0 - 3_600_000, durationMs: 1000 });
  mount('/quiz/chips?shaky=1');
  await screen.findByText(/1 question available/);
  fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
  await screen.findByRole('heading', { name: 'Question 1 of 1' });
  expect(screen.getByText('Chips settled everything.')).toBeTruthy();
});

test('unknown decks and key points get a clear message', async () => {
  mount('/quiz/chips?keyPoints=access,nope');
  expect((await screen.findByRole('alert')).textContent).toBe('Chips has no key point "nope" (from the link\'s keyPoints).');
});

test('an unknown deck is named', async () => {
  mount('/quiz/nothing-here');
  expect((await screen.findByRole('alert')).textContent).toBe('There is no deck “nothing-here”.');
});

test('QuizHistory lists past quizzes newest first with date, score and length', async () => {
  await saveQuiz({ deckId: 'chips', at: t0, durationMs: 60_000, score: 3, total: 5, missed: [], byKeyPoint: {} });
  await saveQuiz({ deckId: 'chips', at: t0 + 86_400_000, durationMs: 60_000, score: 9, total: 10, missed: [], byKeyPoint: {} });
  await saveQuiz({ deckId: 'other', at: t0, durationMs: 1, score: 1, total: 1, missed: [], byKeyPoint: {} });
  render(<QuizHistory deckId="chips" />);
  const rows = await screen.findAllByRole('row');
  expect(rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent))).toEqual([
    [],
    ['9/10 (90%)', '10'],
    ['3/5 (60%)', '5'],
  ]);
  expect(screen.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Date', 'Score', 'Questions']);
});
