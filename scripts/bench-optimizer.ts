/**
 * `npm run bench:optimizer [-- --sizes 10000,100000]`: how long the on-device optimiser takes and
 * how much memory it needs, for a seeded synthetic learner's 10,000 and 100,000 answers, and how
 * long the retention simulator takes for the collection they leave. Runs fsrs-browser's wasm in
 * Node on one thread (the same V8 and wasm as Chromium; the app uses up to 4 threads where the
 * device has the cores). Each size runs in its own process, so its peak memory is its own.
 * Reports and never fails; writes `bench/optimizer-results.json`.
 */
import './wasm-worker-shim';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FSRSAlgorithm, default_w, type FSRSState } from 'ts-fsrs';
import { initSync } from 'fsrs-browser';
import { syntheticAnswers } from '../test/fixtures/synthetic-learner';
import { buildHistories, longTermTimes, splitByTime, trainingItems, type History } from '../src/optimize/dataset';
import { fitParameters } from '../src/optimize/fit';
import { scoreParameters } from '../src/optimize/metrics';
import { simulateTargets, type SimCard } from '../src/optimize/simulate';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const one = args.indexOf('--one');

/** The collection as the simulator starts it: each history's memory state on its last day, days counted back from the newest answer. */
function collection(histories: History[], w: readonly number[]): SimCard[] {
  const model = new FSRSAlgorithm({ w: [...w], enable_short_term: true });
  const DAY = 86_400_000;
  const today = Math.max(...histories.map((h) => h.at[h.at.length - 1]!));
  return histories.map((h): SimCard => {
    let s: FSRSState | null = null;
    for (let i = 0; i < h.grades.length; i++) s = model.next_state(s, h.gaps[i]!, h.grades[i]!);
    const lastDay = -Math.round((today - h.at[h.at.length - 1]!) / DAY);
    return { state: 'known', stability: s!.stability, difficulty: s!.difficulty, lastDay, dueDay: lastDay + model.next_interval(s!.stability, 0) };
  });
}

/** One size, in this process: prints one JSON line. */
function measure(reviews: number) {
  const memory = initSync({ module: readFileSync(resolve(ROOT, 'node_modules/fsrs-browser/fsrs_browser_bg.wasm')) }).memory;
  const answers = syntheticAnswers({ reviews, seed: 1 });
  // The wasm logs each epoch; the bench prints its own figures only.
  const log = console.log;
  console.log = () => {};
  const t0 = performance.now();
  const histories = buildHistories(answers, 4);
  const split = splitByTime(longTermTimes(histories));
  if (!split.ok) throw new Error(`${reviews} answers: too few to fit`);
  const data = trainingItems(histories, split.cutoff);
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const w = fitParameters(data);
  const t2 = performance.now();
  // CPU time as well as wall time: on a shared machine the wall clock also counts waiting for a core.
  const fitCpu = process.cpuUsage(cpu);
  const fitted = scoreParameters(histories, w, split.cutoff);
  const defaults = scoreParameters(histories, default_w, split.cutoff);
  const t3 = performance.now();
  console.log = log;
  const cards = collection(histories, w);
  const t4 = performance.now();
  const simCpu = process.cpuUsage();
  simulateTargets({ cards, w, newPerDay: 20 });
  const t5 = performance.now();
  const simCpuUsed = process.cpuUsage(simCpu);
  const r = (x: number) => Math.round(x);
  console.log(
    JSON.stringify({
      answers: reviews,
      judged: split.test,
      fittedOn: split.train,
      prepareMs: r(t1 - t0),
      fitMs: r(t2 - t1),
      fitCpuMs: r((fitCpu.user + fitCpu.system) / 1000),
      judgeMs: r(t3 - t2),
      totalMs: r(t3 - t0),
      wasmMemoryMB: r(memory.buffer.byteLength / 2 ** 20),
      peakRssMB: r(process.resourceUsage().maxRSS / 1024),
      simulatorMs: r(t5 - t4),
      simulatorCpuMs: r((simCpuUsed.user + simCpuUsed.system) / 1000),
      simulatedCards: cards.length,
      logLoss: { defaults: +defaults.logLoss.toFixed(4), fitted: +fitted.logLoss.toFixed(4) },
    }),
  );
}

if (one >= 0) {
  measure(Number(args[one + 1]));
} else {
  const at = args.indexOf('--sizes');
  const sizes = (at >= 0 ? args[at + 1]! : '10000,100000').split(',').map(Number);
  const rows: Record<string, number | object>[] = [];
  for (const size of sizes) {
    console.error(`optimising ${size.toLocaleString()} answers…`);
    const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--one', String(size)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(`size ${size} failed:\n${run.stderr}`);
    rows.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!));
  }
  console.log('\nBriefdeck optimiser bench (one thread, Node ' + process.version + ')\n');
  console.log(`${'answers'.padStart(8)} ${'judged'.padStart(7)} ${'fit (CPU)'.padStart(18)} ${'total'.padStart(8)} ${'wasm mem'.padStart(9)} ${'peak RSS'.padStart(9)} ${'simulator (CPU)'.padStart(18)}  log loss default → fitted`);
  for (const x of rows as any[]) {
    console.log(
      `${String(x.answers).padStart(8)} ${String(x.judged).padStart(7)} ${`${x.fitMs} (${x.fitCpuMs}) ms`.padStart(18)} ${`${x.totalMs} ms`.padStart(8)} ${`${x.wasmMemoryMB} MB`.padStart(9)} ${`${x.peakRssMB} MB`.padStart(9)} ${`${x.simulatorMs} (${x.simulatorCpuMs}) ms`.padStart(18)}  ${x.logLoss.defaults} → ${x.logLoss.fitted}`,
    );
  }
  console.log('\nAim: optimising 10,000 answers within 5 s on this machine. Wall time, with CPU time in brackets.');
  writeFileSync(resolve(ROOT, 'bench/optimizer-results.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
}
