/**
 * The deck page's card browser (in the deck page's lazy chunk): search, filters by type / key point / state,
 * suspend and unsuspend, and each item's review history.
 */
import { useMemo, useState } from 'preact/hooks';
import type { CardType, Deck } from '../deck/schema';
import type { ItemRecord, ReviewRecord } from '../srs/types';
import { setSuspended } from '../store';
import { itemHistory } from '../store/log';
import { browserRows, filterRows, type BrowserFilter, type BrowserRow, type RowState } from './card-browser';
import { GRADE_NAMES } from './GradeBar';
import * as State from '../srs/state';

// The schema's card types, restated so this chunk does not pull in the schema's validators; as a
// Record over CardType the compiler rejects a missing or unknown type.
const TYPE_NAMES: Record<CardType, true> = { basic: true, cloze: true, mcq: true, truefalse: true, typed: true, occlusion: true };
const CARD_TYPES = Object.keys(TYPE_NAMES) as CardType[];
const STATES: RowState[] = ['new', 'learning', 'review', 'suspended', 'buried'];
const PAGE = 50;

function subLabel(sub: string, type: CardType | ''): string {
  if (!sub) return '';
  // An occlusion card's items are keyed by their mask's id.
  if (type === 'occlusion') return ` · mask ${sub}`;
  return sub === 'reverse' ? ' · reversed' : ` · deletion ${sub.slice(1)}`;
}

function History({ itemId }: { itemId: string }) {
  const [log, setLog] = useState<ReviewRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details
      onToggle={(e) => {
        if (e.currentTarget.open && !log) itemHistory(itemId).then(setLog, (err: Error) => setError(err.message));
      }}
    >
      <summary>History</summary>
      {error && <p role="alert">{error}</p>}
      {log && !log.length && <p class="meta">Not reviewed yet.</p>}
      {log && log.length > 0 && (
        <ol class="history">
          {log.map((r) => (
            <li key={r.id ?? r.at}>
              {new Date(r.at).toLocaleString()}: {GRADE_NAMES[r.grade]} ({r.mode}
              {r.correct === undefined ? '' : r.correct ? ', right' : ', wrong'})
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function Row({ row, now }: { row: BrowserRow; now: number }) {
  const [busy, setBusy] = useState(false);
  const short = row.text.length > 60 ? `${row.text.slice(0, 57)}…` : row.text;
  const suspended = row.item?.suspended ?? false;
  const due = row.item && row.item.state !== State.New && !suspended ? new Date(row.item.due) : null;
  return (
    <li class="browser-row">
      <p>{row.text}</p>
      <p class="meta">
        {row.card.type}
        {subLabel(row.sub, row.card.type)} · {row.state}
        {due && ` · due ${due.getTime() <= now ? 'now' : due.toLocaleDateString()}`}
        {row.item && row.item.fsrs.lapses > 0 && ` · forgotten ${row.item.fsrs.lapses}×`}
      </p>
      {row.item && (
        <div class="browser-row-actions">
          <button
            type="button"
            disabled={busy}
            aria-label={`${suspended ? 'Unsuspend' : 'Suspend'} ${short}`}
            onClick={() => {
              setBusy(true);
              // The store announces the change; the deck page reloads the items and this row follows.
              setSuspended([row.itemId], !suspended).finally(() => setBusy(false));
            }}
          >
            {suspended ? 'Unsuspend' : 'Suspend'}
          </button>
          <History itemId={row.itemId} />
        </div>
      )}
    </li>
  );
}

/** Rows are parts (a cloze deletion, a reversed side); the learner counts cards. */
const cardsOf = (rows: readonly BrowserRow[]) => new Set(rows.map((r) => r.card.id)).size;

export function CardBrowser({ deck, items, now }: { deck: Deck; items: ItemRecord[]; now: number }) {
  const [filter, setFilter] = useState<BrowserFilter>({ text: '', type: '', keyPoint: '', state: '' });
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(() => browserRows(deck, items, now), [deck, items, now]);
  const visible = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const set = (patch: Partial<BrowserFilter>) => {
    setFilter({ ...filter, ...patch });
    setShown(PAGE);
  };
  return (
    <section class="card-browser" aria-labelledby="browser-title">
      <h2 id="browser-title">Cards</h2>
      <div class="browser-filters">
        <label>
          Search cards
          <input type="search" value={filter.text} onInput={(e) => set({ text: e.currentTarget.value })} />
        </label>
        <label>
          Type
          <select value={filter.type} onChange={(e) => set({ type: e.currentTarget.value as BrowserFilter['type'] })}>
            <option value="">All types</option>
            {CARD_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {deck.keyPoints && deck.keyPoints.length > 0 && (
          <label>
            Key point
            <select value={filter.keyPoint} onChange={(e) => set({ keyPoint: e.currentTarget.value })}>
              <option value="">All key points</option>
              {deck.keyPoints.map((k, i) => (
                <option key={k.id} value={k.id}>
                  {i + 1}. {k.text.replace(/[*_`]/g, '').slice(0, 50)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          State
          <select value={filter.state} onChange={(e) => set({ state: e.currentTarget.value as BrowserFilter['state'] })}>
            <option value="">All states</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="meta" role="status">
        {cardsOf(visible)} of {cardsOf(rows)} cards
        {rows.length > deck.cards.length && ` (${visible.length} of ${rows.length} parts)`}
      </p>
      <ul class="browser-list" aria-label="Card list">
        {visible.slice(0, shown).map((r) => (
          <Row key={r.itemId} row={r} now={now} />
        ))}
      </ul>
      {visible.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show more cards
        </button>
      )}
    </section>
  );
}
