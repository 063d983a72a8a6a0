// Submits a compare plan to a BullMQ queue and follows it to the end: one job per (point, repeat),
// results read back by run index and assembled with the same buildCompareDocument a local run uses,
// so the document is identical outside `meta` whatever the number, speed and completion order of
// the workers. A compare is named by a 16-hex-digit id; its spec and finished runs stay in Redis
// (COMPARE_TTL_S) until it completes, so a submit that lost Redis can be resumed without redoing
// finished points.
import { createHash, randomBytes } from 'node:crypto';
import { deserialize } from 'node:v8';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { buildCompareDocument } from '../../../shared/sim/compare/buildDocument';
import type { ComparePlan } from '../../../shared/sim/compare/plan';
import type { CompareDocument } from '../../../shared/doc/compareDocument';
import { RUN_FORMAT, type RunDocument } from '../../../shared/doc/runDocument';
import { TOOL_VERSION } from '../../../shared/sim/engine/assemble';
import { engineVersion } from './engineVersion';
import { COMPARE_TTL_S, JOB_FORMAT, KEY_PREFIX, keys, queueName, type CompareJobData } from './protocol';
import type { QueueAddress } from './queueUrl';
import { connectionOptions, connectSubmitter, redisErrorCause } from './redis';

export interface DistributedProgress {
  total: number;
  done: number;
  running: number;
  /** ms until done at the rate seen so far; null before the first run finishes */
  etaMs: number | null;
}

export interface DistributedCompareOptions {
  address: QueueAddress;
  /** the scenario file's text (what the workers parse) and the plan made from it */
  scenarioText: string;
  plan: ComparePlan;
  /** continue the compare with this id instead of submitting a new one */
  resumeId?: string;
  onSubmitted?(info: { id: string; engine: string; resumed: boolean; alreadyDone: number }): void;
  onProgress?(p: DistributedProgress): void;
  /** things worth saying once (no worker serves this engine yet, …) */
  onNotice?(message: string): void;
  signal?: AbortSignal;
  /** poll interval, ms (default 500) */
  pollMs?: number;
  /** how long Redis may stay unreachable before the submit gives up, ms (default 10 s) */
  lostAfterMs?: number;
  now?: () => number;
}

/** A run failed for good (invalid on the worker, engine error, refused): the compare fails. */
export class DistributedRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistributedRunError';
  }
}

/** The submit cannot go on (Redis lost, nothing to resume, spec mismatch); the message says what to do. */
export class DistributedSubmitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistributedSubmitError';
  }
}

type CompareQueue = Queue<CompareJobData, unknown, 'run'>;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function runLabel(plan: ComparePlan, index: number): string {
  const r = plan.runs[index];
  return `run ${plan.points[r.point].label} (repeat ${r.repeat + 1})`;
}

function jobData(o: DistributedCompareOptions, engine: string, id: string, index: number): CompareJobData {
  const r = o.plan.runs[index];
  const pt = o.plan.points[r.point];
  return {
    format: JOB_FORMAT,
    engine,
    compareId: id,
    index,
    point: r.point,
    repeat: r.repeat,
    scenarioText: o.scenarioText,
    overrides: pt.overrides,
    seed: pt.seeds[r.repeat],
  };
}

async function openSpec(redis: Redis, o: DistributedCompareOptions, engine: string): Promise<{ id: string; resumed: boolean }> {
  const spec = { engine, scenario_sha256: sha256(o.scenarioText), repeat: String(o.plan.repeat), runs: String(o.plan.runs.length) };
  if (!o.resumeId) {
    const id = randomBytes(8).toString('hex');
    await redis.multi().hset(keys.spec(id), spec).expire(keys.spec(id), COMPARE_TTL_S).exec();
    return { id, resumed: false };
  }
  const id = o.resumeId;
  const have = await redis.hgetall(keys.spec(id));
  if (!have.engine) {
    throw new DistributedSubmitError(
      `no compare ${id} at ${o.address.redactedUrl}: it finished, expired, or Redis lost its data; run without --resume`,
    );
  }
  if (have.engine !== engine)
    throw new DistributedSubmitError(
      `compare ${id} was submitted with engine ${have.engine}; this checkout runs ${engine}, and results never mix versions`,
    );
  if (have.scenario_sha256 !== spec.scenario_sha256)
    throw new DistributedSubmitError(`compare ${id} was submitted with another scenario text; resume it with the same file`);
  if (have.repeat !== spec.repeat || have.runs !== spec.runs) {
    throw new DistributedSubmitError(
      `compare ${id} has ${have.runs} runs (repeat ${have.repeat}); this plan has ${spec.runs} (repeat ${spec.repeat})`,
    );
  }
  return { id, resumed: true };
}

export async function runDistributedCompare(o: DistributedCompareOptions): Promise<CompareDocument> {
  const now = o.now ?? (() => performance.now());
  const started = now();
  const startedAt = new Date().toISOString();
  const engine = engineVersion();
  const redis = await connectSubmitter(o.address);
  const queue: CompareQueue = new Queue<CompareJobData, unknown, 'run'>(queueName(engine), {
    connection: connectionOptions(o.address, 'submitter'),
    prefix: KEY_PREFIX,
  });
  queue.on('error', () => {
    /* surfaced by the poll below */
  });
  const total = o.plan.runs.length;
  let id = '';
  try {
    const opened = await openSpec(redis, o, engine);
    id = opened.id;
    const done = new Set((await redis.hkeys(keys.results(id))).map(Number));
    if (opened.resumed) {
      // A run that failed for good before is tried again: remove its failed job so the id is free.
      for (let i = 0; i < total; i++) {
        if (done.has(i)) continue;
        const job = await queue.getJob(keys.jobId(id, i));
        if (job && (await job.isFailed())) await job.remove();
      }
    }
    o.onSubmitted?.({ id, engine, resumed: opened.resumed, alreadyDone: done.size });
    const pending = [...Array(total).keys()].filter((i) => !done.has(i));
    // Same job id twice is a no-op in BullMQ: a resumed submit does not duplicate waiting runs.
    for (let at = 0; at < pending.length; at += 500) {
      await queue.addBulk(
        pending.slice(at, at + 500).map((i) => ({
          name: 'run' as const,
          data: jobData(o, engine, id, i),
          opts: {
            jobId: keys.jobId(id, i),
            attempts: 3,
            backoff: { type: 'fixed', delay: 1000 },
            removeOnComplete: true,
            removeOnFail: { age: COMPARE_TTL_S },
          },
        })),
      );
    }
    await follow(o, redis, queue, id, engine, started, now);
    const docs = await readResults(redis, id, o.plan);
    await redis.del(keys.spec(id), keys.results(id));
    const workers = await queue.getWorkersCount().catch(() => 0);
    return buildCompareDocument(o.plan, docs, { wall_ms: Math.round(now() - started), workers, started_at: startedAt }, TOOL_VERSION);
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

async function follow(
  o: DistributedCompareOptions,
  redis: Redis,
  queue: CompareQueue,
  id: string,
  engine: string,
  started: number,
  now: () => number,
): Promise<void> {
  const total = o.plan.runs.length;
  const pollMs = o.pollMs ?? 500;
  const lostAfterMs = o.lostAfterMs ?? 10_000;
  let unreachableSince: number | null = null;
  let firstDone: { at: number; done: number } | null = null;
  let warnedNoWorker = false;
  for (;;) {
    if (o.signal?.aborted) {
      await removeWaiting(queue, id, total).catch(() => undefined);
      throw new DistributedSubmitError(
        `compare ${id} cancelled; its finished runs are kept for ${COMPARE_TTL_S / 86400} days (--resume ${id})`,
      );
    }
    try {
      const done = await redis.hlen(keys.results(id));
      const ours = (jobs: { id?: string }[]) => jobs.filter((j) => j.id?.startsWith(`${id}-`));
      const failed = ours(await queue.getJobs(['failed'], 0, -1));
      if (failed.length > 0) {
        const j = failed[0] as { id?: string; failedReason?: string };
        const index = Number(j.id!.slice(id.length + 1));
        await removeWaiting(queue, id, total).catch(() => undefined);
        throw new DistributedRunError(`${runLabel(o.plan, index)}: ${j.failedReason ?? 'failed on a queue worker'}`);
      }
      const running = ours(await queue.getJobs(['active'], 0, -1)).length;
      unreachableSince = null;
      const t = now();
      if (done > 0 && !firstDone) firstDone = { at: t, done };
      const etaMs = firstDone && done > firstDone.done ? ((t - firstDone.at) / (done - firstDone.done)) * (total - done) : null;
      o.onProgress?.({ total, done, running, etaMs });
      if (done >= total) return;
      if (!warnedNoWorker && done === 0 && running === 0 && t - started > 3000 && (await queue.getWorkersCount()) === 0) {
        warnedNoWorker = true;
        const seen = await redis.zrangebyscore(keys.engines(), Date.now() - 60_000, '+inf');
        const others = seen.filter((e) => e !== engine);
        o.onNotice?.(
          `no worker serves engine ${engine} at ${o.address.redactedUrl} yet` +
            (others.length
              ? `; workers seen in the last minute run ${others.join(', ')} and will not take these points (update them)`
              : '') +
            `; start one with: npm run cli -- worker --queue ${o.address.redactedUrl}`,
        );
      }
    } catch (e) {
      if (e instanceof DistributedRunError) throw e;
      const t = now();
      unreachableSince ??= t;
      if (t - unreachableSince >= lostAfterMs) {
        throw new DistributedSubmitError(
          `lost Redis at ${o.address.redactedUrl} (${redisErrorCause(e)}); the runs finished so far are kept there; ` +
            `once it is back, resume with --resume ${id}`,
        );
      }
    }
    await sleep(pollMs);
  }
}

async function removeWaiting(queue: CompareQueue, id: string, total: number): Promise<void> {
  for (let i = 0; i < total; i++) {
    const job = await queue.getJob(keys.jobId(id, i));
    if (job && ((await job.isWaiting()) || (await job.isDelayed()))) await job.remove().catch(() => undefined);
  }
}

async function readResults(redis: Redis, id: string, plan: ComparePlan): Promise<RunDocument[]> {
  const docs: RunDocument[] = [];
  for (let i = 0; i < plan.runs.length; i++) {
    const buf = await redis.hgetBuffer(keys.results(id), String(i));
    if (!buf) throw new DistributedSubmitError(`compare ${id}: the result of ${runLabel(plan, i)} is missing from Redis`);
    let doc: unknown;
    try {
      doc = deserialize(buf);
    } catch {
      throw new DistributedSubmitError(`compare ${id}: the result of ${runLabel(plan, i)} is not a run document`);
    }
    if (typeof doc !== 'object' || doc === null || (doc as { format?: unknown }).format !== RUN_FORMAT) {
      throw new DistributedSubmitError(`compare ${id}: the result of ${runLabel(plan, i)} is not a ${RUN_FORMAT} document`);
    }
    docs.push(doc as RunDocument);
  }
  return docs;
}
