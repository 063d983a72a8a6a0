// Public entry point of the simulation engine: run one scenario to completion.
// The engine never reads a clock: wall-clock figures in `meta` come from the injected `now`.
import type { Scenario } from '../../scenario/schema';
import type { EventRecord, RunDocument, RunProgress, SampleBatch, SeriesColumnMeta } from '../../doc/runDocument';
import { Simulation } from './simulation';
import { Sampler } from './sampler';
import { assembleRunDocument } from './assemble';
import { EV_SAMPLE } from './eventKinds';
import type { EngineApi } from './engineApi';
import { DECIMATED_MAX_ROWS } from './estimate';
import type { CostSetup } from '../costs/probe';
import { ENGINE_REPORT_MS } from '../../doc/sampleStream';

export interface RunOptions {
  onStarted?(columns: SeriesColumnMeta[]): void;
  /** At each report: every 1 % of simulated time, and with `now` at least every ENGINE_REPORT_MS of wall time. */
  onProgress?(p: RunProgress): void;
  /** The samples taken since the last report, in fresh arrays the receiver owns (shared/doc/sampleStream.ts). */
  onSamples?(batch: SampleBatch): void;
  onEvents?(events: EventRecord[]): void;
  /** Checked often enough that a cancel takes well under 100 ms of wall time. */
  shouldCancel?(): boolean;
  /** Wall clock in ms (e.g. performance.now); without it the meta wall figures are 0. */
  now?(): number;
  /** ISO start time and host description for meta (the engine reads neither itself). */
  startedAt?: string;
  nodeName?: string;
  /** Called once the run has finished, before the document is assembled (tests, invariant checks). */
  inspect?(engine: EngineApi): void;
  /** cost overrides and probe (the sensitivity run); absent for an ordinary run */
  costs?: CostSetup;
}

/** Thrown when `shouldCancel()` returned true. */
export class RunCancelled extends Error {
  constructor(readonly simNs: number) {
    super(`run cancelled at ${simNs} ns simulated`);
    this.name = 'RunCancelled';
  }
}

/**
 * Simulated time advanced between cancel checks and progress reports: at most 1 ms of
 * simulated time (≈ 16 000 packets at 200 Gbit/s, a few ms of wall time).
 */
const CHUNK_NS = 1_000_000;

/** With `series: decimated`, enough samples per bucket that min + max rows stay within DECIMATED_MAX_ROWS. */
export function samplesPerBucket(s: Scenario): number {
  if (s.series !== 'decimated') return 1;
  const samples = Math.ceil(s.duration / s.sample);
  return samples <= DECIMATED_MAX_ROWS ? 1 : Math.ceil(samples / (DECIMATED_MAX_ROWS / 2));
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunDocument {
  const clock = opts.now;
  const wall0 = clock ? clock() : 0;
  const sim = new Simulation(scenario, opts.costs);
  sim.start();
  const sampler = new Sampler(sim, { samplesPerBucket: samplesPerBucket(scenario), endNs: scenario.duration });
  opts.onStarted?.(sampler.streamMeta());
  const end = scenario.duration;
  const step = scenario.sample;
  sim.heap.push(Math.min(step, end), EV_SAMPLE, 0);
  let eventsSent = 0;
  const flushEvents = () => {
    if (opts.onEvents && sim.events.length > eventsSent) {
      opts.onEvents(sim.events.slice(eventsSent));
      eventsSent = sim.events.length;
    }
  };
  const onSample = (t: number) => {
    sampler.sample(t);
    if (t < end) sim.heap.push(Math.min(t + step, end), EV_SAMPLE, 0);
  };
  const progressEvery = Math.max(CHUNK_NS, end / 100);
  let nextProgress = progressEvery;
  let lastReport = wall0;
  for (let t = 0; t < end;) {
    t = Math.min(t + CHUNK_NS, end);
    sim.runUntil(t, onSample);
    if (opts.shouldCancel?.()) throw new RunCancelled(t);
    // report every 1 % of simulated time, or every 50 ms of wall time when a clock is given
    const wallNow = clock ? clock() : 0;
    if (t >= nextProgress || t === end || (clock && wallNow - lastReport >= ENGINE_REPORT_MS)) {
      while (nextProgress <= t) nextProgress += progressEvery;
      lastReport = wallNow;
      if (opts.onSamples) {
        const b = sampler.takeBatch();
        if (b) opts.onSamples(b);
      }
      flushEvents();
      if (opts.onProgress) {
        const wall = clock ? clock() - wall0 : 0;
        opts.onProgress({ sim_ns: t, total_ns: end, speed: wall > 0 ? t / 1e9 / (wall / 1000) : 0 });
      }
    }
  }
  flushEvents();
  opts.inspect?.(sim);
  const wallMs = clock ? clock() - wall0 : 0;
  return assembleRunDocument(scenario, sim, sampler, {
    wallMs,
    startedAt: opts.startedAt ?? '',
    node: opts.nodeName ?? '',
  });
}
