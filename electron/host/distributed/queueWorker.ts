// A queue worker: takes compare points from the queue of its own engine version and runs each in a
// worker thread of a WorkerPool, so the event loop stays free to renew BullMQ's job locks while a
// simulation runs. A worker killed mid-point stops renewing its lock; BullMQ's stalled-job check
// then puts the point back for another worker (maxStalledCount times). A point that cannot succeed
// (refused, invalid, engine error) fails once with its message, never retried.
import { hostname } from 'node:os';
import { serialize } from 'node:v8';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_MAX_BYTES, formatScenarioError } from '../../../shared/sim/validate/parse';
import { pointScenario } from '../../../shared/sim/compare/plan';
import { checkScenarioText } from '../scenarioCheck';
import { RunFailedError, WorkerPool } from '../workerPool';
import { engineVersion } from './engineVersion';
import { checkJobData, COMPARE_TTL_S, KEY_PREFIX, keys, queueName, type CompareJobData } from './protocol';
import type { QueueAddress } from './queueUrl';
import { connectionOptions, redisErrorCause } from './redis';

export interface QueueWorkerOptions {
  address: QueueAddress;
  /** points run at once (worker threads); default the cores */
  concurrency: number;
  /**
   * BullMQ lock duration, ms: how long a point of a killed worker waits before it is given to
   * another worker (also the stalled-check interval). Default 30 s.
   */
  lockMs?: number;
  log(line: string): void;
}

export interface QueueWorkerHandle {
  engine: string;
  queue: string;
  /** stop taking points; waits for the running ones unless `force` */
  close(force?: boolean): Promise<void>;
}

export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const engine = engineVersion();
  const name = queueName(engine);
  const pool = new WorkerPool({ size: o.concurrency });
  pool.warm(o.concurrency);
  const store = new Redis(connectionOptions(o.address, 'worker'));
  let lastError = '';
  const logError = (e: unknown): void => {
    const m = `queue ${o.address.redactedUrl}: ${redisErrorCause(e)}`;
    if (m !== lastError) o.log(`warning: ${m} (retrying)`);
    lastError = m;
  };
  store.on('error', logError);
  store.on('ready', () => {
    if (lastError) o.log(`queue ${o.address.redactedUrl}: connected again`);
    lastError = '';
  });

  const heartbeat = (): void => {
    store.zadd(keys.engines(), Date.now(), engine).catch(() => undefined);
  };
  heartbeat();
  const beat = setInterval(heartbeat, 10_000);
  beat.unref();

  const processor = async (job: Job<CompareJobData>): Promise<{ node: string; wall_ms: number }> => {
    const checked = checkJobData(job.data, DEFAULT_MAX_BYTES);
    if (!checked.ok) throw new UnrecoverableError(`refused by the worker: ${checked.message}`);
    const d = checked.job;
    if (d.engine !== engine) {
      throw new UnrecoverableError(`refused: this worker runs engine ${engine}, the point needs ${d.engine}; results never mix versions`);
    }
    const c = checkScenarioText(d.scenarioText);
    if (!c.ok) throw new UnrecoverableError(`invalid scenario on the worker: ${c.errors.map((e) => formatScenarioError(e)).join('; ')}`);
    const ps = pointScenario(c.doc, d.overrides, d.seed);
    if (!ps.ok) throw new UnrecoverableError(`invalid compare point on the worker: ${ps.message}`);
    const t0 = performance.now();
    let doc;
    try {
      doc = await pool.run(ps.scenario).promise;
    } catch (e) {
      if (e instanceof RunFailedError) throw new UnrecoverableError(e.message);
      throw e;
    }
    // Keyed by run index: a point that ran twice is stored once, with the same bytes.
    await store
      .multi()
      .hset(keys.results(d.compareId), String(d.index), serialize(doc))
      .expire(keys.results(d.compareId), COMPARE_TTL_S)
      .exec();
    const wall = Math.round(performance.now() - t0);
    o.log(`compare ${d.compareId} run ${d.index} (point ${d.point}, repeat ${d.repeat + 1}) done in ${wall} ms`);
    return { node: hostname(), wall_ms: wall };
  };

  const lockMs = o.lockMs ?? 30_000;
  const worker = new Worker<CompareJobData>(name, processor, {
    connection: connectionOptions(o.address, 'worker'),
    prefix: KEY_PREFIX,
    concurrency: o.concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 2,
  });
  worker.on('error', logError);
  worker.on('failed', (job, err) => {
    if (job) o.log(`compare ${job.data.compareId ?? '?'} run ${job.data.index ?? '?'} failed: ${err.message}`);
  });
  await worker.waitUntilReady();
  return {
    engine,
    queue: name,
    async close(force = false) {
      clearInterval(beat);
      await worker.close(force);
      await pool.close();
      store.disconnect();
    },
  };
}
