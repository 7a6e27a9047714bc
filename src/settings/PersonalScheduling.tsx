/**
 * Settings → Personal scheduling: fit FSRS-6 parameters to the learner's own reviews on this device
 * (Optimize, with progress and Cancel), judge them against the ones in use on the newest reviews,
 * apply them only when better, go back or reset; and simulate what each desired retention costs.
 * Part of the settings chunk; the optimiser's wasm loads only when Optimize is pressed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { listDecks } from '../library/library';
import { cannotOptimize, optimize, type Run } from '../optimize/client';
import { compareFits, isBetter, tooFew } from '../optimize/explain';
import type { SimInput, SimPoint } from '../optimize/simulate';
import type { Settings } from '../srs/types';
import { applyParameters, own, parameterNotes, restorePrevious, simulationCards, studyAnswers, type ParameterNotes } from '../store/parameters';
import { getSettings, updateSettings } from '../store';
import { RetentionChart } from './RetentionChart';
import './scheduling.css';

const CANCELLED = 'Optimizing cancelled; nothing was changed.';

type Phase = { kind: 'idle' } | { kind: 'running'; done: number } | { kind: 'done'; text: string; error?: boolean };

/**
 * The parameters the scheduler uses for a scope: its own, else (for a deck) everyone's, else null for
 * the defaults (which the workers know: naming them here would make the start-up code export them).
 */
function inUse(settings: Settings, scope: string): number[] | null {
  return own(settings.parameters, scope) ?? settings.parameters[''] ?? null;
}

function describe(settings: Settings, notes: ParameterNotes, scope: string): string {
  const mine = own(settings.parameters, scope);
  const note = own(notes, scope)?.current;
  if (mine) {
    const when = note?.fittedAt ? `, fitted on ${new Date(note.fittedAt).toLocaleDateString()} to ${note.reviews ?? 'your'} reviews` : ' (fitted to your reviews)';
    return `In use: your own parameters${when}.`;
  }
  if (scope && settings.parameters['']) return 'In use: the parameters fitted for every deck.';
  return 'In use: the default FSRS-6 parameters.';
}

/** `onSettings` hears of settings this panel changes (the desired retention), so the form shows them. */
export function PersonalScheduling({ onSettings }: { onSettings?: (s: Settings) => void } = {}) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notes, setNotes] = useState<ParameterNotes>({});
  const [decks, setDecks] = useState<{ id: string; title: string }[]>([]);
  const [scope, setScope] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [sim, setSim] = useState<{ points: SimPoint[]; best: SimPoint } | 'running' | string | null>(null);
  const [simNote, setSimNote] = useState('');
  const run = useRef<Run | null>(null);
  // Cancel may come while the answers are still being read, before the worker exists.
  const cancelled = useRef(false);
  const why = cannotOptimize();

  const refresh = async () => {
    const [s, n] = await Promise.all([getSettings(), parameterNotes()]);
    setSettings(s);
    setNotes(n);
  };
  useEffect(() => {
    void refresh();
    listDecks().then((d) => setDecks(d.map((e) => ({ id: e.summary.id, title: e.summary.title }))), () => setDecks([]));
    return () => run.current?.cancel();
  }, []);

  const act = async (what: () => Promise<unknown>, text: string) => {
    try {
      await what();
      await refresh();
      setPhase({ kind: 'done', text });
      setSim(null);
    } catch (e) {
      setPhase({ kind: 'done', text: (e as Error).message, error: true });
    }
  };

  const start = async () => {
    if (!settings) return;
    setPhase({ kind: 'running', done: 0 });
    cancelled.current = false;
    try {
      const answers = await studyAnswers(scope || undefined);
      if (cancelled.current) return setPhase({ kind: 'done', text: CANCELLED });
      const current = inUse(settings, scope);
      // Parameters are never judged on reviews they were fitted on: the judged ones start after those.
      const basis = own(notes, scope)?.current ?? (scope ? notes['']?.current : undefined);
      const notBefore = basis?.w && basis.trainedUntil ? basis.trainedUntil : -Infinity;
      run.current = optimize({ answers, dayStartHour: settings.dayStartHour, current, notBefore }, (done) => setPhase({ kind: 'running', done }));
      const result = await run.current.result;
      run.current = null;
      if (result.kind === 'too-few') return setPhase({ kind: 'done', text: tooFew(result.split, basis?.trainedUntil) });
      const text = compareFits(result.current, result.fitted);
      if (isBetter(result.current, result.fitted)) {
        await applyParameters(scope, { w: result.w, fittedAt: Date.now(), trainedUntil: result.cutoff, fitted: result.fitted, replaced: result.current, reviews: result.train });
        await refresh();
        setSim(null);
      }
      setPhase({ kind: 'done', text });
    } catch (e) {
      run.current = null;
      const err = e as Error;
      setPhase(err.name === 'Cancelled' ? { kind: 'done', text: CANCELLED } : { kind: 'done', text: `Optimizing failed: ${err.message}`, error: true });
    }
  };

  const simulate = async () => {
    if (!settings) return;
    setSim('running');
    setSimNote('');
    try {
      const input: SimInput = { cards: await simulationCards(Date.now(), scope || undefined), w: inUse(settings, scope), newPerDay: settings.newPerDay, maximumIntervalDays: settings.maximumIntervalDays };
      const worker = new Worker(new URL('../optimize/simulator.worker.ts', import.meta.url), { type: 'module', name: 'simulator' });
      const out = await new Promise<{ ok: true; points: SimPoint[]; best: SimPoint } | { ok: false; message: string }>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message || 'The simulator could not start.'));
        worker.postMessage(input);
      }).finally(() => worker.terminate());
      setSim(out.ok ? { points: out.points, best: out.best } : `Simulation failed: ${out.message}`);
    } catch (e) {
      setSim(`Simulation failed: ${(e as Error).message}`);
    }
  };

  const adoptTarget = async (target: number) => {
    try {
      const next = await updateSettings({ desiredRetention: target });
      setSettings(next);
      onSettings?.(next);
      setSimNote(`Desired retention is now ${target.toFixed(2)}.`);
    } catch (e) {
      setSimNote((e as Error).message);
    }
  };

  if (!settings) return null;
  const running = phase.kind === 'running';
  const hasOwn = !!own(settings.parameters, scope);
  const previous = own(notes, scope)?.previous;
  return (
    <fieldset class="personal-scheduling">
      <legend>Personal scheduling</legend>
      <p class="hint">
        Briefdeck can fit its memory model (FSRS-6) to your own answers, on this device: nothing leaves it. New parameters are judged on your most recent reviews
        and used only if they predict your recall better than the ones in use.
      </p>
      <div class="field">
        <label for="fsrs-scope">Parameters for</label>
        <select id="fsrs-scope" value={scope} disabled={running} onChange={(e) => (setScope(e.currentTarget.value), setPhase({ kind: 'idle' }), setSim(null))}>
          <option value="">Every deck</option>
          {decks.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      <p id="fsrs-in-use">{describe(settings, notes, scope)}</p>
      <div class="actions">
        <button type="button" onClick={() => void start()} disabled={running || !!why} aria-describedby={why ? 'optimize-why' : undefined}>
          Optimize
        </button>
        {running && (
          <button type="button" onClick={() => ((cancelled.current = true), run.current?.cancel())}>
            Cancel
          </button>
        )}
        {previous && !running && (
          <button type="button" onClick={() => void act(() => restorePrevious(scope), 'The previous parameters are in use again.')}>
            Go back to the previous parameters
          </button>
        )}
        <button type="button" disabled={running || !hasOwn} onClick={() => void act(() => applyParameters(scope, { w: null }), 'The default parameters are in use.')}>
          Reset to defaults
        </button>
      </div>
      {why && (
        <p class="hint" id="optimize-why">
          {why}
        </p>
      )}
      {running && (
        <p>
          <label for="optimize-progress">Optimizing… you can keep studying meanwhile.</label>
          <progress id="optimize-progress" max={1} value={phase.done || undefined} />
        </p>
      )}
      <p class={phase.kind === 'done' && phase.error ? 'optimize-result error' : 'optimize-result'} role={phase.kind === 'done' && phase.error ? 'alert' : 'status'}>
        {phase.kind === 'done' ? phase.text : ''}
      </p>

      <h2 class="sim-title" id="retention-sim-title">
        What each retention target costs
      </h2>
      <p class="hint">
        A simulation of your {scope ? 'deck' : 'collection'} over the next year with the parameters in use: reviews per day and the share of cards you would remember,
        for desired retention from 0.70 to 0.97.
      </p>
      <button type="button" onClick={() => void simulate()} disabled={sim === 'running'}>
        {sim && sim !== 'running' && typeof sim !== 'string' ? 'Simulate again' : 'Simulate'}
      </button>
      {sim === 'running' && <p aria-busy="true">Simulating a year of reviews…</p>}
      {typeof sim === 'string' && sim !== 'running' && (
        <p class="optimize-result error" role="alert">
          {sim}
        </p>
      )}
      {sim && typeof sim === 'object' && <RetentionChart points={sim.points} best={sim.best} current={settings.desiredRetention} />}
      {sim && typeof sim === 'object' && Math.abs(sim.best.target - settings.desiredRetention) >= 0.005 && (
        <button type="button" onClick={() => void adoptTarget(sim.best.target)}>
          Use {sim.best.target.toFixed(2)} as my desired retention
        </button>
      )}
      <p role="status" class="sim-note">
        {simNote}
      </p>
    </fieldset>
  );
}
