/**
 * The Markdown renderer behind `RichText` (a lazy chunk, loaded only for text with Markdown
 * syntax in it): `marked`'s lexer tokenises the text and each token becomes a Preact element
 * through a whitelist. Never builds an HTML string. Raw HTML, headings and tables render as inert
 * text; images, sounds and math only in format 2 decks, through their own lazy chunks.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { isImageType } from '../deck/media';
import type { MediaFile } from '../deck/schema';
import type { MathResult } from './math';
import type { MediaView } from './rich-media';

/** What text needs of its deck to show media and math: only format 2 decks have them. */
export interface RichDeck {
  format?: number | undefined;
  media?: MediaFile[] | undefined;
}

/** The media chunk, loaded by the first picture or sound. */
function LazyMedia(props: { kind: 'image' | 'audio'; entry: MediaFile; alt: string }): JSX.Element {
  const [View, setView] = useState<MediaView | null>(null);
  useEffect(() => {
    let live = true;
    void import('./rich-media').then((m) => live && setView(() => m.MediaView));
    return () => {
      live = false;
    };
  }, []);
  if (View) return <View {...props} />;
  // Until the chunk is here, a picture keeps its room (no shift when it appears) and says what it shows.
  const { width = 1, height = 1 } = props.entry;
  return props.kind === 'image' ? (
    <span class="rich-image" style={{ display: 'block', aspectRatio: `${width} / ${height}`, width: `min(100%, ${width}px)` }} role="img" aria-label={props.alt} />
  ) : (
    <span class="rich-audio" />
  );
}

/** The math chunk (Temml), loaded by the first formula; invalid TeX shows its source and why. */
function LazyMath({ tex, display }: { tex: string; display: boolean }): JSX.Element {
  const [result, setResult] = useState<MathResult | null>(null);
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => {
    let live = true;
    void import('./math').then(
      (m) => live && setResult(m.renderTex(tex, display)),
      () => live && setResult({ ok: false, message: 'the formula renderer could not be loaded' }),
    );
    return () => {
      live = false;
    };
  }, [tex, display]);
  useEffect(() => {
    if (host && result?.ok) host.replaceChildren(result.node.cloneNode(true));
  }, [host, result]);
  if (result && !result.ok) {
    return (
      <span class="math-error">
        <code>{display ? `$$${tex}$$` : `$${tex}$`}</code> <small>(formula not shown: {result.message})</small>
      </span>
    );
  }
  // The source stays readable until the formula is rendered.
  return <span class={display ? 'math math-display' : 'math'} ref={setHost}>{result ? null : tex}</span>;
}

/** The only link targets a deck may use; everything else renders as the link's text. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null;
  }
}

// No prototype: `&constructor;` in a card is text, not a lookup of Object's own properties.
const ENTITIES: Record<string, string> = { __proto__: null as never, amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references a browser would show as characters (no markup can result). */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function inline(tokens: Token[] | undefined, deck: RichDeck | undefined): ComponentChildren[] {
  return (tokens ?? []).map((t, i) => inlineToken(t, i, deck));
}

function inlineToken(t: Token, key: number, deck: RichDeck | undefined): ComponentChildren {
  switch (t.type) {
    case 'text': {
      const tt = t as Tokens.Text;
      return tt.tokens?.length ? <>{inline(tt.tokens, deck)}</> : decode(tt.text);
    }
    case 'escape':
      return (t as Tokens.Escape).text;
    case 'strong':
      return <strong key={key}>{inline((t as Tokens.Strong).tokens, deck)}</strong>;
    case 'em':
      return <em key={key}>{inline((t as Tokens.Em).tokens, deck)}</em>;
    case 'del':
      return <del key={key}>{inline((t as Tokens.Del).tokens, deck)}</del>;
    case 'codespan':
      return <code key={key}>{(t as Tokens.Codespan).text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = t as Tokens.Link;
      const href = safeHref(link.href);
      if (!href) return <>{inline(link.tokens, deck)}</>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {inline(link.tokens, deck)}
        </a>
      );
    }
    case 'image': {
      // Only in a format 2 deck, and only a picture it lists: anything else stays the typed characters.
      const image = t as Tokens.Image;
      const entry = deck?.format === 2 ? deck.media?.find((m) => m.name === image.href) : undefined;
      return entry && isImageType(entry.type) ? <LazyMedia key={key} kind="image" entry={entry} alt={image.text.trim()} /> : t.raw;
    }
    case 'sound': {
      const entry = deck?.format === 2 ? deck.media?.find((m) => m.name === (t as Tokens.Generic).name) : undefined;
      return entry?.type.startsWith('audio/') ? <LazyMedia key={key} kind="audio" entry={entry} alt="" /> : t.raw;
    }
    case 'math':
      return <LazyMath key={key} tex={(t as Tokens.Generic).tex as string} display={(t as Tokens.Generic).display as boolean} />;
    default:
      // html and anything unknown: shown as the characters the author typed.
      return t.raw;
  }
}

function block(t: Token, key: number, deck: RichDeck | undefined): ComponentChildren {
  switch (t.type) {
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens, deck)}</p>;
    case 'text': {
      const tt = t as Tokens.Text;
      return <p key={key}>{tt.tokens ? inline(tt.tokens, deck) : decode(tt.text)}</p>;
    }
    case 'list': {
      const list = t as Tokens.List;
      const items = list.items.map((item, i) => (
        // Tight list items hold bare text tokens: render them inline so they do not become paragraphs.
        <li key={i}>{item.tokens.map((c, j) => (c.type === 'text' ? inlineToken(c, j, deck) : block(c, j, deck)))}</li>
      ));
      if (!list.ordered) return <ul key={key}>{items}</ul>;
      const start = typeof list.start === 'number' && list.start !== 1 ? list.start : undefined;
      return (
        <ol key={key} start={start}>
          {items}
        </ol>
      );
    }
    case 'code':
      return (
        <pre key={key}>
          <code>{(t as Tokens.Code).text}</code>
        </pre>
      );
    case 'space':
      return null;
    default:
      return <p key={key}>{t.raw.trim()}</p>;
  }
}

const OPTIONS = { gfm: true, breaks: true };

// `$$…$$` anywhere, and `$…$` whose content neither starts nor ends with a space and which no
// digit follows, so that "$5 and $10" stays money.
const DISPLAY_MATH = /^\$\$((?:\\.|[^\\$])+?)\$\$/;
const INLINE_MATH = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/;
const SOUND = /^\[sound:([^\]\s]+)\]/;

/** The Markdown subset plus format 2's math and `[sound:name]`, for decks that may use them. */
const rich = new Marked(OPTIONS).use({
  extensions: [
    {
      name: 'math',
      level: 'inline',
      start: (src) => src.indexOf('$'),
      tokenizer(src) {
        const m = DISPLAY_MATH.exec(src) ?? INLINE_MATH.exec(src);
        return m ? { type: 'math', raw: m[0], tex: m[1]!.trim(), display: m[0].startsWith('$$') } : undefined;
      },
    },
    {
      name: 'sound',
      level: 'inline',
      start: (src) => src.indexOf('[sound:'),
      tokenizer(src) {
        const m = SOUND.exec(src);
        return m ? { type: 'sound', raw: m[0], name: m[1] } : undefined;
      },
    },
  ],
});

/** Deck text as elements: the Markdown subset, and for a format 2 deck its media and math. */
export function render(text: string, isInline: boolean, deck?: RichDeck): ComponentChildren {
  const options = deck?.format === 2 ? rich.defaults : OPTIONS;
  if (isInline) return inline(Lexer.lexInline(text, options), deck);
  return Lexer.lex(text, options).map((t, i) => block(t, i, deck));
}

export type Render = typeof render;

/** The occlusion view's chunk, loaded on first use (see `LazyOcclusion.tsx`). */
export const occlusionView = () => import('./occlusion').then((m) => m.OcclusionView);

