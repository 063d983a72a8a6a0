// A worker_threads pool that runs simulations: one run per worker at a time, a FIFO queue,
// per-job cancel, and a crashed or throwing worker fails only its own job. Used by the compare
// runner, the CLI and the desktop run manager. Never imports 'electron'.
//
// Streams per job: started (column metadata) → progress / samples (typed arrays, transferred,
// batched by the worker to at most ~20 batches a second) / events → the RunDocument.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Scenario } from '../../shared/scenario/schema';
import type { EventRecord, RunDocument, RunProgress, SampleBatch, SeriesColumnMeta } from '../../shared/doc/runDocument';
import type { HostToWorker, WorkerToHost } from '../worker/protocol';

export interface RunCallbacks {
  /** the worker picked the job up; `columns` announces the sample columns in order */
  onStarted?(columns: SeriesColumnMeta[]): void;
  onProgress?(progress: RunProgress): void;
  /** columnar batch; columns[i] matches the i-th column announced in onStarted */
  onSamples?(batch: SampleBatch): void;
  onEvents?(events: EventRecord[]): void;
}

export interface RunJob {
  readonly id: number;
  /** resolves with the run document; rejects with RunCancelledError or RunFailedError */
  readonly promise: Promise<RunDocument>;
  /** cancel a queued or running job (a running worker is terminated and replaced) */
  cancel(): void;
}

export class RunCancelledError extends Error {
  constructor(jobId: number) {
    super(`run ${jobId} cancelled`);
    this.name = 'RunCancelledError';
  }
}

export class RunFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailedError';
  }
}

export interface WorkerPoolOptions {
  /** number of workers; default: the machine's available parallelism */
  size?: number;
  /**
   * Worker entry. Default: `electron/worker/runWorker.ts` next to this file when running from
   * source (tsx, vitest), else `runWorker.js` beside the built host bundle (out/main/).
   */
  workerPath?: string;
  /** extra execArgv for workers */
  execArgv?: string[];
  /**
   * V8 limits of each worker (default DEFAULT_RUN_LIMITS): a run that exceeds them fails alone,
   * with a message, instead of growing the host's process until it dies.
   */
  resourceLimits?: ResourceLimits;
}

/**
 * Each run's JS heap: the run budget (shared/sim/validate/budget.ts: 1 GiB estimated for series,
 * buffers and net_iovs) plus room for the document being assembled and cloned.
 */
export const DEFAULT_RUN_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

interface Job {
  id: number;
  scenario: Scenario;
  cb: RunCallbacks;
  resolve(doc: RunDocument): void;
  reject(err: Error): void;
  state: 'queued' | 'running' | 'settled';
  slot: Slot | null;
  sensitivity: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export function defaultWorkerPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return path.resolve(path.dirname(here), '../worker/runWorker.ts');
  return path.resolve(path.dirname(here), 'runWorker.js');
}

function tsBootstrap(entry: string): string {
  const url = JSON.stringify(pathToFileURL(entry).href);
  return (
    `import('tsx/esm/api').then((m) => { m.register(); return import(${url}); })` +
    `.catch((e) => { console.error('run worker failed to load:', e && e.message); process.exit(70); });`
  );
}

export class WorkerPool {
  readonly size: number;
  private readonly workerPath: string;
  private readonly execArgv: string[];
  private readonly limits: ResourceLimits;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** workers kept started, idle or not (see warm) */
  private keepWarm = 0;

  constructor(opts: WorkerPoolOptions = {}) {
    const size = opts.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker pool size must be a positive integer, got ${size}`);
    this.size = size;
    this.workerPath = opts.workerPath ?? defaultWorkerPath();
    this.execArgv = [...(opts.execArgv ?? [])];
    this.limits = { ...(opts.resourceLimits ?? DEFAULT_RUN_LIMITS) };
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Worker threads started (idle or running a job). */
  get started(): number {
    return this.slots.length;
  }

  /** Jobs currently running. */
  get running(): number {
    return this.slots.filter((s) => s.job !== null).length;
  }

  run(scenario: Scenario, cb: RunCallbacks = {}, opts: { sensitivity?: boolean } = {}): RunJob {
    if (this.closed) throw new Error('worker pool is closed');
    const id = this.nextId++;
    let job!: Job;
    const promise = new Promise<RunDocument>((resolve, reject) => {
      job = { id, scenario, cb, resolve, reject, state: 'queued', slot: null, sensitivity: opts.sensitivity === true };
    });
    this.queue.push(job);
    this.pump();
    return { id, promise, cancel: () => this.cancel(job) };
  }

  /**
   * Start `count` workers (default: all) now, idle, so the first runs do not pay for booting a
   * worker thread and loading the engine (the host calls this at start-up). Workers a cancel
   * terminates are then replaced at once; one that crashed only when a job needs it.
   */
  warm(count = this.size): void {
    if (this.closed) return;
    this.keepWarm = Math.min(this.size, Math.max(this.keepWarm, count));
    while (this.slots.length < this.keepWarm) this.spawn();
  }

  /** Cancel everything and terminate all workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.queue]) this.cancel(job);
    const workers = this.slots.map((s) => s.worker);
    for (const s of this.slots) if (s.job) this.settle(s.job, new RunCancelledError(s.job.id));
    this.slots.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private cancel(job: Job): void {
    if (job.state === 'settled') return;
    if (job.state === 'queued') {
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
      this.settle(job, new RunCancelledError(job.id));
      return;
    }
    // Running: the engine loop is synchronous inside the worker, so a message could not
    // interrupt it; terminating the worker is the only prompt cancel. A fresh one replaces it.
    const slot = job.slot;
    this.settle(job, new RunCancelledError(job.id));
    if (slot) this.dropSlot(slot);
    this.pump();
    this.warm(0);
  }

  private settle(job: Job, result: RunDocument | Error): void {
    if (job.state === 'settled') return;
    job.state = 'settled';
    if (job.slot) job.slot.job = null;
    job.slot = null;
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
  }

  private dropSlot(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.worker.removeAllListeners();
    // An error from terminate() is of no interest: the slot is already gone.
    slot.worker.terminate().catch(() => undefined);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      job.state = 'running';
      job.slot = slot;
      slot.job = job;
      const msg: HostToWorker = { type: 'run', jobId: job.id, scenario: job.scenario, ...(job.sensitivity ? { sensitivity: true } : {}) };
      slot.worker.postMessage(msg);
    }
  }

  private spawn(): Slot {
    const worker = this.workerPath.endsWith('.ts')
      ? // From source (tsx, vitest): `execArgv: ['--import', 'tsx']` does not reach worker threads
        // on Node 20 ("Unknown file extension .ts"), so a tiny bootstrap registers tsx's ESM hooks
        // inside the worker and then imports the entry.
        new Worker(tsBootstrap(this.workerPath), { eval: true, execArgv: this.execArgv, resourceLimits: this.limits })
      : new Worker(this.workerPath, { execArgv: this.execArgv, resourceLimits: this.limits });
    const slot: Slot = { worker, job: null };
    worker.on('message', (m: WorkerToHost) => this.onMessage(slot, m));
    worker.on('error', (err: Error) => this.onCrash(slot, this.crashMessage(err)));
    worker.on('exit', (code: number) => this.onCrash(slot, `worker exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private crashMessage(err: Error): string {
    if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const mb = this.limits.maxOldGenerationSizeMb;
      return (
        `the run ran out of memory (each run may use ${mb ? `${mb} MiB of JS heap` : "the worker's heap limit"}); ` +
        'the host and other runs go on. Use a larger sample interval, series: decimated or a shorter duration'
      );
    }
    return `worker crashed: ${err.message}`;
  }

  private onCrash(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    this.dropSlot(slot);
    if (job) this.settle(job, new RunFailedError(`run ${job.id} failed: ${message}`));
    this.pump();
  }

  private onMessage(slot: Slot, m: WorkerToHost): void {
    const job = slot.job;
    if (!job || job.id !== m.jobId) return; // a message from a cancelled job still in the pipe
    try {
      this.dispatch(job, m);
    } catch (e) {
      // A throwing stream callback is the caller's bug: fail that job, keep the pool healthy.
      this.settle(job, new RunFailedError(`run ${job.id}: stream callback threw: ${(e as Error).message}`));
      this.dropSlot(slot);
      this.pump();
    }
  }

  private dispatch(job: Job, m: WorkerToHost): void {
    switch (m.type) {
      case 'started':
        job.cb.onStarted?.(m.columns);
        break;
      case 'progress':
        job.cb.onProgress?.(m.progress);
        break;
      case 'samples':
        job.cb.onSamples?.({ t_ns: m.t_ns, columns: m.columns });
        break;
      case 'events':
        job.cb.onEvents?.(m.events);
        break;
      case 'done':
        this.settle(job, m.doc);
        this.pump();
        break;
      case 'error':
        this.settle(job, new RunFailedError(`run ${job.id} failed: ${m.message}`));
        this.pump();
        break;
    }
  }
}
