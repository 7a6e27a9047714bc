/**
 * Renders deck text in the deck format's safe Markdown subset: emphasis, strong, inline and block
 * code, lists, line breaks and outside links (http, https, mailto), and in format 2 decks
 * pictures, sounds and math. Part of the main bundle: plain text renders here at once; text with
 * Markdown syntax waits for the renderer (`rich-render.tsx`, a lazy chunk with `marked`), which
 * never builds an HTML string.
 */
import { createContext, type ComponentChildren, type JSX } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Render, RichDeck } from './rich-render';

/** The deck whose text is shown: a format 2 deck's text may show its media and math. */
export const RichDeckContext = createContext<RichDeck | undefined>(undefined);

let lex: Render | null = null;
let loading: Promise<typeof import('./rich-render')> | null = null;

/** Loads the Markdown renderer's chunk (once); the study screen calls this early when a deck has Markdown. */
export function preloadMarkdown(): Promise<typeof import('./rich-render')> {
  loading ??= import('./rich-render').then((m) => ((lex = m.render), m));
  loading.catch(() => (loading = null));
  return loading;
}

// Characters or line starts that can change how text renders; anything without them is plain.
const MARKDOWN = /[*_`[\]\\~<&\n$]|https?:\/\/|www\.|mailto:|^\s*(?:[-+]|\d+[.)])\s/i;

/** True when the text needs the Markdown lexer to render properly. */
export function hasMarkdown(text: string): boolean {
  return MARKDOWN.test(text);
}

export interface RichTextProps {
  text: string;
  /** Render inside a line (no paragraphs or lists), e.g. an mcq choice. */
  inline?: boolean;
  class?: string;
}

/** Deck text as safe elements; plain text renders at once, Markdown once the lexer has loaded. */
export function RichText({ text, inline: isInline = false, class: className }: RichTextProps): JSX.Element {
  const deck = useContext(RichDeckContext);
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
  if (needsLexer && lex) content = lex(text, isInline, deck);
  else if (isInline) content = text;
  else content = <p>{text}</p>;
  return (
    <Tag class={className ? `rich ${className}` : 'rich'} data-rich-ready={needsLexer && !lex ? 'false' : 'true'}>
      {content}
    </Tag>
  );
}
