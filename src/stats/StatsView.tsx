/**
 * The stats screen's content, drawn from a computed `Stats`: plain numbers and headings first,
 * then tables and charts (each chart with a summary and a table). No data loading here.
 */
import type { Stats, DeckStats } from './compute';
import { RETENTION_WINDOWS, type RetentionCell, type RetentionRow } from './log-stats';
import type { Mastery } from '../srs/mastery';
import type { KeyPointStats } from './item-stats';
import { duration, hourLabel, percent, plural } from './format';
import { Heatmap } from './charts/Heatmap';
import { Forecast } from './charts/Forecast';
import { QuizTrendChart } from './charts/QuizTrendChart';
import { RichText } from '../ui/RichText';

const WINDOW_NAMES: Record<(typeof RETENTION_WINDOWS)[number], string> = {
  '7d': '7 days',
  '30d': '30 days',
  '365d': '365 days',
  all: 'All time',
};

const MASTERY_NAMES: Record<Mastery, string> = { solid: 'Solid', shaky: 'Shaky', new: 'New' };

export interface StatsViewProps {
  stats: Stats;
  /** Set on one deck's stats page. */
  deck?: { id: string; title: string };
  /** Titles of decks that quizzes or the log mention (deleted decks fall back to their id). */
  deckTitle?: (id: string) => string;
  /** The items are still being read: the sections that need them say so instead of showing zeros. */
  partial?: boolean;
}

/** Stands in for a section that needs the cards' items while they are read. */
function Reading() {
  return (
    <p class="meta" aria-busy="true">
      Reading your cards…
    </p>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function RetentionCellText({ cell }: { cell: RetentionCell }) {
  if (cell.rate === null) return <>—</>;
  return (
    <>
      {percent(cell.rate)}
      <span class="meta count">
        <span class="sr-only">, </span>
        {cell.right} of {cell.total}
      </span>
    </>
  );
}

function RetentionTable({ overall, decks, desired }: { overall: RetentionRow; decks: DeckStats[]; desired: number }) {
  return (
    <>
      <p id="retention-about" class="meta">
        Share of reviews of mature cards (interval of 21 days or more) answered Hard or better, counting the first study
        review of a card each day; quizzes are left out. Your target is {percent(desired)}.
      </p>
      <div class="table-scroll" role="region" aria-label="True retention table" tabIndex={0}>
        <table class="numbers retention" aria-labelledby="retention-title" aria-describedby="retention-about">
          <thead>
            <tr>
              <th scope="col">Decks</th>
              {RETENTION_WINDOWS.map((w) => (
                <th scope="col" key={w}>
                  {WINDOW_NAMES[w]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{decks.length === 1 ? decks[0]!.title : 'All decks'}</th>
              {RETENTION_WINDOWS.map((w) => (
                <td key={w}>
                  <RetentionCellText cell={overall[w]} />
                </td>
              ))}
            </tr>
            {decks.length > 1 &&
              decks.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.title}</th>
                  {RETENTION_WINDOWS.map((w) => (
                    <td key={w}>
                      <RetentionCellText cell={d.retention[w]} />
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function StatesTable({ decks, linkDecks }: { decks: DeckStats[]; linkDecks: boolean }) {
  return (
    <div class="table-scroll" role="region" aria-label="Cards by state table" tabIndex={0}>
      <table class="numbers">
        <thead>
          <tr>
            <th scope="col">Deck</th>
            <th scope="col">New</th>
            <th scope="col">Learning</th>
            <th scope="col">Review</th>
            <th scope="col">Relearning</th>
            <th scope="col">Suspended</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {decks.map((d) => (
            <tr key={d.id}>
              <th scope="row">{linkDecks ? <a href={`/stats/${d.id}`}>{d.title}</a> : d.title}</th>
              <td>{d.states.new}</td>
              <td>{d.states.learning}</td>
              <td>{d.states.review}</td>
              <td>{d.states.relearning}</td>
              <td>{d.states.suspended}</td>
              <td>{d.states.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MasteryList({ deck, points }: { deck: DeckStats; points: KeyPointStats[] }) {
  const count = (m: Mastery) => points.filter((p) => p.mastery === m).length;
  const shaky = points.filter((p) => p.mastery === 'shaky');
  return (
    <section class="mastery" aria-labelledby={`mastery-${deck.id}`}>
      <h3 id={`mastery-${deck.id}`}>{deck.title}</h3>
      <p>
        {count('solid')} solid · {count('shaky')} shaky · {count('new')} new{' '}
        <span class="meta">of {plural(points.length, 'key point')}</span>
      </p>
      {shaky.length > 0 && (
        <p>
          <a href={`/study/${encodeURIComponent(deck.id)}?keyPoints=${shaky.map((p) => encodeURIComponent(p.id)).join(',')}`}>
            Study the shaky key points of {deck.title}
          </a>
        </p>
      )}
      <details>
        <summary>Key points of {deck.title}</summary>
        <ul class="kp-list">
          {points.map((p) => (
            <li key={p.id}>
              <span class={`badge ${p.mastery}`}>{MASTERY_NAMES[p.mastery]}</span> <RichText text={p.text} inline />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export function StatsView({ stats, deck, deckTitle, partial = false }: StatsViewProps) {
  const t = stats.todayStats;
  const titleOf = deckTitle ?? ((id: string) => stats.decks.find((d) => d.id === id)?.title ?? id);
  const withPoints = stats.decks.filter((d) => d.mastery.length > 0);
  return (
    <section class="page stats" aria-labelledby="stats-title">
      <h1 id="stats-title">{deck ? `Stats: ${deck.title}` : 'Stats'}</h1>
      <p class="meta">
        {deck ? (
          <>
            <a href="/stats">All decks</a> · <a href={`/deck/${deck.id}`}>Open the deck</a> ·{' '}
          </>
        ) : null}
        Days start at {hourLabel(stats.dayStartHour)} local time.
      </p>
      {stats.total === 0 && <p>No reviews yet. Study a deck and your progress shows up here.</p>}

      <section aria-labelledby="today-title">
        <h2 id="today-title">Today</h2>
        <dl class="stat-grid">
          <Stat label="Reviewed" value={t.reviewed.toLocaleString()} />
          <Stat label="New cards learned" value={t.newLearned.toLocaleString()} />
          <Stat label="Time spent" value={duration(t.timeMs)} />
          <Stat label="Again rate" value={percent(t.againRate)} />
          <Stat label="Current streak" value={plural(stats.streak.current, 'day')} />
          <Stat label="Longest streak" value={plural(stats.streak.longest, 'day')} />
        </dl>
      </section>

      <h2 id="retention-title">True retention</h2>
      <RetentionTable overall={stats.retention.overall} decks={stats.decks} desired={stats.desiredRetention} />

      <h2 id="heatmap-title">Reviews in the past year</h2>
      <Heatmap days={stats.heatmap} />

      <h2 id="forecast-title">Due in the next 30 days</h2>
      {partial ? <Reading /> : <Forecast days={stats.forecast} />}

      <h2 id="states-title">Cards by state</h2>
      {partial ? <Reading /> : stats.decks.length ? <StatesTable decks={stats.decks} linkDecks={!deck} /> : <p>No decks yet.</p>}

      <h2 id="mastery-title">Key points</h2>
      {partial ? (
        <Reading />
      ) : withPoints.length ? (
        withPoints.map((d) => <MasteryList key={d.id} deck={d} points={d.mastery} />)
      ) : (
        <p>{deck ? 'This deck has no key points.' : 'No deck has key points yet.'}</p>
      )}

      <h2 id="quiz-trend-title">Quiz scores</h2>
      {stats.quizzes.points.length ? (
        <QuizTrendChart trend={stats.quizzes} deckTitle={titleOf} />
      ) : (
        <p>No quizzes taken yet.</p>
      )}
    </section>
  );
}
