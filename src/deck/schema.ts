/**
 * Deck formats 1 and 2 (2 adds `media`): the one schema behind the app, the `decks:check` CLI, the generated
 * `decks/deck.schema.json` and the tests. Types are inferred from it, so they cannot drift.
 * Pure data description: no DOM, no IndexedDB. Semantic rules a schema cannot express
 * (unique ids, references, cloze markup) live in `validate.ts`.
 */
import * as v from 'valibot';
import { VISIBLE } from './visible.ts';

/** Limits that keep a deck small enough to load, validate and store without freezing a phone. */
export const LIMITS = {
  idLength: 64,
  titleLength: 120,
  textLength: 2000,
  tagLength: 40,
  tags: 20,
  keyPoints: 200,
  cards: 5000,
  choices: 8,
  accept: 10,
  /** Deletions (`{{c1::…}}` markups) in one cloze card, and the highest deletion number. */
  deletions: 50,
  clozeNumber: 99,
  /** Review items a deck's cards make (a reversed basic card makes 2, a cloze card one per number). */
  items: 10000,
  fileBytes: 5 * 1024 * 1024,
  media: 500,
  /** Masks on one image occlusion card (each is a review item). */
  masks: 50,
} as const;

/** The format a text-only deck is written in; a deck with media is written in `MEDIA_FORMAT`. */
export const DECK_FORMAT = 1;
/** Deck format 2: format 1 plus `media`, files referred to by name from text fields (see media.ts). */
export const MEDIA_FORMAT = 2;

const slug = v.pipe(
  v.string('must be a text id'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lowercase letters, digits and single hyphens'),
  v.maxLength(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`),
);

const text = (max: number = LIMITS.textLength) =>
  v.pipe(
    v.string('must be text'),
    // Zero-width characters alone show nothing: such a field is as empty as a blank one.
    v.regex(VISIBLE, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

const tags = v.optional(
  v.pipe(
    v.array(
      v.pipe(
        v.string('must be text'),
        // One regex (the JSON schema takes one pattern): no spaces or commas, and something that shows.
        v.regex(new RegExp(`^(?=[^,]*?${VISIBLE.source})[^\\s,]+$`), 'must be one word without spaces or commas'),
        v.maxLength(LIMITS.tagLength, `must be at most ${LIMITS.tagLength} characters`),
      ),
      'must be a list of tags',
    ),
    v.maxLength(LIMITS.tags, `must have at most ${LIMITS.tags} tags`),
  ),
);

const cardBase = {
  id: slug,
  keyPoint: v.optional(slug),
  tags,
  explanation: v.optional(text()),
};

export const BasicCardSchema = v.strictObject({
  ...cardBase,
  type: v.literal('basic'),
  front: text(),
  back: text(),
  reverse: v.optional(v.boolean('must be true or false')),
});

export const ClozeCardSchema = v.strictObject({
  ...cardBase,
  type: v.literal('cloze'),
  text: text(),
});

const choiceIndex = v.pipe(
  v.number('must be a choice index (a whole number from 0)'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must be 0 or more'),
);

export const McqCardSchema = v.strictObject({
  ...cardBase,
  type: v.literal('mcq'),
  question: text(),
  choices: v.pipe(
    v.array(text(), 'must be a list of choices'),
    v.minLength(2, 'needs at least 2 choices'),
    v.maxLength(LIMITS.choices, `must have at most ${LIMITS.choices} choices`),
  ),
  answer: v.union(
    [choiceIndex, v.pipe(v.array(choiceIndex), v.minLength(1, 'needs at least one right choice'))],
    'must be the index of the right choice, or a list of indices',
  ),
});

export const TrueFalseCardSchema = v.strictObject({
  ...cardBase,
  type: v.literal('truefalse'),
  statement: text(),
  answer: v.boolean('must be true or false'),
});

export const TypedCardSchema = v.strictObject({
  ...cardBase,
  type: v.literal('typed'),
  question: text(),
  answer: text(LIMITS.titleLength),
  accept: v.optional(
    v.pipe(
      v.array(text(LIMITS.titleLength), 'must be a list of accepted answers'),
      v.maxLength(LIMITS.accept, `must have at most ${LIMITS.accept} accepted answers`),
    ),
  ),
});

/** A share of the image's width or height, from its top left corner: 0 to 1. */
const share = v.pipe(
  v.number('must be a share of the image from 0 to 1'),
  v.minValue(0, 'must be 0 or more'),
  v.maxValue(1, 'must be at most 1 (the whole image)'),
);

/** One rectangle of an occlusion card, in shares of the image, with what it hides in words. */
export const OcclusionMaskSchema = v.strictObject({
  id: slug,
  x: share,
  y: share,
  width: share,
  height: share,
  label: text(LIMITS.titleLength),
}, 'must be a mask: an object with id, x, y, width, height and label');

/** How an occlusion card asks: every other mask lifted, or every mask kept in place. */
export const OCCLUSION_MODES = ['hide-one', 'hide-all'] as const;

/** Image occlusion (format 2): rectangles over one of the deck's images, each one review item. */
export const OcclusionCardSchema = v.strictObject({
  ...cardBase,
  type: v.literal('occlusion'),
  question: v.optional(text()),
  image: v.pipe(v.string('must be the name of one of the deck\'s images'), v.minLength(1, 'must not be empty'), v.maxLength(100, 'must be at most 100 characters')),
  alt: text(300),
  mode: v.picklist(OCCLUSION_MODES, 'must be "hide-one" (only the asked mask covers the image) or "hide-all" (every mask covers it)'),
  masks: v.pipe(
    v.array(OcclusionMaskSchema, 'must be a list of masks'),
    v.minLength(1, 'needs at least 1 mask'),
    v.maxLength(LIMITS.masks, `must have at most ${LIMITS.masks} masks`),
  ),
});

export const CARD_TYPES = ['basic', 'cloze', 'mcq', 'truefalse', 'typed', 'occlusion'] as const;

export const CardSchema = v.variant(
  'type',
  [BasicCardSchema, ClozeCardSchema, McqCardSchema, TrueFalseCardSchema, TypedCardSchema, OcclusionCardSchema],
  `must be one of ${CARD_TYPES.join(', ')}`,
);

export const KeyPointSchema = v.strictObject({ id: slug, text: text(600) }, 'must be a key point: an object with id and text');

export const SourceSchema = v.strictObject({
  title: text(300),
  author: v.optional(text(200)),
  publisher: v.optional(text(200)),
  date: v.optional(
    v.pipe(v.string('must be text'), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD')),
  ),
  url: v.optional(v.pipe(v.string('must be text'), v.regex(/^https?:\/\/\S+$/, 'must be an http(s) address'))),
}, 'must be a citation: an object with at least a title');

const dimension = v.pipe(
  v.number('must be a number of pixels'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be 1 or more'),
  v.maxValue(20000, 'must be at most 20000'),
);

/**
 * One media file a format 2 deck carries: its plain file name (which text fields refer to), its
 * type, and for images the pixel size, so that a card reserves the image's room before it loads.
 * `sha256` is the content's hash, as Briefdeck stores it; a bundle's file must match it.
 */
export const MediaSchema = v.strictObject({
  name: v.pipe(v.string('must be a file name'), v.minLength(1, 'must not be empty'), v.maxLength(100, 'must be at most 100 characters')),
  type: v.pipe(v.string('must be a media type such as image/png'), v.maxLength(40, 'must be at most 40 characters')),
  width: v.optional(dimension),
  height: v.optional(dimension),
  bytes: v.optional(v.pipe(v.number('must be a number of bytes'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'))),
  sha256: v.optional(v.pipe(v.string('must be text'), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits'))),
}, 'must be a media file: an object with name and type');

export const DeckSchema = v.strictObject({
  $schema: v.optional(v.string('must be text')),
  format: v.optional(v.picklist([DECK_FORMAT, MEDIA_FORMAT], `must be ${DECK_FORMAT} or ${MEDIA_FORMAT}: this Briefdeck reads deck formats ${DECK_FORMAT} and ${MEDIA_FORMAT}`)),
  id: slug,
  version: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more')),
  title: text(LIMITS.titleLength),
  description: v.optional(text(600)),
  language: v.optional(v.pipe(v.string('must be text'), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR'))),
  tags,
  source: v.optional(SourceSchema),
  keyPoints: v.optional(
    v.pipe(
      v.array(KeyPointSchema, 'must be a list of key points'),
      v.maxLength(LIMITS.keyPoints, `must have at most ${LIMITS.keyPoints} key points`),
    ),
  ),
  media: v.optional(
    v.pipe(
      v.array(MediaSchema, 'must be a list of media files'),
      v.maxLength(LIMITS.media, `must have at most ${LIMITS.media} media files`),
    ),
  ),
  cards: v.pipe(
    v.array(CardSchema, 'must be a list of cards'),
    v.minLength(1, 'needs at least 1 card'),
    v.maxLength(LIMITS.cards, `must have at most ${LIMITS.cards} cards`),
  ),
}, 'must be a deck: a JSON object with at least id, version, title and cards');

export type Deck = v.InferOutput<typeof DeckSchema>;
export type Card = v.InferOutput<typeof CardSchema>;
export type CardType = Card['type'];
export type KeyPoint = v.InferOutput<typeof KeyPointSchema>;
export type MediaFile = v.InferOutput<typeof MediaSchema>;
export type DeckSource = v.InferOutput<typeof SourceSchema>;
export type BasicCard = v.InferOutput<typeof BasicCardSchema>;
export type ClozeCard = v.InferOutput<typeof ClozeCardSchema>;
export type McqCard = v.InferOutput<typeof McqCardSchema>;
export type TrueFalseCard = v.InferOutput<typeof TrueFalseCardSchema>;
export type TypedCard = v.InferOutput<typeof TypedCardSchema>;
export type OcclusionCard = v.InferOutput<typeof OcclusionCardSchema>;
export type OcclusionMask = v.InferOutput<typeof OcclusionMaskSchema>;
export type OcclusionMode = OcclusionCard['mode'];
