/**
 * The gate every document from the server passes before the app applies it: a document of the
 * wrong shape, of an absurd size, or carrying script in its text is quarantined with a reason
 * naming what is wrong and where, never applied or executed. Design documents are the server's
 * business and are ignored. Pure: checks values, stores nothing.
 */
import * as v from 'valibot';
import { validateDeck, formatError } from '../deck/validate';
import { parseHistoryId } from './docs';

/** Largest JSON text, in characters, of a history document and of any other document. */
export const MAX_DOC_CHARS = { history: 4 * 1024, other: 2 * 1024 * 1024 } as const;

export type GateResult =
  | { status: 'ok'; id: string; doc: Record<string, unknown> }
  | { status: 'ignored'; id: string; reason: string }
  | { status: 'quarantined'; id: string; reason: string };

// Times before 2000 or after 2200 are not times a learner answered a card.
const time = v.pipe(v.number(), v.finite(), v.minValue(946_684_800_000), v.maxValue(7_258_118_400_000));
const meta = {
  _id: v.string(),
  _rev: v.optional(v.string()),
  _conflicts: v.optional(v.array(v.string())),
  _revisions: v.optional(v.unknown()),
};
const itemId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9-]+)?$/), v.maxLength(200));

const ReviewDocSchema = v.strictObject({
  ...meta,
  type: v.literal('review'),
  itemId,
  grade: v.picklist([1, 2, 3, 4]),
  mode: v.picklist(['study', 'quiz']),
  at: time,
  durationMs: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(24 * 3600 * 1000)),
  reschedule: v.boolean(),
  correct: v.optional(v.boolean()),
});

const EventDocSchema = v.strictObject({
  ...meta,
  type: v.literal('event'),
  kind: v.picklist(['suspend', 'unsuspend', 'bury', 'reset']),
  itemId,
  at: time,
  until: v.optional(time),
  leech: v.optional(v.literal(true)),
});

const edited = { editedAt: time, device: v.pipe(v.string(), v.maxLength(100)) };
const origin = v.optional(v.picklist(['imported', 'authored']));
const DeckDocSchema = v.strictObject({ ...meta, ...edited, type: v.literal('deck'), deck: v.unknown(), origin });
const SettingsDocSchema = v.strictObject({ ...meta, ...edited, type: v.literal('settings'), settings: v.record(v.string(), v.unknown()) });
const VersionDocSchema = v.strictObject({
  ...meta,
  ...edited,
  type: v.literal('version'),
  of: v.pipe(v.string(), v.maxLength(200)),
  rev: v.pipe(v.string(), v.regex(/^\d+-[0-9a-z]+$/)),
  keptAt: time,
  deck: v.optional(v.unknown()),
  origin,
  settings: v.optional(v.record(v.string(), v.unknown())),
});
const ClassDocSchema = v.strictObject({
  ...meta,
  type: v.literal('class'),
  classId: v.string(),
  title: v.pipe(v.string(), v.maxLength(200)),
  teacher: v.pipe(v.string(), v.maxLength(64)),
});

const SCHEMAS = {
  review: ReviewDocSchema,
  event: EventDocSchema,
  deck: DeckDocSchema,
  settings: SettingsDocSchema,
  version: VersionDocSchema,
  class: ClassDocSchema,
} as const;

// Markup that runs code when rendered: script and frame elements, inline handlers, and URLs
// with a script scheme (also when spaced or entity-encoded to slip past a simple check).
const SCRIPT = [
  /<\s*(script|iframe|object|embed|frame|frameset|applet|meta|base|link|svg|math|style)\b/i,
  /<[^>]*\son[a-z]+\s*=/i,
  /(java|vb)\s*script\s*:/i,
  /&#0*(106|74);?|&#x0*(6a|4a);?/i,
  /data\s*:\s*text\/html/i,
];

/** The path (`deck.cards[3].front`) and text of the first string with script in it, if any. */
function findScript(value: unknown, path: string, depth = 0): string | null {
  if (depth > 32) return `${path || 'document'} (nested too deep)`;
  if (typeof value === 'string') return SCRIPT.some((re) => re.test(value)) ? path || 'document' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findScript(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const keyPath = path ? `${path}.${key}` : key;
      if (SCRIPT.some((re) => re.test(key))) return keyPath;
      const hit = findScript(child, keyPath, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.') || 'document';
}

/** What is wrong with a kept version's id or content (its shape already checked), or null. */
function versionProblem(doc: Record<string, unknown>): string | null {
  const { _id, of, rev, deck, settings } = doc as { _id: string; of: string; rev: string; deck?: unknown; settings?: unknown };
  if (_id !== `version:${of}:${rev}`) return `_id is not version:${of}:${rev}`;
  if (of === 'settings') return settings === undefined || deck !== undefined ? 'a version of the settings must hold settings and no deck' : null;
  if (deck === undefined || settings !== undefined) return `a version of ${of} must hold a deck and no settings`;
  const result = validateDeck(deck);
  if (!result.ok) return `deck ${formatError(result.errors[0]!)}`;
  return of === `deck:${result.deck.id}` ? null : `of is not deck:${result.deck.id}`;
}

/** Checks one document from the server: apply it, ignore it, or quarantine it (with why). */
export function checkIncoming(input: unknown): GateResult {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { status: 'quarantined', id: '?', reason: 'not a JSON object' };
  }
  const doc = input as Record<string, unknown>;
  const id = typeof doc._id === 'string' ? doc._id : '?';
  if (id === '?') return { status: 'quarantined', id, reason: '_id is missing or not text' };
  if (doc._deleted === true) return { status: 'ok', id, doc };
  if (id.startsWith('_design/')) return { status: 'ignored', id, reason: 'a design document (the server’s own)' };
  if ('_attachments' in doc) return { status: 'quarantined', id, reason: 'has attachments, which Briefdeck never writes' };

  let size: number;
  try {
    size = JSON.stringify(doc).length;
  } catch {
    return { status: 'quarantined', id, reason: 'cannot be written as JSON' };
  }
  const type = typeof doc.type === 'string' ? doc.type : '';
  const limit = type === 'review' || type === 'event' ? MAX_DOC_CHARS.history : MAX_DOC_CHARS.other;
  if (size > limit) return { status: 'quarantined', id, reason: `is ${size} characters long, over the ${limit} a ${type || 'document'} may have` };

  const script = findScript(doc, '');
  if (script) return { status: 'quarantined', id, reason: `has script in its text at ${script}` };

  const schema = SCHEMAS[type as keyof typeof SCHEMAS];
  if (!schema) return { status: 'quarantined', id, reason: `unknown type ${JSON.stringify(doc.type)}` };
  const parsed = v.safeParse(schema, doc);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { status: 'quarantined', id, reason: `${type} field ${issuePath(issue)}: ${issue.message}` };
  }
  if (type === 'review' || type === 'event') {
    const parts = parseHistoryId(id);
    if (!parts || parts.type !== type || parts.itemId !== doc.itemId || parts.at !== Math.trunc(doc.at as number)) {
      return { status: 'quarantined', id, reason: `_id does not match its ${type}'s item and time` };
    }
    if (type === 'event' && doc.kind === 'bury' && doc.until === undefined) {
      return { status: 'quarantined', id, reason: 'a bury event without until' };
    }
    if (type === 'event' && doc.leech && doc.kind !== 'suspend') {
      return { status: 'quarantined', id, reason: `a ${String(doc.kind)} event marked leech (only a suspension is)` };
    }
  }
  if (type === 'deck') {
    const result = validateDeck(doc.deck);
    if (!result.ok) return { status: 'quarantined', id, reason: `deck ${formatError(result.errors[0]!)}` };
    if (id !== `deck:${result.deck.id}`) return { status: 'quarantined', id, reason: `_id is not deck:${result.deck.id}` };
  }
  if (type === 'version') {
    const problem = versionProblem(doc);
    if (problem) return { status: 'quarantined', id, reason: problem };
  }
  return { status: 'ok', id, doc };
}

/** Sorts a batch from the server into what to apply and what was quarantined. */
export function gate(docs: Iterable<unknown>): { ok: Record<string, unknown>[]; quarantined: { id: string; reason: string }[] } {
  const ok: Record<string, unknown>[] = [];
  const quarantined: { id: string; reason: string }[] = [];
  for (const doc of docs) {
    const result = checkIncoming(doc);
    if (result.status === 'ok') ok.push(result.doc);
    else if (result.status === 'quarantined') quarantined.push({ id: result.id, reason: result.reason });
  }
  return { ok, quarantined };
}
