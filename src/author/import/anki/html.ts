/**
 * Anki's HTML fields → Briefdeck's safe Markdown subset (bold, italics, lists, line breaks, links
 * to http(s) pages, images and sounds by media name; with a resolver, by the deck's media names,
 * every picture with alt text, and a file that does not come along shown as a short note). The HTML is only tokenised (htmlparser2),
 * never rendered: every tag outside a short whitelist is dropped with its attributes, scripts and
 * styles with their content, and text is escaped so it cannot turn into Markdown it was not.
 * Pure, worker-safe (no DOM).
 */
import { Parser } from 'htmlparser2';
import { holdMath, restoreMath } from './math';

export interface FieldText {
  text: string;
  /** Media names the field uses (`<img src>` and `[sound:…]`), in order, each once. */
  media: string[];
  /** What was dropped: remote images, scripts… (for the import report). */
  dropped: string[];
  /** Anki names of pictures without alt text, described by their file name instead (with a resolver). */
  namedAlt: string[];
  /** Formulas that became Briefdeck's `$…$` / `$$…$$` (shown only in format 2 decks). */
  formulas: number;
  /** `[latex]` blocks and formulas kept as text: not one formula Briefdeck can show. */
  latexKept: number;
}

/** The deck's name for an Anki media file used as `kind`, or null when the file does not come along. */
export type MediaResolver = (ankiName: string, kind: 'image' | 'audio') => string | null;

/** Alt text as the reference can hold it: one line, no brackets or backslashes that would end or escape it. */
function cleanAlt(alt: string): string {
  return alt.replace(/[[\]\\]+/g, ' ').replace(/[\s\u00a0]+/g, ' ').trim().slice(0, 300);
}

/** A description from a file name when Anki has none: `paste-2f9a.jpg` → `paste 2f9a`. */
export function altFromName(name: string): string {
  return cleanAlt(name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_-]+/g, ' ')) || 'picture';
}

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table', 'section', 'article', 'header', 'footer', 'pre', 'center']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe', 'object', 'svg', 'math']);
const STRONG = new Set(['b', 'strong']);
const EM = new Set(['i', 'em']);
const SOUND = /\[sound:([^\]\n]+)\]/g;

/**
 * Backslash-escapes what Markdown would read as syntax: emphasis, code, links, strike-through, raw
 * HTML, math's `$`, and `&` only where it would start a character reference. Line starts are
 * handled after.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_`[\]~<$]|&(?=#?\w+;)/g, '\\$&');
}

/** A local media name (no scheme, no path up): remote and inline images are not carried. */
function localName(src: string): string | null {
  const s = src.trim();
  if (!s || /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//') || s.includes('..')) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Converts one field. `plain` gives text without any Markdown (for typed answers and ids). */
export function htmlToMarkdown(html: string, plain = false, resolve?: MediaResolver): FieldText {
  const media: string[] = [];
  const dropped: string[] = [];
  const namedAlt: string[] = [];
  const addMedia = (name: string) => {
    if (!media.includes(name)) media.push(name);
  };
  // A stack of buffers: emphasis wraps what its element produced once the element closes.
  const frames: { tag: string; out: string }[] = [{ tag: '', out: '' }];
  const lists: { ordered: boolean; n: number }[] = [];
  let skipDepth = 0;
  const top = () => frames[frames.length - 1]!;
  const emit = (s: string) => (top().out += s);
  const newline = () => {
    const t = top();
    if (t.out && !t.out.endsWith('\n')) t.out += '\n';
  };
  // The parser hands text over in pieces (a decoded entity is one): escape it whole.
  let pending = '';
  const flush = () => {
    if (pending) text(pending);
    pending = '';
  };
  const text = (raw: string) => {
    const collapsed = raw.replace(/[\s\u00a0]+/g, ' ');
    let last = 0;
    let out = '';
    for (const m of collapsed.matchAll(SOUND)) {
      out += plain ? collapsed.slice(last, m.index) : escapeMarkdown(collapsed.slice(last, m.index));
      const name = m[1]!.trim();
      addMedia(name);
      if (!resolve) out += `[sound:${name}]`;
      else {
        const own = resolve(name, 'audio');
        out += own ? `[sound:${own}]` : plain ? '' : escapeMarkdown(`(sound “${name}” not imported)`);
      }
      last = m.index + m[0].length;
    }
    out += plain ? collapsed.slice(last) : escapeMarkdown(collapsed.slice(last));
    if (top().out.endsWith('\n') || top().out === '') out = out.replace(/^ +/, '');
    emit(out);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        flush();
        if (skipDepth || SKIP.has(name)) {
          if (SKIP.has(name) && !dropped.includes(name)) dropped.push(name);
          skipDepth++;
          return;
        }
        if (name === 'br') emit('\n');
        else if (name === 'hr') (newline(), emit('\n'));
        else if (BLOCK.has(name)) newline();
        else if (name === 'ul' || name === 'ol') (newline(), lists.push({ ordered: name === 'ol', n: 0 }));
        else if (name === 'li') {
          newline();
          const list = lists[lists.length - 1];
          const indent = '  '.repeat(Math.max(0, lists.length - 1));
          if (plain) emit(indent);
          else if (list?.ordered) emit(`${indent}${++list.n}. `);
          else emit(`${indent}- `);
        } else if (name === 'img') {
          const src = localName(attrs.src ?? '');
          if (src) {
            addMedia(src);
            if (plain) {
              // Typed answers and labels: no pictures.
            } else if (!resolve) emit(`![${escapeMarkdown(attrs.alt ?? '')}](${src.replace(/[()\s]/g, encodeURIComponent)})`);
            else {
              const own = resolve(src, 'image');
              let alt = cleanAlt(attrs.alt ?? '');
              if (own && !alt) {
                alt = altFromName(src);
                if (!namedAlt.includes(src)) namedAlt.push(src);
              }
              emit(own ? `![${alt}](${own})` : escapeMarkdown(`(picture “${alt || src}” not imported)`));
            }
          } else if (!dropped.includes('remote image')) dropped.push('remote image');
        } else if (!plain && (STRONG.has(name) || EM.has(name) || name === 'a')) frames.push({ tag: name === 'a' ? `a ${attrs.href ?? ''}` : name, out: '' });
      },
      onclosetag(name) {
        flush();
        if (skipDepth) {
          skipDepth--;
          return;
        }
        if (BLOCK.has(name) || name === 'li') newline();
        else if (name === 'ul' || name === 'ol') (lists.pop(), newline());
        else if (!plain && (STRONG.has(name) || EM.has(name) || name === 'a') && frames.length > 1 && top().tag.split(' ')[0] === name) {
          const frame = frames.pop()!;
          const inner = frame.out.trim();
          const lead = frame.out.match(/^\s*/)![0];
          const trail = frame.out.match(/\s*$/)![0];
          if (!inner) emit(frame.out);
          else if (name === 'a') {
            const href = frame.tag.slice(2).trim();
            emit(/^(https?:\/\/|mailto:)\S+$/i.test(href) ? `${lead}[${inner}](${href.replace(/[()\s]/g, encodeURIComponent)})${trail}` : frame.out);
          } else {
            const mark = STRONG.has(name) ? '**' : '*';
            emit(`${lead}${mark}${inner}${mark}${trail}`);
          }
        }
      },
      ontext(t) {
        if (!skipDepth) pending += t;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  // Formulas are held out first: their TeX is neither escaped nor read as tags.
  const held = holdMath(html, (inner) => htmlToMarkdown(inner, true).text);
  parser.write(held.html);
  parser.end();
  flush();
  while (frames.length > 1) {
    const f = frames.pop()!;
    emit(f.out);
  }
  const out = top()
    .out.split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A line that now starts like a heading or a quote is text, not Markdown syntax.
  const safe = restoreMath(plain ? out : out.replace(/^(#+|>|\|)/gm, '\\$1'), held.formulas);
  return { text: safe, media, dropped, namedAlt, formulas: held.formulas.length, latexKept: held.kept };
}
