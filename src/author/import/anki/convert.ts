/**
 * Anki notes → Briefdeck decks. Stock note types map to basic (with `reverse`), typed and cloze
 * cards; other note types are rendered from their templates, one basic card per Anki card. Deck
 * levels `A::B::C` become decks of their own or, as the learner chooses, tags within the top-level
 * deck. Every Anki card is mapped to the review item it became, so its history can follow. A note
 * that cannot become a card is reported with why, never silently dropped. Pure.
 */
import { LIMITS, MEDIA_FORMAT, type Card, type Deck, type MediaFile } from '../../../deck/schema';
import { parseCloze } from '../../../deck/cloze';
import { expandCard, expandDeck, itemId } from '../../../deck/items';
import { mediaRefs } from '../../../deck/media';
import { validateDeck } from '../../../deck/validate';
import { slugify, uniqueId } from '../../ids';
import type { AnkiCardRow, AnkiCollection, AnkiNoteRow, AnkiNoteType } from '../../anki/types';
import { htmlToMarkdown, type FieldText } from './html';
import type { MediaPlanner } from './media';
import { hasNestedCloze, isolateCloze } from './nested-cloze';
import { noteShape, type NoteShape } from './notetype';
import { occlusionCard, occlusionFields, parseOcclusions } from './occlusion';
import { answerOnly, renderTemplate } from './template';

export type Hierarchy = 'decks' | 'tags';

export interface ConvertOptions {
  /** `decks`: every Anki deck its own deck; `tags`: one deck per top level, lower levels as tags. */
  hierarchy: Hierarchy;
  /** Decides which media come along and names them; without it, references stay Anki's names and no deck carries media. */
  media?: MediaPlanner;
}

export interface SkippedNote {
  noteId: number;
  /** The note's first field as text, to recognise it. */
  label: string;
  reason: string;
}

export interface Conversion {
  decks: Deck[];
  /** Anki card id → the review item it became. */
  itemOf: Map<number, string>;
  skipped: SkippedNote[];
  /** Notes that became cards. */
  noteCount: number;
  /** Review items the decks hold. */
  itemCount: number;
  /** Media names the cards refer to. */
  mediaUsed: Set<string>;
  /** Per note type rendered from templates or partly mapped: what could not be carried over. */
  notices: string[];
  /** Anki names of pictures without alt text in Anki, described by their file name. */
  namedAlt: Set<string>;
}

interface Pending {
  card: Card;
  /** Its text has formulas: its deck must be format 2 to show them. */
  math?: boolean;
  /** Anki card id → item sub-key within `card`. */
  subs: [number, string][];
}

const DECK_SEPARATOR = ' › ';

function cleanTag(tag: string): string | null {
  const t = tag.replace(/[\s,]+/g, '_').slice(0, LIMITS.tagLength);
  return t ? t : null;
}

/** Converts the collection's notes into decks, mapping each Anki card to its review item. */
export function convertCollection(col: AnkiCollection, options: ConvertOptions): Conversion {
  const types = new Map<number, AnkiNoteType>(col.notetypes.map((t) => [t.id, t]));
  const shapes = new Map<number, NoteShape>();
  const deckNames = new Map<number, string>(col.decks.map((d) => [d.id, d.name]));
  const cardsOf = new Map<number, AnkiCardRow[]>();
  for (const c of col.cards) {
    let list = cardsOf.get(c.nid);
    if (!list) cardsOf.set(c.nid, (list = []));
    list.push(c);
  }
  const skipped: SkippedNote[] = [];
  const notices = new Map<string, Set<string>>();
  const notice = (nt: AnkiNoteType, what: string) => {
    let set = notices.get(nt.name);
    if (!set) notices.set(nt.name, (set = new Set()));
    set.add(what);
  };
  const mediaUsed = new Set<string>();
  const namedAlt = new Set<string>();
  const resolve = options.media ? options.media.resolve.bind(options.media) : undefined;
  const groups = new Map<string, { title: string; pending: Pending[] }>();
  let noteCount = 0;

  for (const note of col.notes) {
    // The note's name in the report, read only for a note that is skipped.
    let labelField = 0;
    const skip = (reason: string) => skipped.push({ noteId: note.id, label: htmlToMarkdown(note.fields[labelField] ?? '', true).text.slice(0, 60) || `note ${note.id}`, reason });
    const nt = types.get(note.mid);
    if (!nt) {
      skip('its note type is missing from the collection');
      continue;
    }
    const cards = cardsOf.get(note.id) ?? [];
    if (!cards.length) {
      skip('it has no cards');
      continue;
    }
    let shape = shapes.get(nt.id);
    if (!shape) shapes.set(nt.id, (shape = noteShape(nt)));
    // An Image Occlusion note's first field is its shapes: its header names it better.
    if (shape.kind === 'cloze' && shape.occlusion) labelField = occlusionFields(nt).header;
    const first = cards[0]!;
    const deckName = deckNames.get(first.odid ? first.odid : first.did) ?? 'Default';
    const levels = deckName.split('::');
    const groupName = options.hierarchy === 'tags' ? levels[0]! : deckName;
    const tags = note.tags.map(cleanTag).filter((t): t is string => !!t);
    if (options.hierarchy === 'tags' && levels.length > 1) {
      const t = cleanTag(levels.slice(1).join('::'));
      if (t) tags.unshift(t);
    }
    let math = false;
    const formulas = (f: FieldText) => {
      if (f.formulas) math = true;
      if (f.latexKept) notice(nt, 'LaTeX that is not one formula ([latex]…[/latex]) was kept as text');
    };
    const md = (i: number) => {
      const f = htmlToMarkdown(note.fields[i] ?? '', false, resolve);
      for (const m of f.media) mediaUsed.add(m);
      for (const m of f.namedAlt) namedAlt.add(m);
      formulas(f);
      return f.text;
    };
    const mdOf = (html: string) => {
      const f = htmlToMarkdown(html, false, resolve);
      for (const m of f.namedAlt) namedAlt.add(m);
      formulas(f);
      return f;
    };
    const base = `anki-${note.id.toString(36)}`;
    const made: Pending[] = [];
    const problem = buildCards(note, nt, shape, cards, md, mdOf, base, made, (what) => notice(nt, what), (names) => names.forEach((m) => mediaUsed.add(m)), options.media);
    if (problem) {
      skip(problem);
      continue;
    }
    const tooLong = made.find((p) => Object.values(p.card).some((v) => typeof v === 'string' && v.length > LIMITS.textLength));
    if (tooLong) {
      skip(`a field is longer than ${LIMITS.textLength} characters`);
      continue;
    }
    const uniqueTags = [...new Set(tags)].slice(0, LIMITS.tags);
    for (const p of made) {
      if (uniqueTags.length) p.card.tags = uniqueTags;
      if (math) p.math = true;
    }
    let group = groups.get(groupName);
    if (!group) groups.set(groupName, (group = { title: groupName.split('::').join(DECK_SEPARATOR), pending: [] }));
    group.pending.push(...made);
    noteCount++;
  }

  const decks: Deck[] = [];
  const itemOf = new Map<number, string>();
  const deckIds = new Set<string>();
  let itemCount = 0;
  for (const [name, group] of groups) {
    const parts = splitParts(group.pending, options.media);
    for (const [part, slice] of parts.entries()) {
      const suffix = parts.length > 1 ? ` (part ${part + 1} of ${parts.length})` : '';
      const id = uniqueId(`${slugify(name.split('::').join(' '), 50)}${parts.length > 1 ? `-${part + 1}` : ''}`, deckIds, 'anki-deck');
      const deck: Deck = { id, version: 1, title: `${group.title.slice(0, LIMITS.titleLength - suffix.length)}${suffix}`, cards: slice.map((p) => p.card) };
      const media = options.media ? mediaOf(slice.map((p) => p.card), options.media) : [];
      // Formulas show only in format 2 decks, with or without media.
      const math = slice.some((p) => p.math);
      if (media.length || math) deck.format = MEDIA_FORMAT;
      if (media.length) deck.media = media;
      const checked = validateDeck(deck);
      if (!checked.ok) {
        // Drop the cards the deck format refuses, with the reason, and keep the rest.
        const bad = new Set<number>();
        for (const e of checked.errors) {
          const m = /^cards\[(\d+)\]/.exec(e.path);
          if (!m) throw new Error(`The deck “${deck.title}” could not be built: ${e.path}: ${e.message}`);
          const i = Number(m[1]);
          if (!bad.has(i)) skipped.push({ noteId: 0, label: slice[i]!.card.id, reason: `${e.path.replace(/^cards\[\d+\]\.?/, '') || 'the card'} ${e.message}` });
          bad.add(i);
        }
        deck.cards = slice.filter((_, i) => !bad.has(i)).map((p) => p.card);
        if (!deck.cards.length) continue;
        if (deck.media) {
          // Only the files the remaining cards use.
          const left = mediaOf(deck.cards, options.media!);
          if (left.length) deck.media = left;
          else {
            delete deck.media;
            if (!slice.some((p, i) => p.math && !bad.has(i))) delete deck.format;
          }
        }
      }
      const kept = new Set(deck.cards);
      for (const p of slice) {
        if (!kept.has(p.card)) continue;
        for (const [ankiCard, sub] of p.subs) itemOf.set(ankiCard, itemId(id, p.card.id, sub));
      }
      itemCount += expandDeck(deck).length;
      decks.push(deck);
    }
  }
  const noticeList = [...notices].map(([name, set]) => `${name}: ${[...set].join('; ')}`);
  return { decks, itemOf, skipped, noteCount, itemCount, mediaUsed, notices: noticeList, namedAlt };
}

/** Text fields of a card that may show media. */
function cardTexts(card: Card): string[] {
  switch (card.type) {
    case 'basic':
      return [card.front, card.back, card.explanation ?? ''];
    case 'cloze':
      return [card.text, card.explanation ?? ''];
    case 'typed':
      return [card.question, card.explanation ?? ''];
    case 'mcq':
      return [card.question, ...card.choices, card.explanation ?? ''];
    case 'truefalse':
      return [card.statement, card.explanation ?? ''];
    case 'occlusion':
      return [card.question ?? '', card.explanation ?? ''];
  }
}

/** The deck media entries the cards refer to, in order of first use. */
function mediaOf(cards: Card[], planner: MediaPlanner): MediaFile[] {
  const out = new Map<string, MediaFile>();
  for (const card of cards) {
    const picture = card.type === 'occlusion' ? planner.entries.get(card.image) : undefined;
    if (picture && !out.has(picture.name)) out.set(picture.name, picture);
    for (const text of cardTexts(card)) {
      for (const ref of mediaRefs(text)) {
        const entry = planner.entries.get(ref.name);
        if (entry && !out.has(ref.name)) out.set(ref.name, entry);
      }
    }
  }
  return [...out.values()];
}

/** Splits a group's cards into decks within the deck format's card, review item and media limits. */
function splitParts(pending: Pending[], planner: MediaPlanner | undefined): Pending[][] {
  const parts: Pending[][] = [];
  let part: Pending[] = [];
  let items = 0;
  let media = new Set<string>();
  for (const p of pending) {
    const n = expandCard('x', p.card).length;
    const names = planner ? mediaOf([p.card], planner).map((m) => m.name) : [];
    const more = names.filter((m) => !media.has(m)).length;
    if (part.length && (part.length >= LIMITS.cards || items + n > LIMITS.items || media.size + more > LIMITS.media)) {
      parts.push(part);
      part = [];
      items = 0;
      media = new Set();
    }
    part.push(p);
    items += n;
    for (const m of names) media.add(m);
  }
  if (part.length) parts.push(part);
  return parts;
}

/** Fills `out` with the note's cards; returns why the note cannot be imported, or null. */
function buildCards(
  note: AnkiNoteRow,
  nt: AnkiNoteType,
  shape: NoteShape,
  cards: AnkiCardRow[],
  md: (i: number) => string,
  mdOf: (html: string) => ReturnType<typeof htmlToMarkdown>,
  base: string,
  out: Pending[],
  notice: (what: string) => void,
  useMedia: (names: string[]) => void,
  planner: MediaPlanner | undefined,
): string | null {
  const fieldName = (i: number) => nt.fields[i] ?? `field ${i + 1}`;
  switch (shape.kind) {
    case 'basic': {
      const front = md(shape.front);
      const back = md(shape.back);
      if (!front) return `its ${fieldName(shape.front)} field is empty`;
      if (!back) return `its ${fieldName(shape.back)} field is empty`;
      const reverse = cards.some((c) => c.ord === 1);
      out.push({
        card: reverse ? { id: base, type: 'basic', front, back, reverse: true } : { id: base, type: 'basic', front, back },
        subs: cards.filter((c) => c.ord <= 1).map((c) => [c.id, c.ord === 1 ? 'reverse' : '']),
      });
      return null;
    }
    case 'typed': {
      const question = md(shape.front);
      // A typed answer is what the learner types: a sound tag in Anki's field is not part of it.
      const answer = htmlToMarkdown(note.fields[shape.back] ?? '', true).text.replace(/\[sound:[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
      if (!question) return `its ${fieldName(shape.front)} field is empty`;
      if (!answer) return `its ${fieldName(shape.back)} field is empty`;
      if (answer.length > LIMITS.titleLength) return `its typed answer is longer than ${LIMITS.titleLength} characters`;
      out.push({ card: { id: base, type: 'typed', question, answer }, subs: cards.filter((c) => c.ord === 0).map((c) => [c.id, '']) });
      return null;
    }
    case 'cloze': {
      if (shape.occlusion) return occlusionNote(note, nt, shape.text, cards, md, planner, base, out, notice);
      if (/image-occlusion:/.test(note.fields[shape.text] ?? '')) return 'it holds Image Occlusion shapes, but its note type is not Anki\'s Image Occlusion, so its picture cannot be found';
      const text = md(shape.text);
      const extra = shape.extra >= 0 ? md(shape.extra) : '';
      if (!text) return `its ${fieldName(shape.text)} field is empty`;
      const explanation = extra ? { explanation: extra } : {};
      if (hasNestedCloze(text)) {
        notice('clozes inside clozes became one card per deletion');
        for (const c of cards) {
          const n = c.ord + 1;
          const own = isolateCloze(text, n);
          if (parseCloze(own).problems.length || !parseCloze(own).numbers.includes(n)) continue;
          out.push({ card: { id: `${base}-c${n}`, type: 'cloze', text: own, ...explanation }, subs: [[c.id, `c${n}`]] });
        }
        return out.length ? null : 'its nested clozes could not be separated';
      }
      const parsed = parseCloze(text);
      if (parsed.problems.length) return `its cloze markup ${parsed.problems[0]!.message}`;
      if (!parsed.numbers.length) return 'its cloze text has no deletions';
      const subs: [number, string][] = cards.filter((c) => parsed.numbers.includes(c.ord + 1)).map((c) => [c.id, `c${c.ord + 1}`]);
      out.push({ card: { id: base, type: 'cloze', text, ...explanation }, subs });
      return null;
    }
    case 'custom': {
      const fields = Object.fromEntries(nt.fields.map((f, i) => [f, note.fields[i] ?? '']));
      const special = { Tags: note.tags.join(' '), Type: nt.name };
      notice('rendered from its card templates');
      for (const c of cards) {
        const t = nt.templates[c.ord];
        if (!t) continue;
        const q = renderTemplate(t.qfmt, { fields, special });
        const a = renderTemplate(t.afmt, { fields, special, frontSide: q.html });
        for (const p of [...q.problems, ...a.problems]) notice(p);
        const fq = mdOf(q.html);
        const fa = mdOf(answerOnly(a.html, q.html));
        if (!fq.text || !fa.text) continue;
        // Media named only through the template still come along.
        useMedia([...fq.media, ...fa.media]);
        out.push({ card: { id: `${base}-${c.ord + 1}`, type: 'basic', front: fq.text, back: fa.text }, subs: [[c.id, '']] });
      }
      return out.length ? null : 'none of its cards has both a question and an answer';
    }
  }
}

/** Fills `out` with an Image Occlusion note's card; returns why it cannot be imported, or null. */
function occlusionNote(
  note: AnkiNoteRow,
  nt: AnkiNoteType,
  field: number,
  cards: AnkiCardRow[],
  md: (i: number) => string,
  planner: MediaPlanner | undefined,
  base: string,
  out: Pending[],
  notice: (what: string) => void,
): string | null {
  const fields = occlusionFields(nt);
  const shapes = parseOcclusions(htmlToMarkdown(note.fields[field] ?? '', true).text);
  const picture = mediaRefs(md(fields.image)).find((r) => r.kind === 'image');
  if (!picture) return 'its picture is not in the package, or could not be imported';
  const question = md(fields.header);
  const explanation = md(fields.extra);
  const built = occlusionCard(shapes, picture.name, picture.alt || 'picture', { question, explanation }, planner?.entries.get(picture.name));
  if (typeof built === 'string') return built;
  for (const what of built.notices) notice(what);
  const asked = new Set(built.card.masks.map((m) => m.id));
  out.push({ card: { id: base, ...built.card }, subs: cards.filter((c) => asked.has(`c${c.ord + 1}`)).map((c) => [c.id, `c${c.ord + 1}`]) });
  return null;
}
