// Public entry point of the simulation engine: run one scenario to completion.
// The engine never reads a clock: wall-clock figures in `meta` come from the injected `now`.
import type { Scenario } from '../../scenario/schema';
import type { EventRecord, RunDocument, RunProgress, SampleBatch, SeriesColumnMeta } from '../result/runDocument';

export interface RunOptions {
  onStarted?(columns: SeriesColumnMeta[]): void;
  /** Throttled by simulated time (about every 1 % of the run). */
  onProgress?(p: RunProgress): void;
  /** Every sample interval or batched; the caller throttles further. */
  onSamples?(batch: SampleBatch): void;
  onEvents?(events: EventRecord[]): void;
  /** Checked often enough that a cancel takes well under 100 ms of wall time. */
  shouldCancel?(): boolean;
  /** Wall clock in ms (e.g. performance.now); without it the meta wall figures are 0. */
  now?(): number;
  /** ISO start time and host description for meta (the engine reads neither itself). */
  startedAt?: string;
  nodeName?: string;
}

/** Thrown when `shouldCancel()` returned true. */
export class RunCancelled extends Error {
  constructor(readonly simNs: number) {
    super(`run cancelled at ${simNs} ns simulated`);
    this.name = 'RunCancelled';
  }
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunDocument {
  void scenario; void opts;
  throw new Error('engine: runScenario is being built (engine work in progress)');
}
