// Messages between the worker pool (host) and a run worker (electron/worker/runWorker.ts).
// Everything here crosses postMessage: structured-clone data only; sample columns are
// Float64Arrays whose buffers are transferred, not copied.
import type { Scenario } from '../../shared/scenario/schema';
import type { EventRecord, RunDocument, RunProgress, SeriesColumnMeta } from '../../shared/doc/runDocument';

export interface RunJobMessage {
  type: 'run';
  jobId: number;
  scenario: Scenario;
  /** also run the sensitivity set (shared/sensitivity/runSensitivity.ts) */
  sensitivity?: boolean;
}

export type HostToWorker = RunJobMessage;

export type WorkerToHost =
  | { type: 'started'; jobId: number; columns: SeriesColumnMeta[] }
  | { type: 'progress'; jobId: number; progress: RunProgress }
  | { type: 'samples'; jobId: number; t_ns: Float64Array; columns: Float64Array[] }
  | { type: 'events'; jobId: number; events: EventRecord[] }
  | { type: 'done'; jobId: number; doc: RunDocument }
  | { type: 'error'; jobId: number; message: string };
