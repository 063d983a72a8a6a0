// The run manager: turns "start this scenario" into a job on the worker pool (which owns
// the queue, cancel and crash isolation), keeps each run's state and final document, and streams
// its events to the renderer — samples coalesced to at most one batch per 50 ms per run.
import type { RunInfo, RunStartOptions, RunStreamEvent } from '../../shared/api';
import type { Scenario } from '../../shared/scenario/schema';
import type { RunDocument } from '../../shared/doc/runDocument';
import type { RunCallbacks, RunJob } from './workerPool';
import { SampleCoalescer } from './sampleCoalescer';
import { STREAM_FLUSH_MS } from '../../shared/doc/sampleStream';
import { apiError } from './apiError';
import { defaultWatermarks, watermarksFromBytes } from '../../shared/sim/mm/watermarks';
import { PAGE_SIZE } from '../../shared/sim/page_pool/types';
import { BYTES_PER_SAMPLE_VALUE } from '../../shared/sim/engine/estimate';
import { formatBytes } from '../../shared/doc/units';

/** What the host adds to a run's options: the run is of editor text that differs from its file. */
export type HostRunOptions = Omit<RunStartOptions, 'yaml'> & { unsaved?: boolean };
import { longRunWarning } from '../../shared/sim/engine/longRunWarning';

/** Each node's watermarks in pages, as the engine derives them (mm/page_alloc.c rules). */
export function scenarioWatermarks(s: Scenario): NonNullable<RunInfo['watermarks']> {
  const nodes = s.host.memory.numa_nodes;
  const nodePages = Math.floor(s.host.memory.per_node / PAGE_SIZE);
  const w = s.host.memory.watermarks
    ? watermarksFromBytes(s.host.memory.watermarks, nodePages)
    : defaultWatermarks(nodePages, nodePages * nodes);
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
  /**
   * Estimated bytes of finished run documents kept in memory (default KEEP_DOCUMENT_BYTES): beyond
   * it the oldest documents are dropped, each run keeping a notice that says so.
   */
  keepBytes?: number;
  now?: () => number;
}

interface Run {
  info: RunInfo;
  /** null once finished: the settled job would keep its document alive */
  job: RunJob | null;
  coalescer: SampleCoalescer;
  doc: RunDocument | null;
  /** estimated bytes of `doc` */
  docBytes: number;
  settled: Promise<RunDocument> | null;
}

/** Finished documents kept in memory: a few runs at the largest series the budget allows. */
export const KEEP_DOCUMENT_BYTES = 512 * 1024 ** 2;

/** Estimated memory of a run document: its series dominates (measured bytes per value), then events. */
export function documentBytes(doc: RunDocument): number {
  const values = doc.series.t_ns.length * (Object.keys(doc.series.columns).length + 1);
  return Math.round(values * BYTES_PER_SAMPLE_VALUE + doc.events.length * 200 + 64 * 1024);
}

export class RunManager {
  private readonly runs = new Map<string, Run>();
  private readonly listeners = new Set<(e: RunStreamEvent) => void>();
  private seq = 0;
  private readonly flushMs: number;
  private readonly keepRuns: number;
  private readonly keepBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly pool: RunPool,
    opts: RunManagerOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? STREAM_FLUSH_MS;
    this.keepRuns = opts.keepRuns ?? 64;
    this.keepBytes = opts.keepBytes ?? KEEP_DOCUMENT_BYTES;
    this.now = opts.now ?? (() => performance.now());
  }

  get workers(): number {
    return this.pool.size;
  }

  onEvent(listener: (e: RunStreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queue a run; returns at once. `extra` tags runs that belong to a compare. */
  start(
    scenarioId: string,
    scenario: Scenario,
    label: string,
    extra: Pick<RunInfo, 'compareId' | 'point'> = {},
    opts: HostRunOptions = {},
  ): RunInfo {
    const runId = `run-${++this.seq}`;
    let watermarks: RunInfo['watermarks'];
    try {
      watermarks = scenarioWatermarks(scenario);
    } catch {
      watermarks = undefined; /* the engine reports it */
    }
    const info: RunInfo = {
      runId,
      scenarioId,
      label,
      state: 'queued',
      duration_ns: scenario.duration,
      sample_ns: scenario.sample,
      ...(watermarks ? { watermarks } : {}),
      ...(opts.sensitivity ? { sensitivity: true } : {}),
      ...(opts.unsaved ? { unsaved: true } : {}),
      ...extra,
    };
    const coalescer = new SampleCoalescer(
      {
        samples: (b) => this.emit({ type: 'samples', runId, t_ns: b.t_ns, columns: b.columns }),
        progress: (progress) => this.emit({ type: 'progress', runId, progress }),
        log: (events) => this.emit({ type: 'log', runId, events }),
      },
      this.flushMs,
      this.now,
    );
    const job = this.pool.run(
      scenario,
      {
        onStarted: (columns) => {
          info.state = 'running';
          this.emit({ type: 'started', runId, columns });
        },
        onProgress: (p) => coalescer.progress(p),
        onSamples: (b) => coalescer.samples(b),
        onEvents: (ev) => coalescer.log(ev),
      },
      { sensitivity: opts.sensitivity === true },
    );
    const run: Run = { info, job, coalescer, doc: null, docBytes: 0, settled: job.promise };
    this.runs.set(runId, run);
    this.emit({ type: 'queued', run: { ...info } });
    // A run estimated over ten minutes says so first, in its own log (not in the document).
    const warning = longRunWarning(scenario);
    if (warning) this.emit({ type: 'log', runId, events: [{ t_ns: 0, level: 'warn', source: 'estimate', message: warning }] });
    job.promise.then(
      (doc) => {
        if (opts.unsaved) doc.meta.unsaved = true;
        run.doc = doc;
        run.docBytes = documentBytes(doc);
        this.finish(run, 'done');
        this.keepWithinBudget(run);
      },
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
    if (run.info.state === 'queued' || run.info.state === 'running') run.job?.cancel();
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((r) => ({ ...r.info }));
  }

  info(runId: string): RunInfo {
    return { ...this.get(runId).info };
  }

  document(runId: string): RunDocument {
    const run = this.get(runId);
    if (!run.doc && run.info.notice) throw apiError('ENOENT', `run ${runId}: ${run.info.notice}`);
    if (!run.doc) throw apiError('EBUSY', `run ${runId} is ${run.info.state}; its document exists once it is done`);
    return run.doc;
  }

  /** Resolves with the document or rejects with the run's failure (for the compare runner). */
  settled(runId: string): Promise<RunDocument> {
    const run = this.get(runId);
    if (run.settled) return run.settled;
    return run.doc
      ? Promise.resolve(run.doc)
      : Promise.reject(apiError('ENOENT', `run ${runId}: ${run.info.notice ?? run.info.error ?? run.info.state}`));
  }

  /** Estimated bytes of the finished documents held. */
  get keptBytes(): number {
    let n = 0;
    for (const r of this.runs.values()) if (r.doc) n += r.docBytes;
    return n;
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
    // The settled job would keep the document alive after it is dropped (keepWithinBudget).
    run.job = null;
    this.emit({ type: 'finished', runId: run.info.runId, state, ...(error ? { error } : {}) });
  }

  /**
   * Drop the oldest finished documents until those kept fit `keepBytes` (the newest, `latest`,
   * always stays: it is what the user is looking at). The run stays listed, with a notice.
   */
  private keepWithinBudget(latest: Run): void {
    let total = this.keptBytes;
    for (const r of this.runs.values()) {
      if (total <= this.keepBytes) break;
      if (r === latest || !r.doc) continue;
      total -= r.docBytes;
      r.doc = null;
      r.settled = null;
      r.info.notice = `its document was dropped to keep finished runs within ${formatBytes(this.keepBytes)} of memory; run the scenario again to see it`;
    }
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
