/**
 * The settings screen at `/settings` (a lazy chunk): daily limits, desired retention, learning
 * steps, day start hour, theme, text size and reduced motion, then data (backup, storage, reset).
 * Each field saves when changed; the store refuses bad values and the message names the field.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Settings as SettingsRecord, Theme } from '../srs/types';
import { getSettings, updateSettings } from '../store';
import { applyAppearance } from './appearance';
import { DataSettings } from './DataSettings';
import { SoundSettings } from './SoundSettings';
import { parseNumber, parseSteps, TEXT_SCALES } from './settings-form';
import './settings.css';

type Parsed = { ok: true; patch: Partial<SettingsRecord> } | { ok: false; error: string };

function NumberField(props: { id: string; label: string; hint?: string; value: number; step?: number; onCommit: (text: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        step={props.step ?? 1}
        value={String(props.value)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onCommit(e.currentTarget.value)}
      />
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function Settings() {
  const [s, setS] = useState<SettingsRecord | null>(null);
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
  const num = (key: 'newPerDay' | 'reviewsPerDay' | 'desiredRetention', label: string, min: number, max: number, whole: boolean) => (text: string) => {
    const r = parseNumber(text, label, min, max, whole);
    void save(r.ok ? { ok: true, patch: { [key]: r.value } } : r);
  };
  const steps = (key: 'learningSteps' | 'relearningSteps', label: string) => (text: string) => {
    const r = parseSteps(text, label);
    void save(r.ok ? { ok: true, patch: { [key]: r.steps } } : r);
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
            <NumberField id="new-per-day" label="New cards per day" value={s.newPerDay} onCommit={num('newPerDay', 'New cards per day', 0, 9999, true)} />
            <NumberField id="reviews-per-day" label="Reviews per day" value={s.reviewsPerDay} onCommit={num('reviewsPerDay', 'Reviews per day', 0, 99999, true)} />
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
            <NumberField
              id="retention"
              label="Desired retention"
              hint="The chance of remembering a card when it comes back, from 0.70 to 0.97. Higher means more reviews."
              value={s.desiredRetention}
              step={0.01}
              onCommit={num('desiredRetention', 'Desired retention', 0.7, 0.97, false)}
            />
            <div class="field">
              <label for="learning-steps">Learning steps</label>
              <input id="learning-steps" type="text" value={s.learningSteps.join(' ')} aria-describedby="steps-hint" onChange={(e) => steps('learningSteps', 'Learning steps')(e.currentTarget.value)} />
              <p class="hint" id="steps-hint">
                Waits before a new card graduates, such as 1m 10m (m minutes, h hours, d days).
              </p>
            </div>
            <div class="field">
              <label for="relearning-steps">Relearning steps</label>
              <input id="relearning-steps" type="text" value={s.relearningSteps.join(' ')} onChange={(e) => steps('relearningSteps', 'Relearning steps')(e.currentTarget.value)} />
            </div>
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
          <SoundSettings />
          <DataSettings />
        </>
      )}
    </section>
  );
}
