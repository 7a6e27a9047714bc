/**
 * TeX → MathML for deck text (`$…$`, `$$…$$` in format 2 decks): Temml writes MathML markup, which
 * is parsed as inert markup and rebuilt element by element through a whitelist of MathML elements
 * and presentation attributes. No link, style, event handler or foreign element survives. Its own
 * lazy chunk: loaded only for cards that contain math.
 */
import temml from 'temml';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

const ELEMENTS = new Set(
  'math semantics mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mstyle mpadded mphantom menclose mover munder munderover mtable mtr mtd mlabeledtr mmultiscripts mprescripts none'.split(' '),
);
const ATTRIBUTES = new Set(
  'display displaystyle scriptlevel mathvariant mathsize stretchy fence separator lspace rspace minsize maxsize symmetric largeop movablelimits accent accentunder width height depth voffset columnalign rowalign columnspacing rowspacing columnlines rowlines frame framespacing notation linethickness form'.split(' '),
);

/** A fresh copy of a parsed MathML tree holding only whitelisted elements, attributes and text. */
function clean(node: Node): Node | null {
  if (node.nodeType === 3) return document.createTextNode(node.textContent ?? '');
  if (node.nodeType !== 1) return null;
  const source = node as Element;
  const name = source.localName.toLowerCase();
  if (!ELEMENTS.has(name)) return null;
  const out = document.createElementNS(MATHML, name);
  for (const attr of source.attributes) {
    // Values are plain words, numbers and lengths; anything with a scheme or parenthesis is not.
    if (ATTRIBUTES.has(attr.name.toLowerCase()) && !/[:()]/.test(attr.value)) out.setAttribute(attr.name.toLowerCase(), attr.value);
  }
  for (const child of source.childNodes) {
    const copy = clean(child);
    if (copy) out.append(copy);
  }
  return out;
}

export type MathResult = { ok: true; node: Element } | { ok: false; message: string };

/** Renders TeX to a safe `<math>` element, or says in a few words why it cannot. */
export function renderTex(tex: string, display: boolean): MathResult {
  let markup: string;
  try {
    markup = temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false, annotate: false });
  } catch (error) {
    const message = String((error as Error).message ?? error).replace(/^Temml parse error:\s*/i, '');
    return { ok: false, message: message.length > 120 ? `${message.slice(0, 117)}…` : message };
  }
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${markup}`, 'text/html');
  const math = parsed.body.querySelector('math');
  const node = math && clean(math);
  return node ? { ok: true, node: node as Element } : { ok: false, message: 'could not be shown' };
}
