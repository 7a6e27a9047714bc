/**
 * The deck page at `/deck/:id`: title, description and source citation; the brief (key points
 * with their mastery); Study, Quiz and "Study shaky key points"; and the card browser, which is
 * always shown here and so ships in this page's chunk (a chunk of its own was one more request
 * on every deck page). Brings the deck's items up to date with its cards when opened.
 */
import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { getDeckEntry, type DeckOrigin } from '../library/library';
import type { Deck, DeckSource } from '../deck/schema';
import type { ItemRecord, Settings } from '../srs/types';
import { QUEUE } from '../srs/queue';
import { deckCounts, getItems, getSettings, onStoreChange, syncDeckItems, type DeckCounts } from '../store';
import { RichText } from '../ui/RichText';
import { briefMastery } from './mastery';
import { QuizHistory } from '../quiz/QuizHistory';
import { Brief } from './Brief';
import { CardBrowser } from './CardBrowser';
import './deck-page.css';

interface DeckData {
  deck: Deck;
  origin: DeckOrigin;
  items: ItemRecord[];
  counts: DeckCounts | undefined;
  /** The learner's fitted parameters, which the brief predicts recall by. */
  parameters: Settings['parameters'];
  now: number;
}

function Citation({ source }: { source: DeckSource }) {
  const by = [source.author, source.publisher, source.date].filter(Boolean).join(', ');
  return (
    <p class="citation">
      Source:{' '}
      {source.url ? (
        <a href={source.url} target="_blank" rel="noopener noreferrer">
          {source.title}
        </a>
      ) : (
        <cite>{source.title}</cite>
      )}
      {by && ` — ${by}`}
    </p>
  );
}

/** The deck's "Edited on two devices" notice and earlier versions: loaded (with sync) only for a signed-in learner. */
function SyncedVersions({ deckId }: { deckId: string }) {
  const [sync, setSync] = useState<typeof import('../sync/live-sync') | null>(null);
  useEffect(() => {
    if (localStorage.getItem('briefdeck-sync-account')) void import('../sync/live-sync').then(setSync);
  }, []);
  return sync ? <sync.DeckVersions deckId={deckId} sync={sync} /> : null;
}

export function DeckPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [data, setData] = useState<DeckData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    let synced = false;
    const load = async () => {
      const entry = await getDeckEntry(id);
      if (!entry) return live && setMissing(true);
      const now = Date.now();
      if (!synced) {
        await syncDeckItems(entry.deck, now);
        synced = true;
      }
      const [items, counts, settings] = await Promise.all([getItems(id), deckCounts([id], now), getSettings()]);
      if (live) setData({ ...entry, items, counts: counts[id], parameters: settings.parameters, now });
    };
    load().catch((e: Error) => live && setError(e.message));
    const stop = onStoreChange((change) => {
      if (!change.deckIds.length || change.deckIds.includes(id)) load().catch((e: Error) => live && setError(e.message));
    });
    return () => {
      live = false;
      stop();
    };
  }, [id]);

  if (missing)
    return (
      <section class="page">
        <h1>Deck not found</h1>
        <p>
          There is no deck “{id}” on this device. <a href="/">Back to your decks</a>
        </p>
      </section>
    );
  if (error)
    return (
      <section class="page">
        <h1>Could not open this deck</h1>
        <p role="alert">{error}</p>
      </section>
    );
  if (!data)
    return (
      <section class="page">
        <p aria-busy="true">Loading deck…</p>
      </section>
    );

  const { deck, counts, items, parameters, now } = data;
  const brief = briefMastery(deck, items, now, parameters);
  const shaky = brief.filter((k) => k.mastery === 'shaky').map((k) => k.id);
  const toStudy = counts ? counts.due + counts.new + counts.learning : 0;
  // Counted in cards, as everywhere: a card with several parts is one card.
  const suspended = new Set(items.filter((i) => i.queue === QUEUE.suspended).map((i) => i.cardId)).size;
  return (
    <section class="page deck-page">
      <h1>{deck.title}</h1>
      <SyncedVersions deckId={deck.id} />
      {deck.description && <RichText text={deck.description} class="description" />}
      {deck.source && <Citation source={deck.source} />}
      {counts && (
        <p class="deck-counts">
          {counts.due + counts.learning} due · {counts.new} new · {suspended} suspended
        </p>
      )}
      <div class="deck-actions">
        <a class="button primary" href={`/study/${deck.id}`}>
          Study{toStudy ? ` (${toStudy})` : ''}
        </a>
        <a class="button" href={`/quiz/${deck.id}`}>
          Quiz
        </a>
        {shaky.length > 0 && (
          <a class="button" href={`/study/${deck.id}?keyPoints=${shaky.join(',')}`}>
            Study shaky key points ({shaky.length})
          </a>
        )}
      </div>
      <Brief deckId={deck.id} points={brief} />
      <QuizHistory deckId={deck.id} limit={5} headingLevel={2} />
      <CardBrowser deck={deck} items={items} now={now} />
    </section>
  );
}
