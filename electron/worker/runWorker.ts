// worker_threads entry: runs one simulation at a time for the worker pool and streams it back.
// Samples, events and progress go to the host as the engine reports them, sample columns as
// Float64Arrays whose buffers are transferred (stream and latency budget: shared/doc/sampleStream.ts).
// Built app: this file is a separate main-process build entry (out/main/runWorker.js).
import { parentPort } from 'node:worker_threads';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runScenario, type RunOptions } from '../../shared/sim/engine/run';
import { runWithSensitivity } from '../../shared/sensitivity/runSensitivity';
import type { HostToWorker, RunJobMessage, WorkerToHost } from './protocol';

if (!parentPort) throw new Error('runWorker must run in a worker thread');
const port = parentPort;

function send(msg: WorkerToHost, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

function runJob(msg: RunJobMessage): void {
  const { jobId } = msg;
  // Each engine report goes on at once: the engine reports at most every ENGINE_REPORT_MS of
  // wall time and the host is the one throttle (shared/doc/sampleStream.ts).
  try {
    const runOpts: RunOptions = {
      onStarted: (columns) => send({ type: 'started', jobId, columns }),
      onProgress: (progress) => send({ type: 'progress', jobId, progress }),
      // takeBatch hands over fresh arrays: their buffers are transferred, not copied.
      onSamples: (b) =>
        send({ type: 'samples', jobId, t_ns: b.t_ns, columns: b.columns }, [
          b.t_ns.buffer as ArrayBuffer,
          ...b.columns.map((c) => c.buffer as ArrayBuffer),
        ]),
      onEvents: (events) => send({ type: 'events', jobId, events }),
      now: () => performance.now(),
      startedAt: new Date().toISOString(),
      nodeName: hostname(),
    };
    const doc = msg.sensitivity ? runWithSensitivity(msg.scenario, { run: runOpts }) : runScenario(msg.scenario, runOpts);
    send({ type: 'done', jobId, doc });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    send({ type: 'error', jobId, message });
  }
}

port.on('message', (msg: HostToWorker) => {
  if (msg.type === 'run') runJob(msg);
});
