/**
 * Image occlusion cards (format 2): which mask a review item asks about, what each mask shows in
 * either mode before and after the reveal, and how a mask is described in words for screen
 * readers and read-aloud. Pure: shared by the validator, study, quiz, the editor and the tests.
 */
import type { OcclusionCard, OcclusionMask } from './schema';

/** Default question of an occlusion card that has none of its own. */
export const OCCLUSION_QUESTION = 'What does the highlighted box hide?';

/** The mask a review item asks about (its sub key is the mask's id), or undefined. */
export function askedMask(card: OcclusionCard, sub: string): OcclusionMask | undefined {
  return card.masks.find((m) => m.id === sub);
}

/**
 * How one mask is drawn: `asked` covers and is highlighted, `covered` covers, `answer` marks the
 * uncovered asked area after the reveal, `open` covers nothing (its label is only for screen readers).
 */
export type MaskState = 'asked' | 'covered' | 'answer' | 'open';

/**
 * Each mask's state for an item: "hide one, guess one" covers only the asked mask; "hide all,
 * guess one" covers every mask. The reveal uncovers only the asked one.
 */
export function maskStates(card: OcclusionCard, sub: string, revealed: boolean): { mask: OcclusionMask; state: MaskState }[] {
  return card.masks.map((mask) => {
    if (mask.id === sub) return { mask, state: revealed ? 'answer' : 'asked' };
    return { mask, state: card.mode === 'hide-all' ? 'covered' : 'open' };
  });
}

const ROWS = ['top', 'middle', 'bottom'] as const;
const COLUMNS = ['left', 'centre', 'right'] as const;

/** Where a mask's centre sits on the image, in words: "top left", "middle centre"… */
export function maskPlace(mask: Pick<OcclusionMask, 'x' | 'y' | 'width' | 'height'>): string {
  const third = (v: number) => Math.min(2, Math.max(0, Math.floor(v * 3)));
  return `${ROWS[third(mask.y + mask.height / 2)]} ${COLUMNS[third(mask.x + mask.width / 2)]}`;
}

/**
 * A mask's accessible text: an asked mask says where it is and that it is asked (never its
 * label), an uncovered one its label, a covered one where it is and that it stays covered.
 */
export function maskDescription(mask: OcclusionMask, state: MaskState): string {
  const place = maskPlace(mask);
  switch (state) {
    case 'asked':
      return `Asked: the highlighted box, ${place}`;
    case 'answer':
      return `Answer, ${place}: ${mask.label}`;
    case 'covered':
      return `Covered box, ${place}`;
    case 'open':
      return `${mask.label}, ${place}`;
  }
}

/** What an occlusion item asks, in words (read aloud, card lists). */
export function occlusionFront(card: OcclusionCard, sub: string): string {
  const asked = askedMask(card, sub);
  return `${card.question ?? OCCLUSION_QUESTION} ${card.alt}.${asked ? ` The box ${maskPlace(asked)}.` : ''}`;
}

/** The asked mask's label: the item's answer. */
export function occlusionAnswer(card: OcclusionCard, sub: string): string {
  return askedMask(card, sub)?.label ?? '';
}
