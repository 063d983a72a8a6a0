// The run manager: turns "start this scenario" into a job on engineer D's worker pool (which owns
// the queue, cancel and crash isolation), keeps each run's state and final document, and streams
// its events to the renderer — samples coalesced to at most one batch per 50 ms per run.
import type { RunInfo, RunStartOptions, RunStreamEvent } from '../../shared/api';
import type { Scenario } from '../../shared/scenario/schema';
import type { RunDocument } from '../../shared/sim/result/runDocument';
import type { RunCallbacks, RunJob } from './workerPool';
import { SampleCoalescer } from './sampleCoalescer';
import { apiError } from './apiError';
import { defaultWatermarks, watermarksFromBytes } from '../../shared/sim/mm/watermarks';
import { PAGE_SIZE } from '../../shared/sim/page_pool/types';

/** Each node's watermarks in pages, as the engine derives them (mm/page_alloc.c rules). */
export function scenarioWatermarks(s: Scenario): NonNullable<RunInfo['watermarks']> {
  const nodes = s.host.memory.numa_nodes;
  const nodePages = Math.floor(s.host.memory.per_node / PAGE_SIZE);
  const w = s.host.memory.watermarks ? watermarksFromBytes(s.host.memory.watermarks, nodePages) : defaultWatermarks(nodePages, nodePages * nodes);
  return Array.from({ length: nodes }, (_, node) => ({ node, min_pages: w.min, low_pages: w.low, high_pages: w.high }));
}

/** What the run manager needs of a pool (D's WorkerPool satisfies it; tests may pass their own). */
export interface RunPool {
  readonly size: number;
  run(scenario: Scenario, cb: RunCallbacks, opts?: { sensitivity?: boolean }): RunJob;
  close(): Promise<void>;
}

export interface RunManagerOptions {
  /** ms between batches to the renderer (default 50: ≤ 20 a second) */
  flushMs?: number;
  /** finished runs whose documents are kept (oldest dropped first) */
  keepRuns?: number;
  now?: () => number;
}

interface Run {
  info: RunInfo;
  job: RunJob;
  coalescer: SampleCoalescer;
  doc: RunDocument | null;
  settled: Promise<RunDocument>;
}

export class RunManager {
  private readonly runs = new Map<string, Run>();
  private readonly listeners = new Set<(e: RunStreamEvent) => void>();
  private seq = 0;
  private readonly flushMs: number;
  private readonly keepRuns: number;
  private readonly now: () => number;

  constructor(private readonly pool: RunPool, opts: RunManagerOptions = {}) {
    this.flushMs = opts.flushMs ?? 50;
    this.keepRuns = opts.keepRuns ?? 64;
    this.now = opts.now ?? (() => performance.now());
  }

  get workers(): number { return this.pool.size; }

  onEvent(listener: (e: RunStreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queue a run; returns at once. `extra` tags runs that belong to a compare. */
  start(scenarioId: string, scenario: Scenario, label: string, extra: Pick<RunInfo, 'compareId' | 'point'> = {}, opts: RunStartOptions = {}): RunInfo {
    const runId = `run-${++this.seq}`;
    let watermarks: RunInfo['watermarks'];
    try { watermarks = scenarioWatermarks(scenario); } catch { watermarks = undefined; /* the engine reports it */ }
    const info: RunInfo = {
      runId, scenarioId, label, state: 'queued', duration_ns: scenario.duration, sample_ns: scenario.sample,
      ...(watermarks ? { watermarks } : {}), ...(opts.sensitivity ? { sensitivity: true } : {}), ...extra,
    };
    const coalescer = new SampleCoalescer({
      samples: (b) => this.emit({ type: 'samples', runId, t_ns: b.t_ns, columns: b.columns }),
      progress: (progress) => this.emit({ type: 'progress', runId, progress }),
      log: (events) => this.emit({ type: 'log', runId, events }),
    }, this.flushMs, this.now);
    const job = this.pool.run(scenario, {
      onStarted: (columns) => { info.state = 'running'; this.emit({ type: 'started', runId, columns }); },
      onProgress: (p) => coalescer.progress(p),
      onSamples: (b) => coalescer.samples(b),
      onEvents: (ev) => coalescer.log(ev),
    }, { sensitivity: opts.sensitivity === true });
    const run: Run = { info, job, coalescer, doc: null, settled: job.promise };
    this.runs.set(runId, run);
    this.emit({ type: 'queued', run: { ...info } });
    job.promise.then(
      (doc) => { run.doc = doc; this.finish(run, 'done'); },
      (err: unknown) => {
        const cancelled = err instanceof Error && err.name === 'RunCancelledError';
        this.finish(run, cancelled ? 'cancelled' : 'failed', cancelled ? undefined : err instanceof Error ? err.message : String(err));
      },
    );
    this.prune();
    return { ...info };
  }

  cancel(runId: string): void {
    const run = this.get(runId);
    if (run.info.state === 'queued' || run.info.state === 'running') run.job.cancel();
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((r) => ({ ...r.info }));
  }

  info(runId: string): RunInfo {
    return { ...this.get(runId).info };
  }

  document(runId: string): RunDocument {
    const run = this.get(runId);
    if (!run.doc) throw apiError('EBUSY', `run ${runId} is ${run.info.state}; its document exists once it is done`);
    return run.doc;
  }

  /** Resolves with the document or rejects with the run's failure (for the compare runner). */
  settled(runId: string): Promise<RunDocument> {
    return this.get(runId).settled;
  }

  async close(): Promise<void> {
    for (const r of this.runs.values()) r.coalescer.dispose();
    await this.pool.close();
  }

  private get(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw apiError('ENOENT', `no run with id '${runId}'`);
    return run;
  }

  private finish(run: Run, state: 'done' | 'failed' | 'cancelled', error?: string): void {
    if (state === 'done') run.coalescer.flush();
    else run.coalescer.dispose();
    run.info.state = state;
    if (error) run.info.error = error;
    this.emit({ type: 'finished', runId: run.info.runId, state, ...(error ? { error } : {}) });
  }

  /** Drop the oldest settled runs beyond `keepRuns` so documents do not accumulate forever. */
  private prune(): void {
    if (this.runs.size <= this.keepRuns) return;
    for (const [id, r] of this.runs) {
      if (this.runs.size <= this.keepRuns) break;
      if (r.info.state !== 'queued' && r.info.state !== 'running') this.runs.delete(id);
    }
  }

  private emit(e: RunStreamEvent): void {
    for (const l of this.listeners) l(e);
  }
}
