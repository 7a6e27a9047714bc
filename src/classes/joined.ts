/**
 * The classes this device joined (localStorage `briefdeck-joined-classes`) and taking their
 * decks into the library: a class deck is stored as an imported deck, through the store's deck
 * update path, which keeps progress on every card whose id is unchanged.
 */
import { saveDeck, syncDeckItems } from '../store';
import { markClassDecks } from '../store/class-marks';
import type { ClassDeckDoc } from './class-docs';
import { fetchClassDecks, type JoinedClass } from './student';

const KEY = 'briefdeck-joined-classes';

function isJoined(x: unknown): x is JoinedClass {
  if (!x || typeof x !== 'object') return false;
  const j = x as Record<string, unknown>;
  return ['server', 'classId', 'key', 'title', 'teacher', 'username'].every((k) => typeof j[k] === 'string');
}

/** The classes joined on this device. */
export function joinedClasses(): JoinedClass[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isJoined) : [];
  } catch {
    return [];
  }
}

/** Remembers a joined class (replacing an earlier entry for the same class and server). */
export function rememberJoined(joined: JoinedClass): void {
  const rest = joinedClasses().filter((j) => !(j.classId === joined.classId && j.server === joined.server));
  localStorage.setItem(KEY, JSON.stringify([...rest, joined]));
}

/** Stores a class's decks in the library, marked as the class's (the learner's sync leaves them to it); returns their titles. */
export async function installClassDecks(classId: string, decks: readonly ClassDeckDoc[], now = Date.now()): Promise<string[]> {
  // Marked first: a class deck must never be taken for the learner's own, even for a moment.
  await markClassDecks(decks.map((d) => d.deck.id), classId);
  for (const doc of decks) {
    await saveDeck(doc.deck, 'imported', now);
    await syncDeckItems(doc.deck, now);
  }
  return decks.map((d) => d.deck.title);
}

/**
 * Fetches every joined class's decks and stores them: what "next sync" does for classes. The
 * learner's sync calls it after each sync; the join page calls it at once. Returns what came in
 * and what was refused, per class.
 */
export async function refreshJoinedClasses(now = Date.now()): Promise<{ classId: string; decks: string[]; quarantined: { id: string; reason: string }[]; error?: string }[]> {
  const out = [];
  for (const joined of joinedClasses()) {
    try {
      const { decks, quarantined } = await fetchClassDecks(joined);
      out.push({ classId: joined.classId, decks: await installClassDecks(joined.classId, decks, now), quarantined });
    } catch (e) {
      out.push({ classId: joined.classId, decks: [], quarantined: [], error: (e as Error).message });
    }
  }
  return out;
}
