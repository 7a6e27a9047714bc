/**
 * A check to run before `JSON.parse` on text from outside: a few megabytes of `[[[[…` parse into
 * millions of nested lists, seconds of work and tens of megabytes, though no Briefdeck file nests
 * more than a few levels. One pass over the characters, strings skipped. Pure.
 */

/** Offset of the first `[` or `{` nested deeper than `max` (outside strings), or -1 when none is. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, escapes and all; an unclosed one is JSON.parse's to report.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
