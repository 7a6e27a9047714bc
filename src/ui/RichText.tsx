/**
 * Renders deck text in the deck format's safe Markdown subset: emphasis, strong, inline and block
 * code, lists, line breaks and outside links (http, https, mailto). Part of the main bundle.
 * Never builds an HTML string: Markdown is tokenised by `marked`'s lexer (a lazy chunk, loaded only
 * for text that has Markdown syntax in it) and each token becomes a Preact element through a
 * whitelist. Anything else — raw HTML, images, headings, tables — renders as inert text.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Token, Tokens } from 'marked';

type Lex = (src: string, inline: boolean) => Token[];

let lex: Lex | null = null;
let loading: Promise<Lex> | null = null;

/** Loads the Markdown lexer (once); the study screen calls this early when a deck has Markdown. */
export function preloadMarkdown(): Promise<Lex> {
  loading ??= import('marked').then((m) => {
    const options = { gfm: true, breaks: true };
    lex = (src, inline) => (inline ? m.Lexer.lexInline(src, options) : m.Lexer.lex(src, options));
    return lex;
  });
  loading.catch(() => (loading = null));
  return loading;
}

// Characters or line starts that can change how text renders; anything without them is plain.
const MARKDOWN = /[*_`[\]\\~<&\n]|https?:\/\/|www\.|mailto:|^\s*(?:[-+]|\d+[.)])\s/i;

/** True when the text needs the Markdown lexer to render properly. */
export function hasMarkdown(text: string): boolean {
  return MARKDOWN.test(text);
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

function inline(tokens: Token[] | undefined): ComponentChildren[] {
  return (tokens ?? []).map((t, i) => inlineToken(t, i));
}

function inlineToken(t: Token, key: number): ComponentChildren {
  switch (t.type) {
    case 'text': {
      const tt = t as Tokens.Text;
      return tt.tokens?.length ? <>{inline(tt.tokens)}</> : decode(tt.text);
    }
    case 'escape':
      return (t as Tokens.Escape).text;
    case 'strong':
      return <strong key={key}>{inline((t as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{inline((t as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{inline((t as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{(t as Tokens.Codespan).text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = t as Tokens.Link;
      const href = safeHref(link.href);
      if (!href) return <>{inline(link.tokens)}</>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {inline(link.tokens)}
        </a>
      );
    }
    default:
      // html, image and anything unknown: shown as the characters the author typed.
      return t.raw;
  }
}

function block(t: Token, key: number): ComponentChildren {
  switch (t.type) {
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens)}</p>;
    case 'text': {
      const tt = t as Tokens.Text;
      return <p key={key}>{tt.tokens ? inline(tt.tokens) : decode(tt.text)}</p>;
    }
    case 'list': {
      const list = t as Tokens.List;
      const items = list.items.map((item, i) => (
        // Tight list items hold bare text tokens: render them inline so they do not become paragraphs.
        <li key={i}>{item.tokens.map((c, j) => (c.type === 'text' ? inlineToken(c, j) : block(c, j)))}</li>
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

function render(tokens: Token[], isInline: boolean): ComponentChildren {
  return isInline ? inline(tokens) : tokens.map((t, i) => block(t, i));
}

export interface RichTextProps {
  text: string;
  /** Render inside a line (no paragraphs or lists), e.g. an mcq choice. */
  inline?: boolean;
  class?: string;
}

/** Deck text as safe elements; plain text renders at once, Markdown once the lexer has loaded. */
export function RichText({ text, inline: isInline = false, class: className }: RichTextProps): JSX.Element {
  const needsLexer = hasMarkdown(text);
  const [, setReady] = useState(lex !== null);
  useEffect(() => {
    if (needsLexer && !lex) {
      let live = true;
      preloadMarkdown().then(
        () => live && setReady(true),
        // Offline without the chunk: the plain text stays, which is still readable.
        () => undefined,
      );
      return () => {
        live = false;
      };
    }
    return undefined;
  }, [needsLexer]);

  const Tag = isInline ? 'span' : 'div';
  let content: ComponentChildren;
  if (needsLexer && lex) content = render(lex(text, isInline), isInline);
  else if (isInline) content = text;
  else content = <p>{text}</p>;
  return (
    <Tag class={className ? `rich ${className}` : 'rich'} data-rich-ready={needsLexer && !lex ? 'false' : 'true'}>
      {content}
    </Tag>
  );
}
