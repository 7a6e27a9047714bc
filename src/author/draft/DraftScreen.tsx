/**
 * `/author/draft`: paste an article or open a .txt file, get proposed key points and cards, and
 * accept, edit or reject each one; only accepted text is saved. The source sentence of each
 * proposal is shown here and never saved with it. compromise (the NLP library) loads only when
 * a draft is made. The article and the proposals are kept as a draft in the store while the
 * teacher works (as the editor keeps its decks), so leaving before saving loses nothing. Lazy
 * authoring chunk.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { deleteDraft, getDraft, saveDraft } from '../../store/drafts';
import { useLocation } from 'preact-iso';
import type { Card } from '../../deck/schema';
import { formatError, type DeckError } from '../../deck/validate';
import { saveEdited, takenDeckIds } from '../data';
import { cardSummary } from '../edit-model';
import { Field } from '../editor/Field';
import { CardPreview } from '../editor/CardPreview';
import { uniqueId } from '../ids';
import { draftFromText, draftToDeck, type CardProposal, type KeyPointProposal } from './draft';
import type { Nlp } from './terms';
import '../author.css';

type Verdict = 'pending' | 'accepted' | 'rejected';
interface KpState extends KeyPointProposal {
  verdict: Verdict;
}
interface CardState extends CardProposal {
  verdict: Verdict;
}

const KIND_NAMES: Record<CardProposal['kind'], string> = { cloze: 'Cloze', why: '“Why” question', what: '“What” question', truefalse: 'True or false' };
const noErrors = new Map<string, string[]>();

/** Where the unsaved work of this screen is kept. */
export const DRAFT_SCREEN_KEY = 'draft-screen';
interface KeptDraft {
  text: string;
  title: string;
  kps: KpState[] | null;
  cards: CardState[];
}
/** How long typing pauses before the work is written (a page leaving writes at once). */
const KEEP_AFTER_MS = 400;

async function loadNlp(): Promise<Nlp> {
  const mod = await import('compromise');
  return mod.default as unknown as Nlp;
}

function VerdictButtons({ verdict, name, onVerdict }: { verdict: Verdict; name: string; onVerdict: (v: Verdict) => void }) {
  return (
    <div class="row-actions" role="group" aria-label={`Decide on ${name}`}>
      <button type="button" class="button" aria-pressed={verdict === 'accepted'} onClick={() => onVerdict(verdict === 'accepted' ? 'pending' : 'accepted')}>
        Accept
      </button>
      <button type="button" class="button" aria-pressed={verdict === 'rejected'} onClick={() => onVerdict(verdict === 'rejected' ? 'pending' : 'rejected')}>
        Reject
      </button>
    </div>
  );
}

function CardFields({ card, path, onChange }: { card: Card; path: string; onChange: (c: Card) => void }) {
  switch (card.type) {
    case 'cloze':
      return <Field label="Cloze text" path={`${path}.text`} value={card.text} errors={noErrors} multiline onInput={(v) => onChange({ ...card, text: v })} />;
    case 'basic':
      return (
        <>
          <Field label="Question" path={`${path}.front`} value={card.front} errors={noErrors} multiline rows={2} onInput={(v) => onChange({ ...card, front: v })} />
          <Field label="Answer" path={`${path}.back`} value={card.back} errors={noErrors} multiline rows={2} onInput={(v) => onChange({ ...card, back: v })} />
        </>
      );
    case 'truefalse':
      return (
        <>
          <Field label="Statement" path={`${path}.statement`} value={card.statement} errors={noErrors} multiline onInput={(v) => onChange({ ...card, statement: v })} />
          <div class="field check">
            <input id={`${path}-answer`} type="checkbox" checked={card.answer} onChange={(e) => onChange({ ...card, answer: e.currentTarget.checked })} />
            <label for={`${path}-answer`}>The statement is true</label>
          </div>
        </>
      );
    default:
      return null;
  }
}

export function DraftScreen() {
  const { route } = useLocation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState('');
  const [kps, setKps] = useState<KpState[] | null>(null);
  const [cards, setCards] = useState<CardState[]>([]);
  const [errors, setErrors] = useState<DeckError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [restored, setRestored] = useState<'reading' | boolean>('reading');
  const proposalsRef = useRef<HTMLHeadingElement>(null);
  const madeRef = useRef(false);

  // Brings back the work left unsaved last time, once, before anything is kept over it.
  useEffect(() => {
    getDraft(DRAFT_SCREEN_KEY).then(
      (d) => {
        const kept = d as KeptDraft | undefined;
        if (kept && typeof kept.text === 'string' && Array.isArray(kept.cards)) {
          setText(kept.text);
          setTitle(kept.title ?? '');
          setKps(kept.kps);
          setCards(kept.cards);
          setRestored(true);
        } else setRestored(false);
      },
      () => setRestored(false),
    );
  }, []);
  // Keeps the work after a pause in typing, and at once when the page goes away.
  useEffect(() => {
    if (restored === 'reading') return;
    const keep = () => void (text.trim() || kps ? saveDraft(DRAFT_SCREEN_KEY, { text, title, kps, cards } satisfies KeptDraft) : deleteDraft(DRAFT_SCREEN_KEY)).catch(() => undefined);
    const timer = setTimeout(keep, KEEP_AFTER_MS);
    window.addEventListener('pagehide', keep);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', keep);
    };
  }, [text, title, kps, cards, restored]);
  // New proposals appear below the article: take the reader (and focus) to them.
  useLayoutEffect(() => {
    if (!kps || !madeRef.current) return;
    madeRef.current = false;
    proposalsRef.current?.focus();
    proposalsRef.current?.scrollIntoView?.({ block: 'start' });
  }, [kps]);

  const startOver = () => {
    setText('');
    setTitle('');
    setKps(null);
    setCards([]);
    setErrors([]);
    setRestored(false);
  };

  const make = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const draft = draftFromText(text, await loadNlp());
      setTitle(draft.title.slice(0, 120));
      setKps(draft.keyPoints.map((k) => ({ ...k, verdict: 'pending' })));
      setCards(draft.cards.map((c) => ({ ...c, verdict: 'pending' })));
      madeRef.current = true;
      if (!draft.keyPoints.length) setMessage('No key points were found: the text needs several full sentences.');
    } catch (e) {
      setMessage(`The draft could not be made: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const setAll = (verdict: Verdict) => {
    setKps((list) => list && list.map((k) => ({ ...k, verdict })));
    setCards((list) => list.map((c) => ({ ...c, verdict })));
  };
  const save = async () => {
    const keyPoints = (kps ?? []).filter((k) => k.verdict === 'accepted').map(({ id, text: t }) => ({ id, text: t.trim() }));
    const kept = cards.filter((c) => c.verdict === 'accepted').map((c) => c.card);
    if (!kept.length) {
      setErrors([{ path: 'cards', message: 'accept at least one card to save a deck' }]);
      return;
    }
    const id = uniqueId(title || 'drafted deck', await takenDeckIds(), 'drafted-deck');
    const result = draftToDeck({ id, title: title.trim() || 'Drafted deck', language: 'en', keyPoints, cards: kept });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const saved = await saveEdited(result.deck);
    if (!saved.ok) setErrors(saved.errors);
    else {
      await deleteDraft(DRAFT_SCREEN_KEY).catch(() => undefined);
      setRestored('reading');
      route(`/author/${saved.deck.id}`);
    }
  };

  const accepted = cards.filter((c) => c.verdict === 'accepted').length;
  return (
    <section class="page author">
      <p>
        <a href="/author">← Your decks</a>
      </p>
      <h1>Draft a deck from an article</h1>
      <p class="hint">
        Briefdeck picks the sentences most central to the article as key points and proposes cards from them. Edit, accept or reject each one;
        nothing becomes a deck until you save it.
      </p>
      {restored === true && (
        <p role="status">
          Your unsaved draft is back, as you left it.{' '}
          <button type="button" class="button" onClick={startOver}>
            Start over
          </button>
        </p>
      )}
      <div class="field">
        <input
          id="article-file"
          class="file-input"
          type="file"
          accept=".txt,text/plain"
          onChange={async (e) => setText(await (e.currentTarget.files?.[0]?.text() ?? Promise.resolve(text)))}
        />
        <label for="article-file" class="button file-label">
          Open a .txt file
        </label>
      </div>
      <div class="field">
        <label for="article-text">Article text</label>
        <textarea id="article-text" rows={10} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="button" class="button primary" disabled={busy || !text.trim()} onClick={make}>
        {busy ? 'Drafting…' : 'Draft a deck'}
      </button>
      {message && <p role="alert">{message}</p>}
      {kps && (
        <>
          <div class="field">
            <label for="draft-title">Deck title</label>
            <input id="draft-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
          <div class="row-actions">
            <button type="button" class="button" onClick={() => setAll('accepted')}>
              Accept all
            </button>
            <button type="button" class="button" onClick={() => setAll('pending')}>
              Undecide all
            </button>
          </div>
          <section class="editor-section" aria-labelledby="draft-kp-heading">
            <h2 id="draft-kp-heading" tabIndex={-1} ref={proposalsRef}>
              Proposed key points ({kps.length})
            </h2>
            <ol class="proposal-list">
              {kps.map((k, i) => (
                <li key={k.id} class={`proposal ${k.verdict}`}>
                  <Field label={`Key point ${i + 1}`} path={`draft.kp.${i}`} value={k.text} errors={noErrors} multiline rows={2} onInput={(v) => setKps(kps.map((x, j) => (j === i ? { ...x, text: v } : x)))} />
                  <details>
                    <summary>From the sentence</summary>
                    <blockquote>{k.sentence}</blockquote>
                  </details>
                  <VerdictButtons verdict={k.verdict} name={`key point ${i + 1}`} onVerdict={(verdict) => setKps(kps.map((x, j) => (j === i ? { ...x, verdict } : x)))} />
                </li>
              ))}
            </ol>
          </section>
          <section class="editor-section" aria-labelledby="draft-cards-heading">
            <h2 id="draft-cards-heading">
              Proposed cards ({cards.length}, {accepted} accepted)
            </h2>
            <ol class="proposal-list">
              {cards.map((c, i) => {
                const kp = kps.find((k) => k.id === c.keyPoint);
                return (
                  <li key={c.card.id} class={`proposal ${c.verdict}`} aria-label={`Card ${i + 1}: ${KIND_NAMES[c.kind]}`}>
                    <p class="meta">
                      Card {i + 1} · {KIND_NAMES[c.kind]} · key point {kp ? kps.indexOf(kp) + 1 : '–'}: {cardSummary(c.card)}
                    </p>
                    <CardFields card={c.card} path={`draft-card-${i}`} onChange={(card) => setCards(cards.map((x, j) => (j === i ? { ...x, card } : x)))} />
                    <details>
                      <summary>From the sentence</summary>
                      <blockquote>{c.sentence}</blockquote>
                    </details>
                    <details>
                      <summary>Preview</summary>
                      <CardPreview card={c.card} />
                    </details>
                    <VerdictButtons verdict={c.verdict} name={`card ${i + 1}`} onVerdict={(verdict) => setCards(cards.map((x, j) => (j === i ? { ...x, verdict } : x)))} />
                  </li>
                );
              })}
            </ol>
          </section>
          {errors.length > 0 && (
            <div role="alert" class="error-summary">
              <p>The deck cannot be saved yet:</p>
              <ul>
                {errors.map((e) => (
                  <li key={formatError(e)}>{formatError(e)}</li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" class="button primary" onClick={save}>
            Save accepted ({accepted} {accepted === 1 ? 'card' : 'cards'})
          </button>
        </>
      )}
    </section>
  );
}

export default DraftScreen;
