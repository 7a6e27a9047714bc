/**
 * The deck page's card browser (in the deck page's lazy chunk): search, filters by type / key point / state,
 * suspend and unsuspend, reset to new (after asking), and each item's review history.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CardType, Deck } from '../deck/schema';
import type { ItemRecord, ReviewRecord } from '../srs/types';
import { setSuspended } from '../store/hold';
import { itemHistory } from '../store/log';
import { resetItems } from '../store/reset-items';
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

/** Reset (Anki's Forget) asks first: the schedule built by every answer so far starts again. */
function ResetConfirm({ row, short, onDone }: { row: BrowserRow; short: string; onDone: (error?: string) => void }) {
  const [busy, setBusy] = useState(false);
  const action = useRef<HTMLButtonElement>(null);
  // Focus moves to the question's answer, so a keyboard or screen reader user meets it at once.
  useEffect(() => action.current?.focus(), []);
  return (
    <div class="browser-confirm" role="group" aria-label={`Confirm reset of ${short}`}>
      <p>Reset this card to new? It starts again as if never studied; its answers stay in its history.</p>
      <button
        type="button"
        class="danger"
        disabled={busy}
        ref={action}
        onClick={() => {
          setBusy(true);
          resetItems([row.itemId]).then(
            () => onDone(),
            (e: Error) => onDone(e.message),
          );
        }}
      >
        Reset to new
      </button>
      <button type="button" disabled={busy} onClick={() => onDone()}>
        Cancel
      </button>
    </div>
  );
}

function Row({ row, now }: { row: BrowserRow; now: number }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
          {row.item.state !== State.New && !confirming && (
            <button type="button" disabled={busy} aria-label={`Reset ${short}`} onClick={() => (setError(null), setConfirming(true))}>
              Reset…
            </button>
          )}
          <History itemId={row.itemId} />
        </div>
      )}
      {confirming && (
        <ResetConfirm
          row={row}
          short={short}
          onDone={(e) => {
            setConfirming(false);
            setError(e ?? null);
          }}
        />
      )}
      {error && <p role="alert">{error}</p>}
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
