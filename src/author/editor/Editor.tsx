/**
 * The deck editor (`/author/:id`): metadata, key points, cards with live previews, inline
 * validation from the same validator the CLI uses, autosave of every keystroke to a draft, and
 * Save (valid decks only, version bumped). Lazy authoring chunk: nothing here loads for study.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { CARD_TYPES, type Card, type CardType, type Deck, type KeyPoint } from '../../deck/schema';
import { formatError, validateDeck } from '../../deck/validate';
import { deleteDeck, discardDraft, duplicateDeck, openForEditing, saveEdited, writeDraft } from '../data';
import { cleanForSave, emptyCard, errorsByPath, fieldId, move, TYPE_NAMES } from '../edit-model';
import { CardEditor } from './CardEditor';
import type { MediaSlot } from './MediaPicker';
import { RichDeckContext } from '../../ui/RichText';
import { TypedConfirm } from '../../ui/TypedConfirm';
import { ExportPanel } from './ExportPanel';
import { focusSoon } from './focus';
import { KeyPointsEditor } from './KeyPointsEditor';
import { MetaForm } from './MetaForm';
import { useAutosave } from './useAutosave';
import '../author.css';

const NO_KEY_POINTS: KeyPoint[] = [];

/** Where an error's path points to a field; paths without one (`cards`, `deck`) go to the summary. */
function targetOf(path: string): string {
  const m = /^(cards\[\d+\]\.(?:answer|choices))(?:\[\d+\])?$/.exec(path);
  if (m) return fieldId(`${m[1]!.replace(/\.(answer|choices)$/, '.choices')}[0]`);
  return fieldId(path);
}

/** An error link moves focus into its field, not just the scroll position. */
function focusField(ev: Event, id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  ev.preventDefault();
  el.focus();
  el.scrollIntoView?.({ block: 'center' });
}

export function Editor() {
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id ?? '';
  const [deck, setDeck] = useState<Deck | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [newType, setNewType] = useState<CardType>('basic');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const { state, flush, markClean } = useAutosave(deck, (d) => writeDraft(d));

  useEffect(() => {
    let live = true;
    setDeck(null);
    openForEditing(id).then(
      (e) => {
        if (!live) return;
        if (!e) setLoadError(`There is no deck with the id "${id}".`);
        else {
          // Also when the route moves to another deck (duplicate): what was opened is stored already.
          markClean();
          setDeck(e.deck);
          setSavedVersion(e.savedVersion);
          if (e.fromDraft) setNotice('Restored your unsaved changes.');
        }
      },
      (err: Error) => live && setLoadError(`The deck could not be opened: ${err.message}`),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const checked = useMemo(() => (deck ? validateDeck(cleanForSave(deck)) : null), [deck]);
  const errors = useMemo(() => (checked && !checked.ok ? checked.errors : []), [checked]);
  const byPath = useMemo(() => errorsByPath(errors), [errors]);
  const media = deck?.media;
  const format = deck?.format;
  const richDeck = useMemo(() => ({ format, media }), [format, media]);
  const mediaSlot = useMemo<MediaSlot>(
    () => ({
      taken: new Set((media ?? []).map((m) => m.name)),
      // A deck with media is format 2; a file picked again under its name replaces the entry.
      onAdd: (entry) => setDeck((d) => d && { ...d, format: 2, media: [...(d.media ?? []).filter((m) => m.name !== entry.name), entry] }),
    }),
    [media],
  );

  if (loadError) {
    return (
      <section class="page author">
        <h1>Deck not found</h1>
        <p role="alert">{loadError}</p>
        <p>
          <a href="/author">Back to your decks</a>
        </p>
      </section>
    );
  }
  if (!deck) return <p aria-busy="true">Opening the deck…</p>;

  const update = (next: Deck) => {
    setDeck(next);
    setNotice(null);
  };
  // Card edits go through functional updates so each memoised CardEditor can keep its callbacks.
  const edit = (fn: (d: Deck) => Deck) => {
    setDeck((d) => (d ? fn(d) : d));
    setNotice(null);
  };
  // An occlusion card needs deck format 2, as media do.
  const setCard = (i: number, card: Card) => edit((d) => ({ ...d, ...(card.type === 'occlusion' ? { format: 2 } : {}), cards: d.cards.map((c, j) => (j === i ? card : c)) }));
  const moveCard = (i: number, to: number) => {
    const card = deck.cards[i]!;
    edit((d) => ({ ...d, cards: move(d.cards, i, to) }));
    const dir = to < i ? 'up' : 'down';
    focusSoon(`card-${card.id}-${dir}`, `card-${card.id}-${dir === 'up' ? 'down' : 'up'}`);
  };
  const deleteCard = (i: number) => {
    const next = deck.cards.filter((_, j) => j !== i);
    edit((d) => ({ ...d, cards: d.cards.filter((_, j) => j !== i) }));
    setNotice(`Deleted card ${i + 1}.`);
    const neighbour = next[Math.min(i, next.length - 1)];
    focusSoon(...(neighbour ? [`card-${neighbour.id}-down`, `card-${neighbour.id}-up`] : []), 'add-card');
  };
  const addCard = () => {
    const card = emptyCard(newType, new Set(deck.cards.map((c) => c.id)));
    update({ ...deck, ...(card.type === 'occlusion' ? { format: 2 } : {}), cards: [...deck.cards, card] });
    focusSoon(fieldId(`cards[${deck.cards.length}].${card.type === 'basic' ? 'front' : card.type === 'cloze' ? 'text' : card.type === 'truefalse' ? 'statement' : card.type === 'occlusion' ? 'alt' : 'question'}`));
  };
  const save = async () => {
    setShowErrors(true);
    if (!checked?.ok) {
      setNotice(null);
      focusSoon('error-summary');
      return;
    }
    await flush();
    const result = await saveEdited(deck);
    if (result.ok) {
      markClean();
      setDeck(result.deck);
      setSavedVersion(result.deck.version);
      setNotice(`Saved version ${result.deck.version}.`);
    } else setNotice(`Not saved: ${result.errors.map(formatError).join('; ')}`);
  };
  const duplicate = async () => {
    await flush();
    const copy = await duplicateDeck(deck.id);
    if (copy) route(`/author/${copy}`);
  };
  const remove = async () => {
    await deleteDeck(deck.id);
    route('/author');
  };
  const discard = async () => {
    await discardDraft(deck.id);
    const fresh = await openForEditing(deck.id);
    if (fresh) {
      markClean();
      setDeck(fresh.deck);
      setNotice('Unsaved changes discarded.');
    } else route('/author');
  };

  const stateText = state === 'pending' ? 'Saving draft…' : state === 'error' ? 'Draft could not be saved' : 'Draft saved on this device';
  return (
    <section class="page author editor">
      <p>
        <a href="/author">← Your decks</a>
      </p>
      <h1>Edit “{deck.title || 'Untitled deck'}”</h1>
      <p class="meta">
        id {deck.id} · {savedVersion ? `saved version ${savedVersion}` : 'never saved'} · <span role="status">{stateText}</span>
      </p>
      <div class="toolbar row-actions">
        <button type="button" class="button primary" onClick={save}>
          Save deck
        </button>
        {savedVersion !== null && (
          <a class="button" href={`/study/${deck.id}`}>
            Study
          </a>
        )}
        <button type="button" class="button" onClick={duplicate}>
          Duplicate
        </button>
        <button type="button" class="button" onClick={discard}>
          Discard changes
        </button>
        {!confirmDelete ? (
          <button type="button" class="button danger" onClick={() => setConfirmDelete(true)}>
            Delete deck
          </button>
        ) : (
          <TypedConfirm name="Confirm delete" word="delete" action="Yes, delete" cancel="Cancel" onConfirm={() => void remove()} onCancel={() => setConfirmDelete(false)}>
            Delete this deck? Study history is kept.
          </TypedConfirm>
        )}
      </div>
      <p role="status" class="notice">
        {notice}
      </p>
      {errors.length > 0 && (showErrors || errors.length <= 5) && (
        <div class="error-summary" id="error-summary" tabIndex={-1} role="region" aria-label="Problems to fix">
          <p>
            {errors.length} {errors.length === 1 ? 'problem' : 'problems'} to fix before saving:
          </p>
          <ul>
            {errors.map((e) => (
              <li key={formatError(e)}>
                <a href={`#${targetOf(e.path)}`} onClick={(ev) => focusField(ev, targetOf(e.path))}>
                  {formatError(e)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {errors.length > 5 && !showErrors && (
        <p class="hint">
          {errors.length} fields still need filling in; each one says what it needs.{' '}
          <button type="button" class="link" onClick={() => setShowErrors(true)}>
            List them
          </button>
        </p>
      )}
      <MetaForm deck={deck} errors={byPath} onChange={update} />
      <KeyPointsEditor deck={deck} errors={byPath} onChange={update} />
      <section class="editor-section" aria-labelledby="cards-heading">
        <h2 id="cards-heading">Cards ({deck.cards.length})</h2>
        {byPath.get('cards') && <p class="field-error">cards: {byPath.get('cards')!.join('; ')}</p>}
        {/* Previews show the deck's pictures, sounds and formulas as study does. */}
        <RichDeckContext.Provider value={richDeck}>
        <ol class="card-list">
          {deck.cards.map((card, i) => (
            <CardEditor
              key={card.id}
              card={card}
              index={i}
              count={deck.cards.length}
              keyPoints={deck.keyPoints ?? NO_KEY_POINTS}
              errors={byPath}
              media={deck.media}
              mediaSlot={mediaSlot}
              onChange={(c) => setCard(i, c)}
              onMove={(to) => moveCard(i, to)}
              onDelete={() => deleteCard(i)}
            />
          ))}
        </ol>
        </RichDeckContext.Provider>
        <div class="row-actions add-card">
          <label for="new-card-type">New card type</label>
          <select id="new-card-type" value={newType} onChange={(e) => setNewType(e.currentTarget.value as CardType)}>
            {CARD_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_NAMES[t]}
              </option>
            ))}
          </select>
          <button type="button" class="button" id="add-card" onClick={addCard}>
            Add card
          </button>
        </div>
      </section>
      <ExportPanel deck={checked?.ok ? { ...checked.deck, version: savedVersion ?? checked.deck.version } : null} />
    </section>
  );
}

export default Editor;
