// Runs a compare plan on the worker pool: every (point, repeat) is one job; the document orders
// runs by matrix position and repeat, so it is the same whatever the number of workers and the
// completion order. A failed run fails the compare with that run's label and message.
import type { CompareDocument } from '../../shared/doc/compareDocument';
import type { RunDocument } from '../../shared/doc/runDocument';
import { buildCompareDocument } from '../../shared/sim/compare/buildDocument';
import type { ComparePlan } from '../../shared/sim/compare/plan';
import { TOOL_VERSION } from '../../shared/sim/engine/assemble';
import type { RunCallbacks, RunJob, WorkerPool } from './workerPool';

export interface CompareCallbacks {
  /** a run was queued on the pool; `jobId` identifies its stream */
  onRunQueued?(index: number, point: number, repeat: number, job: RunJob): void;
  /** stream callbacks for one run (e.g. the desktop's live charts) */
  runCallbacks?(index: number, point: number, repeat: number): RunCallbacks;
  onRunDone?(index: number, point: number, repeat: number, doc: RunDocument): void;
}

export interface CompareJob {
  promise: Promise<CompareDocument>;
  /** cancel every run of the compare */
  cancel(): void;
}

export function runCompare(
  pool: WorkerPool,
  plan: ComparePlan,
  cb: CompareCallbacks = {},
  now: () => number = () => performance.now(),
): CompareJob {
  const started = now();
  const startedAt = new Date().toISOString();
  const jobs: RunJob[] = plan.runs.map((r, i) => {
    const job = pool.run(r.scenario, cb.runCallbacks?.(i, r.point, r.repeat) ?? {});
    cb.onRunQueued?.(i, r.point, r.repeat, job);
    return job;
  });
  const cancel = (): void => {
    for (const j of jobs) j.cancel();
  };
  const promise = (async () => {
    const docs: RunDocument[] = new Array(jobs.length);
    try {
      await Promise.all(
        jobs.map(async (j, i) => {
          try {
            docs[i] = await j.promise;
          } catch (e) {
            const r = plan.runs[i];
            throw new Error(`run ${plan.points[r.point].label} (repeat ${r.repeat + 1}): ${(e as Error).message}`, { cause: e });
          }
          const r = plan.runs[i];
          cb.onRunDone?.(i, r.point, r.repeat, docs[i]);
        }),
      );
    } catch (e) {
      cancel();
      throw e;
    }
    return buildCompareDocument(
      plan,
      docs,
      { wall_ms: Math.round(now() - started), workers: pool.size, started_at: startedAt },
      TOOL_VERSION,
    );
  })();
  return { promise, cancel };
}
