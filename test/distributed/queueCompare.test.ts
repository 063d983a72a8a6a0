// A compare over a BullMQ queue on a private redis-server with 2–3 `cli worker` processes gives the
// document a local compare gives, byte for byte outside `meta`: with several workers, with a worker
// killed mid-point, and across a Redis stop and a --resume.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { engineVersion } from '../../electron/host/distributed/engineVersion';
import { queueName } from '../../electron/host/distributed/protocol';
import { parseQueueUrl } from '../../electron/host/distributed/queueUrl';
import { DistributedSubmitError, runDistributedCompare } from '../../electron/host/distributed/submit';
import { planCompare } from '../../shared/sim/compare/plan';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { captureIo } from '../cli/io';
import { freePort, HAVE_REDIS, outsideMeta, RedisServer, WorkerProcess } from './redisServer';

const SCENARIO = (duration: string) => `
name: queue compare test
seed: 11
duration: ${duration}
sample: 1ms
host: { cpu: { profile: xeon-platinum-8481c, cores: 4 }, iommu: lazy }
nics:
  - { name: eth0, driver: gve, mode: dqo-rda, link: 50Gbit, queues: 2, ring: 512 }
traffic:
  - { nic: eth0, flows: 4, rate: line, packet_size: 1518, arrival: poisson }
compare:
  variant: [page, netmem]
  nics[0].ring: [512, 1024]
repeat: 2
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'nmw-queue-'));
async function compareLocally(file: string): Promise<string> {
  const io = captureIo({ cwd: dir });
  expect(await main(['compare', file, '--json', `${file}.local.json`, '--workers', '2', '--quiet'], io)).toBe(0);
  return outsideMeta(JSON.parse(readFileSync(path.join(dir, `${file}.local.json`), 'utf8')) as CompareDocument);
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!HAVE_REDIS)('compare on a BullMQ queue', () => {
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    redis = new RedisServer(await freePort());
    await redis.start();
    writeFileSync(path.join(dir, 'short.yaml'), SCENARIO('4ms'));
    writeFileSync(path.join(dir, 'long.yaml'), SCENARIO('40ms'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await redis.stop();
  }, 30_000);

  it('3 workers: the document equals the local one byte for byte outside meta', async () => {
    for (let i = 0; i < 3; i++) workers.push(new WorkerProcess(redis.url));
    await Promise.all(workers.map((w) => w.ready()));
    const io = captureIo({ cwd: dir });
    const code = await main(['compare', 'short.yaml', '--queue', redis.url, '--json', 'short.queue.json', '--quiet'], io);
    expect(io.err()).toMatch(/^compare [0-9a-f]{16} on redis:\/\/127\.0\.0\.1:\d+\/0 \(engine 0\.1\.0\+[0-9a-f]{12}\): 8 runs\n/);
    expect(code).toBe(0);
    const queued = outsideMeta(JSON.parse(readFileSync(path.join(dir, 'short.queue.json'), 'utf8')) as CompareDocument);
    expect(queued).toBe(await compareLocally('short.yaml'));
    // More than one worker took points.
    expect(workers.filter((w) => /run \d+ \(point/.test(w.log)).length).toBeGreaterThan(1);
    // A finished compare leaves nothing of its own behind.
    expect(redis.cli('--scan', '--pattern', 'nmw:compare:*')).toBe('');
  }, 240_000);

  it('a worker killed mid-point: its point is run elsewhere, once in the document, identical', async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
    const victim = new WorkerProcess(redis.url);
    await victim.ready();
    const io = captureIo({ cwd: dir });
    const done = main(['compare', 'long.yaml', '--queue', redis.url, '--json', 'long.queue.json', '--quiet'], io);
    // Kill it while it holds a point (its first point is active, none finished).
    const active = `nmw:${queueName(engineVersion())}:active`;
    await waitFor(() => Number(redis.cli('llen', active)) > 0, 60_000, 'an active point');
    await victim.kill('SIGKILL');
    const rescuers = [new WorkerProcess(redis.url), new WorkerProcess(redis.url)];
    workers.push(...rescuers);
    expect(await done).toBe(0);
    const queued = outsideMeta(JSON.parse(readFileSync(path.join(dir, 'long.queue.json'), 'utf8')) as CompareDocument);
    expect(queued).toBe(await compareLocally('long.yaml'));
    // Every run was finished by someone; the victim's unfinished point was finished by a rescuer.
    const doneBy = (w: WorkerProcess) => new Set([...w.log.matchAll(/run (\d+) \(point/g)].map((m) => Number(m[1])));
    const byVictim = doneBy(victim);
    const byRescuers = new Set([...rescuers].flatMap((w) => [...doneBy(w)]));
    expect([...new Set([...byVictim, ...byRescuers])].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(byVictim.size).toBeLessThan(8);
  }, 300_000);

  it('Redis stopped mid-run: a clear error naming --resume; the resume skips finished runs and matches the local document', async () => {
    const text = SCENARIO('40ms');
    const parsed = parseScenario(text);
    if (!parsed.ok) throw new Error('test scenario invalid');
    const plan = planCompare(parsed.doc, parsed.scenario);
    const address = parseQueueUrl(redis.url);
    let id = '';
    let doneSeen = 0;
    const first = runDistributedCompare({
      address,
      scenarioText: text,
      plan,
      pollMs: 100,
      lostAfterMs: 1500,
      onSubmitted: (s) => {
        id = s.id;
      },
      onProgress: (p) => {
        doneSeen = p.done;
      },
    });
    const failed = first.then(
      () => null,
      (e: unknown) => e,
    );
    await waitFor(() => doneSeen >= 2, 120_000, 'two finished runs');
    await redis.stop();
    const err = await failed;
    expect(err).toBeInstanceOf(DistributedSubmitError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^lost Redis at ${redis.url.replace(/\./g, '\\.')} \\(.+\\); the runs finished so far are kept there; once it is back, resume with --resume ${id}$`,
      ),
    );
    await redis.start();
    let alreadyDone = -1;
    const doc = await runDistributedCompare({
      address,
      scenarioText: text,
      plan,
      resumeId: id,
      pollMs: 100,
      onSubmitted: (s) => {
        alreadyDone = s.alreadyDone;
      },
    });
    expect(alreadyDone).toBeGreaterThanOrEqual(2);
    expect(outsideMeta(doc)).toBe(await compareLocally('long.yaml'));
    // The CLI refuses a resume of a compare that is gone, with what to do.
    const io = captureIo({ cwd: dir });
    expect(await main(['compare', 'long.yaml', '--queue', redis.url, '--resume', id], io)).toBe(1);
    expect(io.err()).toContain(`no compare ${id} at ${redis.url}: it finished, expired, or Redis lost its data; run without --resume`);
  }, 300_000);
});

describe('compare --queue without a Redis', () => {
  it('exit 1 with the address (password hidden) and the cause, at once', async () => {
    const port = await freePort();
    writeFileSync(path.join(dir, 'short.yaml'), SCENARIO('4ms'));
    const io = captureIo({ cwd: dir });
    const t0 = Date.now();
    const code = await main(['compare', 'short.yaml', '--queue', `redis://:s3cret@127.0.0.1:${port}/2`], io);
    expect(code).toBe(1);
    expect(io.err()).toBe(`error: cannot reach Redis at redis://:***@127.0.0.1:${port}/2: ECONNREFUSED\n`);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 30_000);

  it('exit 2 for a malformed URL or a --resume without --queue', async () => {
    const io = captureIo({ cwd: dir });
    expect(await main(['compare', 'short.yaml', '--queue', 'http://x'], io)).toBe(2);
    expect(io.err()).toContain('--queue must use redis:// or rediss://');
    const io2 = captureIo({ cwd: dir });
    expect(await main(['compare', 'short.yaml', '--resume', '0123456789abcdef'], io2)).toBe(2);
    expect(io2.err()).toContain('--resume needs --queue');
  });
});
