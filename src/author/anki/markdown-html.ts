/**
 * Briefdeck's Markdown subset → the plain HTML Anki fields hold: text escaped, `**bold**`,
 * `*italics*` / `_italics_`, `` `code` ``, line breaks and simple lists. Anything else stays as
 * text. Pure.
 */

/** Text as HTML that shows exactly these characters. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\\([\\*_`[\]~<>#|&-])/g, (_, c: string) => `&#${c.charCodeAt(0)};`)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]+?)\*(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^_\w])_(?=\S)([^_]+?)_(?!\w)/g, '$1<i>$2</i>');
}

/** The field's HTML. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of md.split('\n')) {
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      const kind = item[1] ? 'ul' : 'ol';
      if (list !== kind) {
        close();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline(item[3]!)}</li>`);
      continue;
    }
    close();
    out.push(`${inline(line)}<br>`);
  }
  close();
  return out.join('').replace(/(<br>)+$/, '');
}
