/**
 * Anki's formulas → Briefdeck's: MathJax `\(…\)` and `\[…\]`, and the LaTeX shorthands `[$]…[/$]`
 * and `[$$]…[/$$]`, become `$…$` and `$$…$$`; a `[latex]…[/latex]` block becomes one when it holds
 * a single formula. Each formula is swapped for a private-use placeholder before the field's HTML
 * is read, so tags inside it (`<br>`, entities) are undone once and the Markdown escaping never
 * touches TeX; anything that cannot be written as Briefdeck math stays the text it was. Pure.
 */

/** A field's HTML with its formulas held out, and what to put back for each placeholder. */
export interface HeldMath {
  html: string;
  /** Briefdeck's `$…$` / `$$…$$` per placeholder, in order. */
  formulas: string[];
  /** `[latex]` blocks (or formulas) kept as text: not one formula Briefdeck can show. */
  kept: number;
}

const FORMULA = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]|\[\$\$\]([\s\S]*?)\[\/\$\$\]|\[\$\]([\s\S]*?)\[\/\$\]|\[latex\]([\s\S]*?)\[\/latex\]/gi;

/** `[latex]` content that is one formula: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` or an equation environment. */
const LATEX_FORMULA: [RegExp, boolean][] = [
  [/^\$\$([\s\S]+)\$\$$/, true],
  [/^\$([\s\S]+)\$$/, false],
  [/^\\\[([\s\S]+)\\\]$/, true],
  [/^\\\(([\s\S]+)\\\)$/, false],
  [/^\\begin\{(?:equation|displaymath)\*?\}([\s\S]+)\\end\{(?:equation|displaymath)\*?\}$/, true],
];

/** Placeholder characters (private use): the field text never holds them once read. */
const OPEN = '\uE010';
const CLOSE = '\uE011';
const PLACEHOLDER = /\uE010(\d+)\uE011/g;

/**
 * TeX as Briefdeck writes it, or null when it cannot be: empty, or (inline) with a bare `$` that
 * would end it early. Runs of white space are one space, as TeX reads them.
 */
export function briefdeckFormula(tex: string, display: boolean): string | null {
  const t = tex.replace(/\s+/g, ' ').trim();
  if (!t || /(^|[^\\])(\\\\)*\$/.test(t)) return null;
  return display ? `$$${t}$$` : `$${t}$`;
}

/**
 * Holds out every formula of `html`. `textOf` turns a formula's HTML into its characters (tags
 * dropped, entities decoded).
 */
export function holdMath(html: string, textOf: (html: string) => string): HeldMath {
  const formulas: string[] = [];
  let kept = 0;
  if (!/\\[([]|\[\$|\[latex\]/i.test(html)) return { html, formulas, kept };
  const out = html.replace(FORMULA, (whole, inline?: string, display?: string, latexDisplay?: string, latexInline?: string, latex?: string) => {
    let formula: string | null = null;
    if (latex !== undefined) {
      const source = textOf(latex).trim();
      for (const [pattern, isDisplay] of LATEX_FORMULA) {
        const m = pattern.exec(source);
        if (m) {
          formula = briefdeckFormula(m[1]!, isDisplay);
          break;
        }
      }
    } else {
      const source = inline ?? display ?? latexDisplay ?? latexInline ?? '';
      formula = briefdeckFormula(textOf(source), display !== undefined || latexDisplay !== undefined);
    }
    if (formula === null) {
      kept++;
      return whole;
    }
    formulas.push(formula);
    return `${OPEN}${formulas.length - 1}${CLOSE}`;
  });
  return { html: out, formulas, kept };
}

/** Puts the held formulas back into the converted text. */
export function restoreMath(text: string, formulas: readonly string[]): string {
  return formulas.length ? text.replace(PLACEHOLDER, (_, i: string) => formulas[Number(i)] ?? '') : text;
}
