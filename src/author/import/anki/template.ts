/**
 * Renders one side of a card from an Anki template, for note types that are not one of Anki's
 * stock kinds: field substitution, `{{FrontSide}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`,
 * filters (`text:`, `hint:`, `cloze:`, `type:`…). The result is still HTML: the caller converts it
 * to safe Markdown like any field. Reports what it could not carry over. Pure.
 */

export interface TemplateContext {
  fields: Record<string, string>;
  /** The rendered question, for `{{FrontSide}}` on the answer side. */
  frontSide?: string;
  /** Special fields Anki offers: Tags, Deck, Subdeck, Type, Card. */
  special?: Record<string, string>;
}

export interface Rendered {
  html: string;
  problems: string[];
}

const SECTION = /\{\{([#^])\s*([^}]+?)\s*\}\}([\s\S]*?)\{\{\/\s*\2\s*\}\}/;
const TAG = /\{\{\s*([^#^/}][^}]*?)\s*\}\}/g;
const PLAIN_FILTERS = new Set(['text', 'hint', 'furigana', 'kana', 'kanji', 'cloze-only', 'nc']);

// As Anki decides it: only whitespace, line breaks and empty divs count as empty; an image does not.
const nonEmpty = (html: string | undefined) => !!html && html.replace(/<br\s*\/?>|<\/?div>|&nbsp;|[\s\u00a0]/gi, '') !== '';

/** Renders `fmt` with the note's fields. */
export function renderTemplate(fmt: string, ctx: TemplateContext): Rendered {
  const problems: string[] = [];
  // Own keys only: a template is outside text, and `{{constructor}}` must be an unknown field, not Object.
  const own = (record: Record<string, string> | undefined, key: string) => (record && Object.hasOwn(record, key) ? record[key] : undefined);
  const lookup = (name: string): string | undefined => own(ctx.fields, name) ?? own(ctx.special, name);
  let html = fmt;
  // Innermost-first would need a parser; Anki's sections rarely nest the same field, so a repeated
  // pass of the first complete section (non-greedy, matched by name) resolves them in order.
  for (let guard = 0; guard < 1000; guard++) {
    const m = SECTION.exec(html);
    if (!m) break;
    const name = m[2]!;
    const present = nonEmpty(lookup(name));
    const keep = m[1] === '#' ? present : !present;
    html = html.slice(0, m.index) + (keep ? m[3]! : '') + html.slice(m.index + m[0].length);
  }
  html = html.replace(TAG, (_, inner: string) => {
    if (inner === 'FrontSide') return ctx.frontSide ?? '';
    const parts = inner.split(':');
    const name = parts.pop()!.trim();
    const filters = parts.map((p) => p.trim());
    const value = lookup(name);
    if (value === undefined) {
      problems.push(`uses a field “${name}” the note type does not have`);
      return '';
    }
    if (filters.includes('type')) {
      problems.push(`asks to type “${name}”, which is shown as text instead`);
      return '';
    }
    for (const f of filters) {
      if (f === 'text') continue;
      if (!PLAIN_FILTERS.has(f) && f !== 'cloze' && !problems.includes(`uses the filter “${f}”, shown unfiltered`)) problems.push(`uses the filter “${f}”, shown unfiltered`);
    }
    return filters.includes('text') ? value.replace(/<[^>]*>/g, '') : value;
  });
  return { html, problems };
}

/** The answer side without the question repeated: Anki's answers usually start with the question and a rule. */
export function answerOnly(answerHtml: string, questionHtml: string): string {
  let a = answerHtml;
  if (questionHtml && a.startsWith(questionHtml)) a = a.slice(questionHtml.length);
  const rule = /<hr\s+id\s*=\s*["']?answer["']?\s*\/?>/i.exec(a);
  if (rule) a = a.slice(rule.index + rule[0].length);
  return a;
}
