/**
 * A Briefdeck deck → an Anki collection of stock note types: basic (reversed when the card is),
 * cloze, type-in; mcq and true/false become Basic notes with the choices on the front; key points
 * and tags become Anki tags; pictures and sounds become Anki's `<img>` and `[sound:…]` (the files
 * themselves go into the package beside it). Optionally with the learner's progress: each item's state as an Anki
 * card's queue, interval and due day, and every study answer as a `revlog` row. Pure.
 */
import { parseCloze } from '../../deck/cloze';
import { expandCard, type ItemId } from '../../deck/items';
import { MEDIA_FORMAT, type Card, type Deck } from '../../deck/schema';
import * as State from '../../srs/state';
import type { ItemRecord, ReviewRecord } from '../../srs/types';
import { maskPlace } from '../../deck/occlusion';
import { escapeHtml, markdownToHtml as toHtml } from './markdown-html';
import { sha1 } from './sha1';
import { BASIC, BASIC_REVERSED, BASIC_TYPED, CLOZE } from './stock';
import type { AnkiCardRow, AnkiCollection, AnkiNoteRow, AnkiNoteType, AnkiRevlogRow } from './types';

const DAY = 86_400_000;

export interface ExportProgress {
  items: ItemRecord[];
  reviews: ReviewRecord[];
}

/** A stable positive number from text (first 5 bytes of its SHA-1), for the deck id: a re-export fills the same deck. */
function stableNumber(text: string): number {
  const d = sha1(new TextEncoder().encode(text));
  return d[0]! * 2 ** 32 + ((d[1]! << 24) >>> 0) + (d[2]! << 16) + (d[3]! << 8) + d[4]! + 2;
}

/** Anki's guid: a short text id, here derived from deck and card ids so re-imports in Anki update the note. */
function guid(deckId: string, cardId: string): string {
  return btoa(String.fromCharCode(...sha1(new TextEncoder().encode(`briefdeck:${deckId}/${cardId}`)).subarray(0, 8))).replace(/=+$/, '');
}

const LETTERS = 'ABCDEFGH';

/** The note type and fields (HTML) a card becomes; `media` names the deck's files; `math`: its text shows formulas. */
function noteOf(card: Card, media: ReadonlySet<string>, math: boolean): { type: AnkiNoteType; fields: string[] } {
  const markdownToHtml = (md: string) => toHtml(md, media, math);
  const extra = card.explanation ? `<br><br>${markdownToHtml(card.explanation)}` : '';
  switch (card.type) {
    case 'basic':
      return { type: card.reverse ? BASIC_REVERSED : BASIC, fields: [markdownToHtml(card.front), markdownToHtml(card.back) + extra] };
    case 'cloze':
      return { type: CLOZE, fields: [markdownToHtml(card.text), card.explanation ? markdownToHtml(card.explanation) : ''] };
    case 'typed':
      return { type: BASIC_TYPED, fields: [markdownToHtml(card.question), markdownToHtml(card.answer)] };
    case 'mcq': {
      const right = Array.isArray(card.answer) ? card.answer : [card.answer];
      const choices = card.choices.map((c, i) => `<li>${LETTERS[i]}. ${markdownToHtml(c)}</li>`).join('');
      const answer = right.map((i) => `${LETTERS[i]}. ${markdownToHtml(card.choices[i] ?? '')}`).join('<br>');
      return { type: BASIC, fields: [`${markdownToHtml(card.question)}<ul>${choices}</ul>`, answer + extra] };
    }
    case 'truefalse':
      return { type: BASIC, fields: [`${markdownToHtml(card.statement)}<br><br>True or false?`, (card.answer ? 'True' : 'False') + extra] };
    case 'occlusion': {
      // Anki's own occlusion notes need its add-on's image format; a cloze note with one deletion per
      // mask, in the same order, keeps every item and its progress.
      const masks = card.masks.map((m, i) => `<li>${escapeHtml(maskPlace(m))}: {{c${i + 1}::${escapeHtml(m.label)}}}</li>`).join('');
      return { type: CLOZE, fields: [`${escapeHtml(card.alt)}<ul>${masks}</ul>`, card.explanation ? markdownToHtml(card.explanation) : ''] };
    }
  }
}

/** Anki card ordinals of a card's items, in `expandCard` order. */
function ordinals(card: Card): number[] {
  if (card.type === 'cloze') return parseCloze(card.text).numbers.map((n) => n - 1);
  if (card.type === 'occlusion') return card.masks.map((_, i) => i);
  if (card.type === 'basic' && card.reverse) return [0, 1];
  return [0];
}

/** Anki card scheduling fields from an item's state; `crt` is the collection's start (epoch s). */
function schedule(item: ItemRecord | undefined, position: number, crt: number): Pick<AnkiCardRow, 'type' | 'queue' | 'due' | 'ivl' | 'factor' | 'reps' | 'lapses'> {
  if (!item || item.state === State.New) return { type: 0, queue: item?.suspended ? -1 : 0, due: position, ivl: 0, factor: 0, reps: 0, lapses: 0 };
  const f = item.fsrs;
  const common = { factor: 2500, reps: f.reps, lapses: f.lapses };
  if (item.state === State.Review) {
    return { ...common, type: 2, queue: item.suspended ? -1 : 2, due: Math.max(0, Math.floor((item.due - crt * 1000) / DAY)), ivl: Math.max(1, Math.round(f.scheduled_days)) };
  }
  // Learning and relearning: due is an epoch second.
  return { ...common, type: item.state === State.Learning ? 1 : 3, queue: item.suspended ? -1 : 1, due: Math.floor(item.due / 1000), ivl: 0 };
}

/** Anki's interval field: days when a day or more, negative seconds when shorter. */
function ankiIvl(days: number, dueMs: number, at: number): number {
  return days >= 1 ? Math.round(days) : -Math.max(1, Math.round((dueMs - at) / 1000));
}

/** The deck as an Anki collection (schema 11), with progress when given. `now` is epoch ms. */
export function deckToAnkiCollection(deck: Deck, progress: ExportProgress | null, now: number): AnkiCollection {
  const crt = Math.floor((progress?.reviews.reduce((m, r) => Math.min(m, r.at), now) ?? now) / DAY) * 86_400;
  const deckId = stableNumber(`deck:${deck.id}`);
  const items = new Map<ItemId, ItemRecord>((progress?.items ?? []).filter((i) => !i.orphaned).map((i) => [i.id, i]));
  const notes: AnkiNoteRow[] = [];
  const cards: AnkiCardRow[] = [];
  const cardOfItem = new Map<ItemId, number>();
  const types = new Map<number, AnkiNoteType>();
  const kpTags = new Map((deck.keyPoints ?? []).map((k) => [k.id, `key-point::${k.id}`]));
  let position = 0;
  const mod = Math.floor(now / 1000);
  // Anki reads note ids as creation times (ms) and matches notes on re-import by guid, so ids
  // only need to be distinct: one second apart per note leaves room for every card ordinal.
  const firstId = now - deck.cards.length * 1000;
  const media = new Set((deck.media ?? []).map((m) => m.name));
  for (const [index, card] of deck.cards.entries()) {
    const { type, fields } = noteOf(card, media, deck.format === MEDIA_FORMAT);
    types.set(type.id, type);
    const nid = firstId + index * 1000;
    const tags = [...(card.tags ?? []), ...(card.keyPoint && kpTags.has(card.keyPoint) ? [kpTags.get(card.keyPoint)!] : []), ...(deck.tags ?? [])];
    notes.push({ id: nid, guid: guid(deck.id, card.id), mid: type.id, mod, tags: [...new Set(tags)], fields });
    const refs = expandCard(deck.id, card);
    ordinals(card).forEach((ord, i) => {
      const ref = refs[i]!;
      const cid = nid + ord;
      cardOfItem.set(ref.id, cid);
      cards.push({ id: cid, nid, did: deckId, ord, ...schedule(items.get(ref.id), position++, crt) });
    });
  }
  const revlog: AnkiRevlogRow[] = [];
  const used = new Set<number>();
  for (const r of [...(progress?.reviews ?? [])].sort((a, b) => a.at - b.at)) {
    const cid = cardOfItem.get(r.itemId);
    if (cid === undefined || r.mode !== 'study') continue;
    let id = r.at;
    while (used.has(id)) id++;
    used.add(id);
    const before = r.before.fsrs;
    revlog.push({
      id,
      cid,
      ease: r.grade,
      ivl: ankiIvl(r.after.scheduled_days, r.after.due, r.at),
      lastIvl: before.state === State.New ? 0 : ankiIvl(before.scheduled_days, before.due, before.last_review ?? r.at),
      factor: 2500,
      time: r.durationMs,
      type: before.state === State.Review ? 1 : before.state === State.Relearning ? 2 : 0,
    });
  }
  return { crt, ver: 11, notetypes: [...types.values()], decks: [{ id: deckId, name: deck.title.replace(/::/g, ':') }], notes, cards, revlog };
}
