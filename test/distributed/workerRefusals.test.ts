// What a queue worker refuses, and that a point which cannot succeed fails once (not retried) with
// its message: another engine version, malformed job data, a scenario that does not validate.
// The submitter turns such a failure into an error naming the run, and tells when no worker serves
// its engine version.
import { Queue, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineVersion } from '../../electron/host/distributed/engineVersion';
import { JOB_FORMAT, KEY_PREFIX, queueName, type CompareJobData } from '../../electron/host/distributed/protocol';
import { parseQueueUrl } from '../../electron/host/distributed/queueUrl';
import { DistributedRunError, runDistributedCompare } from '../../electron/host/distributed/submit';
import { planCompare } from '../../shared/sim/compare/plan';
import { parseScenario } from '../../shared/sim/validate/parse';
import { freePort, HAVE_REDIS, RedisServer, WorkerProcess } from './redisServer';

const TEXT = `
name: refusal test
seed: 3
duration: 2ms
nics:
  - { name: eth0, driver: generic, link: 10Gbit, queues: 1 }
traffic:
  - { nic: eth0, rate: 1Gbit, packet_size: 1518 }
compare:
  nics[0].ring: [256, 512]
`;

describe.skipIf(!HAVE_REDIS)('queue worker refusals', () => {
  let redis: RedisServer;
  let worker: WorkerProcess;
  let queue: Queue<CompareJobData | Record<string, unknown>, unknown, 'run'>;
  const engine = engineVersion();
  beforeAll(async () => {
    redis = new RedisServer(await freePort());
    await redis.start();
    worker = new WorkerProcess(redis.url);
    await worker.ready();
    queue = new Queue(queueName(engine), { connection: { host: '127.0.0.1', port: redis.port }, prefix: KEY_PREFIX });
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    await worker?.kill();
    await redis?.stop();
  }, 30_000);

  const base = (): CompareJobData => ({
    format: JOB_FORMAT,
    engine,
    compareId: '00000000000000aa',
    index: 0,
    point: 0,
    repeat: 0,
    scenarioText: TEXT,
    overrides: { 'nics[0].ring': 256 },
    seed: 3,
  });

  async function failedJob(id: string, data: CompareJobData | Record<string, unknown>): Promise<Job> {
    await queue.add('run', data, { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 200 } });
    for (let i = 0; i < 300; i++) {
      const job = await queue.getJob(id);
      if (job && (await job.isFailed())) return (await queue.getJob(id))!;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${id} did not fail:\n${worker.log}`);
  }

  it('refuses a point of another engine version, once, with both versions in the message', async () => {
    const job = await failedJob('ver-1', { ...base(), engine: '0.0.9+000000000000' });
    expect(job.failedReason).toBe(
      `refused: this worker runs engine ${engine}, the point needs 0.0.9+000000000000; results never mix versions`,
    );
    expect(job.attemptsMade).toBe(1);
  }, 60_000);

  it('refuses malformed job data and fails an invalid scenario once, located', async () => {
    const bad = await failedJob('bad-1', { format: JOB_FORMAT, engine, compareId: '../../etc/passwd' });
    expect(bad.failedReason).toBe('refused by the worker: job has no valid compare id');
    const invalid = await failedJob('inv-1', { ...base(), scenarioText: TEXT.replace('queues: 1', 'queues: many') });
    expect(invalid.failedReason).toMatch(/^invalid scenario on the worker: nics\[0\]\.queues \(line 6, col \d+\): /);
    expect(invalid.attemptsMade).toBe(1);
  }, 60_000);

  it('the submitter fails the compare with the run named when a point fails on a worker', async () => {
    const parsed = parseScenario(TEXT);
    if (!parsed.ok) throw new Error('invalid');
    const plan = planCompare(parsed.doc, parsed.scenario);
    const err = await runDistributedCompare({
      address: parseQueueUrl(redis.url),
      plan,
      pollMs: 100,
      // The workers read the text, not the plan: text that no longer validates fails on the worker.
      scenarioText: TEXT.replace('link: 10Gbit', 'link: fast'),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DistributedRunError);
    expect((err as Error).message).toMatch(/^run nics\[0\]\.ring=(256|512) \(repeat 1\): invalid scenario on the worker: nics\[0\]\.link/);
  }, 60_000);

  it('says when no worker serves its engine version and which versions the running workers have', async () => {
    await worker.kill();
    const other = new WorkerProcess(redis.url, [], { NETMEM_ENGINE_VERSION: '9.9.9+ffffffffffff' });
    await other.ready();
    const parsed = parseScenario(TEXT);
    if (!parsed.ok) throw new Error('invalid');
    const notices: string[] = [];
    const abort = new AbortController();
    const run = runDistributedCompare({
      address: parseQueueUrl(redis.url),
      plan: planCompare(parsed.doc, parsed.scenario),
      scenarioText: TEXT,
      pollMs: 100,
      signal: abort.signal,
      onNotice: (m) => {
        notices.push(m);
        abort.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    const err = await run;
    await other.kill();
    expect(notices).toEqual([
      `no worker serves engine ${engine} at ${redis.url} yet; workers seen in the last minute run 9.9.9+ffffffffffff ` +
        `and will not take these points (update them); start one with: npm run cli -- worker --queue ${redis.url}`,
    ]);
    expect((err as Error).message).toMatch(
      /^compare [0-9a-f]{16} cancelled; its finished runs are kept for 7 days \(--resume [0-9a-f]{16}\)$/,
    );
  }, 60_000);
});
