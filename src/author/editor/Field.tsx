/**
 * A labelled input or text area with its validation message beside it: the message is linked
 * with `aria-describedby` and the control marked `aria-invalid`, so a screen reader announces
 * both. Part of the lazy authoring chunk.
 */
import type { JSX } from 'preact';
import { fieldId } from '../edit-model';
import { MediaPicker, mediaReference, type MediaSlot } from './MediaPicker';

export interface FieldProps {
  label: string;
  /** JSON path of the value, e.g. `cards[2].front`; names the field for validation messages. */
  path: string;
  value: string;
  errors: Map<string, string[]>;
  onInput: (value: string) => void;
  /** Commit on change (blur) rather than on every key: for values that are parsed, like tags. */
  commitOnChange?: boolean;
  multiline?: boolean;
  rows?: number;
  hint?: string;
  type?: 'text' | 'url';
  placeholder?: string;
  required?: boolean;
  readOnly?: boolean;
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Offer "Add a picture or sound", which appends the file's reference to the text. */
  media?: MediaSlot | undefined;
}

/** Text with a media reference added on a line of its own. */
export function withReference(text: string, reference: string): string {
  return text && !text.endsWith('\n') ? `${text}\n${reference}` : `${text}${reference}`;
}

/** Messages for a path, plus those for paths nested under it that have no field of their own. */
export function messagesFor(errors: Map<string, string[]>, path: string): string[] {
  return errors.get(path) ?? [];
}

export function Field(props: FieldProps) {
  const { label, path, value, errors, onInput, multiline, hint } = props;
  const id = fieldId(path);
  const messages = messagesFor(errors, path);
  const describedBy = [messages.length ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': messages.length ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    required: props.required,
    readOnly: props.readOnly,
    placeholder: props.placeholder,
  };
  const handler = (e: Event) => onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
  const events = props.commitOnChange ? { onChange: handler } : { onInput: handler };
  return (
    <div class={`field${messages.length ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} {...events} rows={props.rows ?? 3} />
      ) : (
        <input {...common} {...events} type={props.type ?? 'text'} inputMode={props.inputMode} />
      )}
      {props.media && (
        <MediaPicker slot={props.media} kind="any" askAlt label={`Add a picture or sound to ${label}`} onReady={(entry, alt) => onInput(withReference(value, mediaReference(entry, alt)))} />
      )}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          {messages.join('; ')}
        </p>
      )}
    </div>
  );
}
