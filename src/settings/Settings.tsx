/**
 * The settings screen at `/settings` (a lazy chunk): daily limits, desired retention, learning
 * steps, day start hour, theme, text size and reduced motion, personal scheduling (fitting FSRS to
 * the learner's reviews, the retention simulator), sync with a server, then data (backup, storage, reset).
 * Each field saves when changed; the store refuses bad values and the message names the field.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings as SettingsRecord, Theme } from '../srs/types';
import { getSettings, updateSettings } from '../store';
import { applyAppearance } from './appearance';
import { DataSettings } from './DataSettings';
import { SoundSettings } from './SoundSettings';
import { parseNumber, parseSteps, TEXT_SCALES } from './settings-form';
import './settings.css';

type Parsed = { ok: true; patch: Partial<SettingsRecord> } | { ok: false; error: string };

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** The saved value, as text. */
  value: string;
  number?: boolean;
  step?: number;
  /** Saves the text; resolves to a message naming what is wrong, or null once saved. */
  commit: (text: string) => Promise<string | null>;
}

/**
 * A typed setting. A value that cannot be saved stays as typed, marked invalid, with the message
 * under the field (announced), until it is fixed: it never snaps back in silence.
 */
function Field(props: FieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = [props.hint && `${props.id}-hint`, error && `${props.id}-error`].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.number ? 'number' : 'text'}
        inputMode={props.number ? 'decimal' : undefined}
        step={props.number ? (props.step ?? 1) : undefined}
        value={draft ?? props.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={ids || undefined}
        onChange={async (e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          const problem = await props.commit(text);
          setError(problem);
          if (!problem) setDraft(null);
        }}
      />
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        // Inserted with its text, so screen readers announce it.
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Settings() {
  const [s, setS] = useState<SettingsRecord | null>(null);
  // Sync is its own chunk too: most learners never sign in to a server.
  const [SyncPart, setSyncPart] = useState<ComponentType | null>(null);
  useEffect(() => {
    import('./SyncSettings').then(
      (m) => setSyncPart(() => m.SyncSettings),
      () => setSyncPart(() => () => <p class="settings-message error">Sync settings could not be loaded; reload to try again.</p>),
    );
  }, []);
  // Personal scheduling is its own chunk, so the start-up code does not list its files to preload.
  const [Personal, setPersonal] = useState<ComponentType<{ onSettings(s: SettingsRecord): void }> | null>(null);
  useEffect(() => {
    import('./PersonalScheduling').then(
      (m) => setPersonal(() => m.PersonalScheduling),
      () => setPersonal(() => () => <p class="settings-message error">Personal scheduling could not be loaded; reload to try again.</p>),
    );
  }, []);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  useEffect(() => {
    getSettings().then(setS, (e: Error) => setMessage({ error: true, text: e.message }));
  }, []);

  const save = async (parsed: Parsed) => {
    if (!parsed.ok) return setMessage({ error: true, text: parsed.error });
    try {
      const next = await updateSettings(parsed.patch);
      setS(next);
      applyAppearance(next);
      setMessage({ error: false, text: 'Saved.' });
    } catch (e) {
      setMessage({ error: true, text: (e as Error).message });
    }
  };
  /** Saves a typed field's patch; the message goes to the field, not the top of the page. */
  const saveField = async (parsed: Parsed): Promise<string | null> => {
    if (!parsed.ok) return parsed.error;
    try {
      setS(await updateSettings(parsed.patch));
      setMessage({ error: false, text: 'Saved.' });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const num = (key: 'newPerDay' | 'reviewsPerDay' | 'desiredRetention', label: string, min: number, max: number, whole: boolean) => (text: string) => {
    const r = parseNumber(text, label, min, max, whole);
    return saveField(r.ok ? { ok: true, patch: { [key]: r.value } } : r);
  };
  const steps = (key: 'learningSteps' | 'relearningSteps', label: string) => (text: string) => {
    const r = parseSteps(text, label);
    return saveField(r.ok ? { ok: true, patch: { [key]: r.steps } } : r);
  };

  return (
    <section class="page settings">
      <h1>Settings</h1>
      <p class={message?.error ? 'settings-message error' : 'settings-message'} role={message?.error ? 'alert' : 'status'}>
        {message?.text}
      </p>
      {!s && !message && <p aria-busy="true">Loading settings…</p>}
      {s && (
        <>
          <fieldset>
            <legend>Daily study</legend>
            <Field
              id="new-per-day"
              label="New cards per day"
              hint="Cards held back by this limit wait for the next day."
              number
              value={String(s.newPerDay)}
              commit={num('newPerDay', 'New cards per day', 0, 9999, true)}
            />
            <Field id="reviews-per-day" label="Reviews per day" number value={String(s.reviewsPerDay)} commit={num('reviewsPerDay', 'Reviews per day', 0, 99999, true)} />
            <div class="field">
              <label for="day-start">New day starts at</label>
              <select id="day-start" value={String(s.dayStartHour)} onChange={(e) => void save({ ok: true, patch: { dayStartHour: Number(e.currentTarget.value) } })}>
                {Array.from({ length: 24 }, (_, h) => (
                  <option key={h} value={String(h)}>
                    {String(h).padStart(2, '0')}:00
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <fieldset>
            <legend>Memory</legend>
            <Field
              id="retention"
              label="Desired retention"
              hint="The chance of remembering a card when it comes back, from 0.70 to 0.97. Higher means more reviews."
              number
              step={0.01}
              value={String(s.desiredRetention)}
              commit={num('desiredRetention', 'Desired retention', 0.7, 0.97, false)}
            />
            <Field
              id="learning-steps"
              label="Learning steps"
              hint="Waits before a new card graduates, such as 1m 10m (m minutes, h hours, d days)."
              value={s.learningSteps.join(' ')}
              commit={steps('learningSteps', 'Learning steps')}
            />
            <Field id="relearning-steps" label="Relearning steps" value={s.relearningSteps.join(' ')} commit={steps('relearningSteps', 'Relearning steps')} />
          </fieldset>
          <fieldset>
            <legend>Appearance</legend>
            <div class="field" role="radiogroup" aria-labelledby="theme-label">
              <span id="theme-label">Theme</span>
              {(['system', 'light', 'dark'] as Theme[]).map((t) => (
                <label key={t} class="choice-line">
                  <input type="radio" name="theme" value={t} checked={s.theme === t} onChange={() => void save({ ok: true, patch: { theme: t } })} />
                  {t === 'system' ? 'Same as the system' : t === 'light' ? 'Light' : 'Dark'}
                </label>
              ))}
            </div>
            <div class="field">
              <label for="text-size">Text size</label>
              <select id="text-size" value={String(s.textScale)} onChange={(e) => void save({ ok: true, patch: { textScale: Number(e.currentTarget.value) } })}>
                {TEXT_SCALES.map((t) => (
                  <option key={t.value} value={String(t.value)}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
            <label class="choice-line">
              <input type="checkbox" checked={s.reduceMotion} onChange={(e) => void save({ ok: true, patch: { reduceMotion: e.currentTarget.checked } })} />
              Reduce motion
            </label>
          </fieldset>
          {Personal ? <Personal onSettings={setS} /> : <p aria-busy="true">Loading personal scheduling…</p>}
          <SoundSettings />
          {SyncPart ? <SyncPart /> : <p aria-busy="true">Loading sync…</p>}
          <DataSettings />
        </>
      )}
    </section>
  );
}
