// The live sample stream from the engine to the chart, and its latency budget.
//
// Path of one sample: engine (Sampler) → run worker (postMessage, transferred buffers) → host
// (SampleCoalescer) → IPC or WebSocket → renderer store (LiveSeries.append) → chart.
// Two places hold samples back, each for a reason, and nothing else waits:
// - the engine runs synchronously in its worker and hands over what it sampled at each report:
//   every ENGINE_REPORT_MS of wall time (or each 1 % of simulated time, whichever comes first),
//   checked after each simulated chunk of at most 1 ms (a few ms of wall time);
// - the host merges what arrived for a run and sends it on at most every STREAM_FLUSH_MS, the one
//   throttle, so the renderer gets at most 20 batches a second per run whatever the engine does.
// The worker, the socket and the store pass batches on as they come. The chart redraws on its
// own schedule (renderer ChartPanel, 200 ms or more when a redraw is expensive): that is the
// cost of drawing, not of the stream.
// Worst case from a sample being taken to it being in the store:
//   ENGINE_REPORT_MS + one chunk of wall time + STREAM_FLUSH_MS  (≈ 50 + 5 + 50 ms)
// test/architecture/streamLatency.test.ts measures it with fake timers.
import type { SampleBatch } from './runDocument';

/** The engine reports (samples, events, progress) at least this often in wall time, ms. */
export const ENGINE_REPORT_MS = 50;

/** The host sends a run's samples on at most this often, ms (≤ 20 batches a second). */
export const STREAM_FLUSH_MS = 50;

/** Wall time one simulated chunk may take in the worst case the budget allows for, ms. */
export const ENGINE_CHUNK_WALL_MS = 5;

/** Worst-case ms from a sample being taken to it being in the renderer's store. */
export const STREAM_LATENCY_BUDGET_MS = ENGINE_REPORT_MS + ENGINE_CHUNK_WALL_MS + STREAM_FLUSH_MS;

/** Concatenate batches column by column (one allocation per column); one batch is returned as is. */
export function mergeBatches(batches: readonly SampleBatch[]): SampleBatch {
  if (batches.length === 1) return batches[0];
  let n = 0;
  for (const b of batches) n += b.t_ns.length;
  const ncol = batches[0].columns.length;
  const t_ns = new Float64Array(n);
  const columns = Array.from({ length: ncol }, () => new Float64Array(n));
  let off = 0;
  for (const b of batches) {
    if (b.columns.length !== ncol) throw new Error(`sample batch has ${b.columns.length} columns, expected ${ncol}`);
    t_ns.set(b.t_ns, off);
    for (let i = 0; i < ncol; i++) columns[i].set(b.columns[i], off);
    off += b.t_ns.length;
  }
  return { t_ns, columns };
}
