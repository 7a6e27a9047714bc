/**
 * An Anki collection as plain rows, the shape both the reader produces and the writer takes:
 * note types with their fields and templates, decks by full `A::B` name, notes, cards and the
 * review log (`revlog`), with Anki's own numbers (queue, type, ease…). Pure types.
 */

export interface AnkiTemplate {
  name: string;
  qfmt: string;
  afmt: string;
}

export interface AnkiNoteType {
  id: number;
  name: string;
  /** Anki's kind: 0 normal, 1 cloze. */
  kind: 0 | 1;
  fields: string[];
  templates: AnkiTemplate[];
  css?: string;
}

export interface AnkiDeckRow {
  id: number;
  /** Full name with `::` between levels. */
  name: string;
  /** A filtered ("dynamic") deck holds cards borrowed from others. */
  filtered?: boolean;
}

export interface AnkiNoteRow {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  tags: string[];
  fields: string[];
}

export interface AnkiCardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** -3 buried by the learner, -2 buried by the scheduler, -1 suspended, 0 new, 1/3 learning, 2 review. */
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  /** The original deck of a card sitting in a filtered deck (0 otherwise). */
  odid?: number;
}

export interface AnkiRevlogRow {
  /** Epoch ms of the answer. */
  id: number;
  cid: number;
  /** 1 Again … 4 Easy; 0 for a manual reschedule. */
  ease: number;
  /** Days when positive, seconds when negative. */
  ivl: number;
  lastIvl: number;
  factor: number;
  /** Time spent, ms. */
  time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
}

export interface AnkiCollection {
  /** The collection's creation, epoch seconds: review cards' `due` counts days from it. */
  crt: number;
  /** The schema version (`col.ver`): 11 for anki2/anki21, 18 for anki21b. */
  ver: number;
  notetypes: AnkiNoteType[];
  decks: AnkiDeckRow[];
  notes: AnkiNoteRow[];
  cards: AnkiCardRow[];
  revlog: AnkiRevlogRow[];
}
