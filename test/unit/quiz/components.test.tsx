import { fireEvent, render, screen, act } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { Countdown, formatClock } from '../../../src/quiz/Countdown';
import { QuestionView } from '../../../src/quiz/QuestionView';
import { buildQuiz, checkAnswer, type Checked, type Question, type Response } from '../../../src/quiz/engine';
import { formatDuration, studyMissedHref } from '../../../src/quiz/QuizResults';
import { QuizSetup } from '../../../src/quiz/QuizSetup';
import { mixed } from './fixtures';

const questions = buildQuiz([mixed], { length: 'all', seed: 12 });
const find = (id: string) => questions.find((q) => q.itemId === id)!;

/** QuestionView with the state a quiz run would keep. */
function Harness({ question, onNext = () => {} }: { question: Question; onNext?: () => void }) {
  const [selection, setSelection] = useState<number[]>([]);
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const answer = (r: Response) => {
    if (r.kind === 'choice') setSelection([...r.indices]);
    setChecked(checkAnswer(question, r));
  };
  return (
    <QuestionView
      question={question}
      number={2}
      total={5}
      selection={selection}
      text={text}
      checked={checked}
      isLast={false}
      onToggle={(i) => setSelection((s) => (s.includes(i) ? s.filter((x) => x !== i) : [...s, i]))}
      onText={setText}
      onAnswer={answer}
      onNext={onNext}
    />
  );
}

describe('QuestionView', () => {
  test('a single-choice question: choices are buttons, a tap answers and shows the feedback', async () => {
    const q = find('chips/mcq-one');
    if (q.kind === 'typed') throw new Error('expected choices');
    const next = vi.fn();
    render(<Harness question={q} onNext={next} />);
    expect(screen.getByRole('heading', { name: 'Question 2 of 5' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Which chip?' })).toBeTruthy();
    expect(screen.getAllByRole('button')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: /next question/i })).toBeNull();
    const wrong = q.choices.find((c) => c !== 'A100')!;
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${wrong}$`) }));
    expect(screen.getByRole('status').textContent).toMatch(/Not quite\.\s*Answer: A100/);
    expect(screen.getByRole('button', { name: /A100 ✓ right answer/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: new RegExp(`${wrong} ✗ your answer`) }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('Key point: China could buy some US chips for a while.');
    fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
    expect(next).toHaveBeenCalledTimes(1);
  });

  test('a multi-answer question toggles choices, then checks the set', () => {
    const q = find('chips/mcq-multi');
    if (q.kind === 'typed') throw new Error('expected choices');
    render(<Harness question={q} />);
    const check = screen.getByRole('button', { name: 'Check answer' }) as HTMLButtonElement;
    expect(check.disabled).toBe(true);
    for (const name of ['Huawei', 'SenseTime', 'Baidu']) fireEvent.click(screen.getByRole('button', { name }));
    expect(screen.getByRole('button', { name: 'Huawei' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Lenovo' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(check);
    expect(screen.getByRole('status').textContent).toMatch(/^Right!/);
  });

  test('a typed question is a labelled field; Enter checks it and accepts a small typo', () => {
    const q = find('chips/typed');
    render(<Harness question={q} />);
    const field = screen.getByRole('textbox', { name: 'Your answer' }) as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    fireEvent.input(field, { target: { value: 'self-sufficency' } });
    fireEvent.submit(field.form!);
    expect(screen.getByRole('status').textContent).toMatch(/Right — mind the spelling\.\s*Answer: self-sufficiency/);
    expect(field.readOnly).toBe(true);
  });

  test('true/false offers two buttons, True first', () => {
    render(<Harness question={find('chips/tf')} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['1True', '2False']);
    expect(screen.getByText('True or false? Choose one (keys 1–2).')).toBeTruthy();
  });
});

describe('Countdown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('shows m:ss in a timer that is not announced every second, and announces only the last minute and the end', () => {
    vi.useFakeTimers();
    let now = 0;
    const onExpire = vi.fn();
    render(<Countdown deadline={120_000} onExpire={onExpire} clock={() => now} tickMs={1000} />);
    const timer = screen.getByRole('timer', { name: 'Time left' });
    expect(timer.textContent).toBe('2:00');
    expect(timer.getAttribute('aria-live')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    act(() => {
      now = 59_000;
      vi.advanceTimersByTime(1000);
    });
    expect(timer.textContent).toBe('1:01');
    expect(status.textContent).toBe('');
    act(() => {
      now = 61_000;
      vi.advanceTimersByTime(1000);
    });
    expect(timer.textContent).toBe('0:59');
    expect(status.textContent).toBe('1 minute left.');
    act(() => {
      now = 120_500;
      vi.advanceTimersByTime(1000);
    });
    expect(timer.textContent).toBe('0:00');
    expect(status.textContent).toBe('Time is up.');
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(document.body);
  });

  test('formats clocks and durations', () => {
    expect(formatClock(300_000)).toBe('5:00');
    expect(formatClock(61_001)).toBe('1:02');
    expect(formatClock(-5)).toBe('0:00');
    expect(formatDuration(133_000)).toBe('2 min 13 s');
    expect(formatDuration(45_400)).toBe('45 s');
  });
});

describe('QuizSetup and links', () => {
  test('offers lengths and a timer as labelled radios, documents the scheduling default, and starts', () => {
    const start = vi.fn();
    const scheduling = vi.fn();
    render(<QuizSetup title="Chips" focusLabel={null} available={15} scheduling="again-on-wrong" onStart={start} onScheduling={scheduling} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Quiz: Chips' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Number of questions' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: '10' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'All (15)' }));
    fireEvent.click(screen.getByRole('radio', { name: '5 minutes' }));
    expect(screen.getByText(/A wrong answer makes the card due again/)).toBeTruthy();
    const toggle = screen.getByRole('checkbox', { name: 'Quiz answers change my study schedule' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    expect(scheduling).toHaveBeenCalledWith('none');
    fireEvent.click(screen.getByRole('button', { name: 'Start quiz' }));
    expect(start).toHaveBeenCalledWith({ length: 'all', minutes: 5 });
  });

  test('the missed-cards link encodes item ids', () => {
    expect(studyMissedHref('chips', ['chips/a', 'chips/cz#c1'])).toBe('/study/chips?items=chips%2Fa,chips%2Fcz%23c1');
    const url = new URL(studyMissedHref('all', ['chips/cz#c1']), 'http://x');
    expect(url.searchParams.get('items')!.split(',')).toEqual(['chips/cz#c1']);
  });
});
