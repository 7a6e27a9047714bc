/**
 * The class dashboard's figures, computed from the documents themselves: each student's review
 * and event documents (`src/sync/docs.ts`) replayed through `src/sync/replay.ts`, and the
 * class's decks. Pure, so the screen, the CSV and the tests agree.
 */
import { expandDeck } from '../deck/items';
import type { Card, Deck } from '../deck/schema';
import { newItem } from '../srs/scheduler';
import { settingsProblems } from '../srs/settings';
import * as State from '../srs/state';
import { DEFAULT_SETTINGS, type ItemId, type ItemRecord, type Settings } from '../srs/types';
import type { Mastery } from '../srs/mastery';
import { briefMastery } from '../study/mastery';
import type { CouchDoc, ReviewDoc } from '../sync/docs';
import { replayAll } from '../sync/replay';

const DAY_MS = 86_400_000;
/** How many of the cards the class fails most are shown. */
export const FAILED_CARDS = 10;

/** One student's documents, as read from their database. */
export interface StudentDocs {
  username: string;
  displayName: string;
  docs: readonly CouchDoc[];
}

/** A key point of a class deck and one student's mastery of it. */
export interface PointMastery {
  deckId: string;
  pointId: string;
  mastery: Mastery;
}

export interface StudentRow {
  username: string;
  displayName: string;
  /** Answers (study and quiz) on the class's cards in the 7 days before `now`. */
  reviews7d: number;
  /** Class cards studied before and due at `now` (not suspended or buried). */
  dueNow: number;
  /** Time of the latest answer on a class card, null when none. */
  lastStudied: number | null;
  /** Every key point of every class deck, in deck order. */
  points: PointMastery[];
}

export interface CardRow {
  deckId: string;
  deckTitle: string;
  cardId: string;
  prompt: string;
  /** Answers graded Again. */
  failures: number;
  answers: number;
  /** Students with at least one failure. */
  students: number;
}

export interface PointRow {
  deckId: string;
  deckTitle: string;
  pointId: string;
  text: string;
  /** Students who have the point solid. */
  solid: number;
  students: number;
  /** `solid / students`; 0 for a class with no students. */
  share: number;
}

export interface Dashboard {
  students: StudentRow[];
  /** The cards failed most, most first; only cards failed at least once. */
  failedCards: CardRow[];
  points: PointRow[];
}

/** The prompt a card shows, for naming it in a list. */
export function cardPrompt(card: Card): string {
  switch (card.type) {
    case 'basic':
      return card.front;
    case 'cloze':
      return card.text.replace(/\{\{c\d+::(.*?)(?:::.*?)?\}\}/g, '[…]');
    case 'truefalse':
      return card.statement;
    case 'occlusion':
      return card.question ?? card.alt;
    default:
      return card.question;
  }
}

/** The student's own scheduling settings when their database holds sound ones, else the defaults. */
export function studentSettings(docs: readonly CouchDoc[]): Settings {
  const doc = docs.find((d) => (d as { type?: unknown }).type === 'settings' && !d._deleted) as { settings?: unknown } | undefined;
  if (!doc || !doc.settings || typeof doc.settings !== 'object') return DEFAULT_SETTINGS;
  const merged = { ...DEFAULT_SETTINGS, ...(doc.settings as Partial<Settings>) };
  return settingsProblems(merged).length === 0 ? merged : DEFAULT_SETTINGS;
}

function isReview(doc: CouchDoc): doc is ReviewDoc {
  return !doc._deleted && (doc as { type?: unknown }).type === 'review';
}

/** The figures for a class's decks and its students' documents at `now`. */
export function computeDashboard(decks: readonly Deck[], students: readonly StudentDocs[], now: number): Dashboard {
  const refs = decks.flatMap((deck) => expandDeck(deck));
  const classItems = new Set<ItemId>(refs.map((r) => r.id));
  const cardOf = new Map<ItemId, string>(refs.map((r) => [r.id, `${r.deckId}/${r.cardId}`]));

  const failures = new Map<string, { failures: number; answers: number; students: Set<string> }>();
  const pointSolid = new Map<string, number>();

  const rows = students.map((student): StudentRow => {
    const settings = studentSettings(student.docs);
    const history = student.docs.filter((d) => {
      const itemId = (d as { itemId?: unknown }).itemId;
      return typeof itemId === 'string' && classItems.has(itemId);
    });
    const reviews = history.filter(isReview);
    let reviews7d = 0;
    let lastStudied: number | null = null;
    for (const r of reviews) {
      if (r.at > now - 7 * DAY_MS && r.at <= now) reviews7d++;
      if (lastStudied === null || r.at > lastStudied) lastStudied = r.at;
      const card = cardOf.get(r.itemId)!;
      const tally = failures.get(card) ?? { failures: 0, answers: 0, students: new Set<string>() };
      tally.answers++;
      if (r.grade === 1) {
        tally.failures++;
        tally.students.add(student.username);
      }
      failures.set(card, tally);
    }
    const replayed = replayAll(history, { settings, now });
    const items: ItemRecord[] = refs.map((ref) => replayed.get(ref.id) ?? newItem(ref, 0));
    const dueNow = items.filter(
      (i) => i.state !== State.New && !i.suspended && !i.orphaned && i.buriedUntil <= now && i.due <= now,
    ).length;
    const points: PointMastery[] = decks.flatMap((deck) =>
      briefMastery(deck, items.filter((i) => i.deckId === deck.id), now).map((p) => {
        if (p.mastery === 'solid') pointSolid.set(`${deck.id}/${p.id}`, (pointSolid.get(`${deck.id}/${p.id}`) ?? 0) + 1);
        return { deckId: deck.id, pointId: p.id, mastery: p.mastery };
      }),
    );
    return { username: student.username, displayName: student.displayName, reviews7d, dueNow, lastStudied, points };
  });

  const cardRows: CardRow[] = [];
  for (const deck of decks) {
    deck.cards.forEach((card) => {
      const tally = failures.get(`${deck.id}/${card.id}`);
      if (!tally || tally.failures === 0) return;
      cardRows.push({
        deckId: deck.id,
        deckTitle: deck.title,
        cardId: card.id,
        prompt: cardPrompt(card),
        failures: tally.failures,
        answers: tally.answers,
        students: tally.students.size,
      });
    });
  }
  // Most failures first; then the larger share of failed answers; deck order breaks ties.
  const failedCards = cardRows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => b.row.failures - a.row.failures || b.row.failures / b.row.answers - a.row.failures / a.row.answers || a.order - b.order)
    .slice(0, FAILED_CARDS)
    .map((x) => x.row);

  const points: PointRow[] = decks.flatMap((deck) =>
    (deck.keyPoints ?? []).map((kp) => {
      const solid = pointSolid.get(`${deck.id}/${kp.id}`) ?? 0;
      return {
        deckId: deck.id,
        deckTitle: deck.title,
        pointId: kp.id,
        text: kp.text,
        solid,
        students: students.length,
        share: students.length ? solid / students.length : 0,
      };
    }),
  );
  return { students: rows, failedCards, points };
}
