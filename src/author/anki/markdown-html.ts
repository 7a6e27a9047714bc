/**
 * Briefdeck's Markdown subset → the plain HTML Anki fields hold: text escaped, `**bold**`,
 * `*italics*` / `_italics_`, `` `code` ``, line breaks and simple lists; with the names of the
 * deck's media, `![alt](name)` becomes `<img>` and `[sound:name]` stays Anki's own sound tag; in a
 * deck that shows math, `$…$` and `$$…$$` become Anki's MathJax `\(…\)` and `\[…\]`. Anything
 * else stays as text. Pure.
 */
import { mediaRefs } from '../../deck/media';

/** Text as HTML that shows exactly these characters. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Formats a line with media references to listed files swapped for private-use placeholders
 * first, so emphasis around a picture still pairs up and nothing inside a file name is changed.
 */
function withMedia(text: string, media: ReadonlySet<string> | undefined, format: (t: string) => string): string {
  const refs = media ? mediaRefs(text).filter((r) => media.has(r.name)) : [];
  if (!refs.length) return format(text);
  let held = '';
  let at = 0;
  refs.forEach((r, i) => {
    held += `${text.slice(at, r.offset)}\uE000${i}\uE001`;
    at = r.offset + r.length;
  });
  held += text.slice(at);
  return format(held).replace(/\uE000(\d+)\uE001/g, (_, i: string) => {
    const r = refs[Number(i)]!;
    return r.kind === 'audio' ? `[sound:${escapeHtml(r.name)}]` : `<img src="${escapeHtml(r.name)}" alt="${escapeHtml(r.alt)}">`;
  });
}

// As the study screen reads them (ui/rich-render.tsx): `$$…$$` anywhere, and `$…$` whose content
// neither starts nor ends with a space and which no digit follows; an escaped character is skipped.
const MATH = /\\[\s\S]|\$\$((?:\\.|[^\\$])+?)\$\$|\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/g;

/** Formulas swapped for private-use placeholders, and each as Anki's MathJax HTML. */
function holdMath(md: string): { md: string; formulas: string[] } {
  const formulas: string[] = [];
  const held = md.replace(MATH, (whole, display?: string, inline?: string) => {
    if (display === undefined && inline === undefined) return whole;
    formulas.push(display !== undefined ? `\\[${escapeHtml(display.trim())}\\]` : `\\(${escapeHtml(inline!.trim())}\\)`);
    return `\uE002${formulas.length - 1}\uE003`;
  });
  return { md: held, formulas };
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\\([\\*_`[\]~<>#|&$-])/g, (_, c: string) => `&#${c.charCodeAt(0)};`)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]+?)\*(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^_\w])_(?=\S)([^_]+?)_(?!\w)/g, '$1<i>$2</i>');
}

/** The field's HTML; `media` names the deck's files, which references may show; `math`: the deck shows formulas (format 2). */
export function markdownToHtml(text: string, media?: ReadonlySet<string>, math = false): string {
  const { md, formulas } = math ? holdMath(text) : { md: text, formulas: [] };
  const line = (t: string) => withMedia(t, media, inline);
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const text of md.split('\n')) {
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(text);
    if (item) {
      const kind = item[1] ? 'ul' : 'ol';
      if (list !== kind) {
        close();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${line(item[3]!)}</li>`);
      continue;
    }
    close();
    out.push(`${line(text)}<br>`);
  }
  close();
  const html = out.join('').replace(/(<br>)+$/, '');
  return formulas.length ? html.replace(/\uE002(\d+)\uE003/g, (_, i: string) => formulas[Number(i)]!) : html;
}
