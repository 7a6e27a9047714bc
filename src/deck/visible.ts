/**
 * What counts as text a learner can see. A field of spaces, zero-width characters (U+200B,
 * U+2060, U+FEFF…), other default-ignorable code points or control characters shows nothing,
 * so it is as empty as a blank one. Pure; shared by the deck schema, the validator and imports.
 */

/**
 * Matches one character that shows: not white space, not a control (Cc), not default-ignorable.
 * Written without the `u` flag so that the JSON schema built from the deck schema can carry it:
 * astral characters count by their high surrogate, except the default-ignorable astral ranges
 * (U+1BCA0–3, U+1D173–A, U+E0000–E0FFF), which the lookahead refuses. The test checks it code
 * point by code point against `[^\s\p{Default_Ignorable_Code_Point}\p{Cc}]`.
 */
export const VISIBLE =
  /(?!\uD82F[\uDCA0-\uDCA3]|\uD834[\uDD73-\uDD7A]|[\uDB40-\uDB43][\uDC00-\uDFFF])[^\s\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\udc00-\udfff]/;

/** Whether `text` has at least one character a reader can see. */
export const hasVisibleText = (text: string): boolean => VISIBLE.test(text);
