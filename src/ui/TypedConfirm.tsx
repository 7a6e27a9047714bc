/**
 * Confirmation for what cannot be undone (erase progress, replace everything with a backup,
 * delete a deck): the action stays disabled until a word is typed. A page that frames Briefdeck
 * can trick a learner into clicks, never into typing into another site's field; the security
 * headers forbid framing, and this holds even on a host that does not send them. Lazy screens only.
 */
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export interface TypedConfirmProps {
  /** Accessible name of the group, such as "Confirm reset". */
  name: string;
  /** What will happen, in a sentence or two. */
  children: ComponentChildren;
  /** The word to type, in lower case. */
  word: string;
  /** The action button's text. */
  action: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A question, a field to type `word` into, and an action enabled only once it is typed. */
export function TypedConfirm(props: TypedConfirmProps) {
  const [typed, setTyped] = useState('');
  const id = `confirm-${props.word}`;
  const ready = typed.trim().toLowerCase() === props.word;
  return (
    <form
      class="confirm"
      role="group"
      aria-label={props.name}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) props.onConfirm();
      }}
    >
      <p>{props.children}</p>
      <label for={id}>
        Type <strong>{props.word}</strong> to confirm
      </label>{' '}
      <input id={id} type="text" autoComplete="off" autoCapitalize="none" spellcheck={false} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />{' '}
      <button type="submit" class="button danger" disabled={!ready}>
        {props.action}
      </button>{' '}
      <button type="button" class="button" onClick={props.onCancel}>
        {props.cancel}
      </button>
    </form>
  );
}
