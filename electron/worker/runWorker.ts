// worker_threads entry: runs one simulation at a time for the worker pool and streams it back.
// Samples from the engine are gathered and sent at most once per `batchMs` of wall time
// (≤ ~20 batches a second), as Float64Arrays whose buffers are transferred.
// Built app: this file is a separate main-process build entry (out/main/runWorker.js).
import { parentPort } from 'node:worker_threads';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runScenario, type RunOptions } from '../../shared/sim/engine/run';
import { runWithSensitivity } from '../../shared/sensitivity/runSensitivity';
import type { EventRecord, RunProgress, SampleBatch } from '../../shared/doc/runDocument';
import type { HostToWorker, RunJobMessage, WorkerToHost } from './protocol';

if (!parentPort) throw new Error('runWorker must run in a worker thread');
const port = parentPort;

function send(msg: WorkerToHost, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

/** Concatenate pending sample batches column by column. */
function concat(batches: SampleBatch[]): SampleBatch {
  let n = 0;
  for (const b of batches) n += b.t_ns.length;
  const ncol = batches[0].columns.length;
  const t = new Float64Array(n);
  const cols = Array.from({ length: ncol }, () => new Float64Array(n));
  let at = 0;
  for (const b of batches) {
    t.set(b.t_ns, at);
    for (let c = 0; c < ncol; c++) cols[c].set(b.columns[c], at);
    at += b.t_ns.length;
  }
  return { t_ns: t, columns: cols };
}

function runJob(msg: RunJobMessage): void {
  const { jobId, batchMs } = msg;
  let pendingSamples: SampleBatch[] = [];
  let pendingEvents: EventRecord[] = [];
  let pendingProgress: RunProgress | null = null;
  let lastFlush = performance.now();

  const flush = (): void => {
    lastFlush = performance.now();
    if (pendingSamples.length > 0) {
      const b = concat(pendingSamples);
      pendingSamples = [];
      send({ type: 'samples', jobId, t_ns: b.t_ns, columns: b.columns },
        [b.t_ns.buffer as ArrayBuffer, ...b.columns.map((c) => c.buffer as ArrayBuffer)]);
    }
    if (pendingEvents.length > 0) {
      send({ type: 'events', jobId, events: pendingEvents });
      pendingEvents = [];
    }
    if (pendingProgress) {
      send({ type: 'progress', jobId, progress: pendingProgress });
      pendingProgress = null;
    }
  };
  const maybeFlush = (): void => {
    if (performance.now() - lastFlush >= batchMs) flush();
  };

  try {
    const runOpts: RunOptions = {
      onStarted: (columns) => send({ type: 'started', jobId, columns }),
      onProgress: (p) => { pendingProgress = p; maybeFlush(); },
      // The engine may reuse its arrays: copy before holding on to them.
      onSamples: (b) => { pendingSamples.push({ t_ns: b.t_ns.slice(), columns: b.columns.map((c) => c.slice()) }); maybeFlush(); },
      onEvents: (ev) => { pendingEvents.push(...ev); maybeFlush(); },
      now: () => performance.now(),
      startedAt: new Date().toISOString(),
      nodeName: hostname(),
    };
    const doc = msg.sensitivity ? runWithSensitivity(msg.scenario, { run: runOpts }) : runScenario(msg.scenario, runOpts);
    flush();
    send({ type: 'done', jobId, doc });
  } catch (err) {
    flush();
    const message = err instanceof Error ? err.message : String(err);
    send({ type: 'error', jobId, message });
  }
}

port.on('message', (msg: HostToWorker) => {
  if (msg.type === 'run') runJob(msg);
});
