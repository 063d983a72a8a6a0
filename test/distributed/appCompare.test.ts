// The app's Compare with a queue named: the host submits the points to the queue instead of its own
// worker threads, reports progress as compare-progress events, and serves the same document a
// local compare gives (outside meta).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStreamEvent } from '../../shared/api';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { main } from '../../electron/cli/main';
import { CompareService } from '../../electron/host/compareService';
import { RunManager } from '../../electron/host/runManager';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import { WorkerPool } from '../../electron/host/workerPool';
import { captureIo } from '../cli/io';
import { freePort, HAVE_REDIS, outsideMeta, RedisServer, WorkerProcess } from './redisServer';

const YAML = `name: app queue compare
seed: 9
duration: 3ms
nics:
  - { name: eth0, driver: hns3, link: 10Gbit, queues: 1 }
traffic:
  - { nic: eth0, rate: line, packet_size: 1518 }
compare:
  mode: [page_pool, legacy]
repeat: 2
`;

describe.skipIf(!HAVE_REDIS)('app compare on a queue', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nmw-appq-'));
  let redis: RedisServer;
  let worker: WorkerProcess;
  const pool = new WorkerPool({ size: 1 });
  beforeAll(async () => {
    redis = new RedisServer(await freePort());
    await redis.start();
    worker = new WorkerProcess(redis.url);
    await worker.ready();
    writeFileSync(path.join(dir, 's.yaml'), YAML);
  }, 60_000);
  afterAll(async () => {
    await worker.kill();
    await redis.stop();
    await pool.close();
  }, 30_000);

  it('streams progress events, finishes, and serves the local document', async () => {
    const library = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
    const [summary] = await library.open([path.join(dir, 's.yaml')]);
    const compares = new CompareService(library, new RunManager(pool), 'test');
    const events: RunStreamEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      compares.onEvent((e) => {
        events.push(e);
        if (e.type === 'compare-finished') resolve();
      }),
    );
    const started = compares.start({ scenarioId: summary.id, queue: redis.url });
    expect(started.runs).toEqual([]);
    await finished;
    const last = events.at(-1)!;
    expect(last).toEqual({ type: 'compare-finished', compareId: started.compareId, state: 'done' });
    const progress = events.filter((e) => e.type === 'compare-progress');
    expect(progress.at(-1)).toMatchObject({ total: 4, done: 4 });
    const io = captureIo({ cwd: dir });
    expect(await main(['compare', 's.yaml', '--json', 'local.json', '--quiet'], io)).toBe(0);
    const local = JSON.parse(readFileSync(path.join(dir, 'local.json'), 'utf8')) as CompareDocument;
    expect(outsideMeta(compares.document(started.compareId))).toBe(outsideMeta(local));
  }, 120_000);

  it('an unusable queue URL is EINVAL; an unreachable Redis fails the compare with the address', async () => {
    const library = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
    const [summary] = await library.open([path.join(dir, 's.yaml')]);
    const compares = new CompareService(library, new RunManager(pool), 'test');
    expect(() => compares.start({ scenarioId: summary.id, queue: 'redis://127.0.0.1/99' })).toThrow(
      /EINVAL.*database must be a number from 0 to 15/,
    );
    const port = await freePort();
    const done = new Promise<RunStreamEvent>((resolve) =>
      compares.onEvent((e) => {
        if (e.type === 'compare-finished') resolve(e);
      }),
    );
    compares.start({ scenarioId: summary.id, queue: `redis://127.0.0.1:${port}` });
    expect(await done).toMatchObject({ state: 'failed', error: `cannot reach Redis at redis://127.0.0.1:${port}/0: ECONNREFUSED` });
  }, 60_000);
});

describe('startCompare queue argument', () => {
  it('accepts a redis URL and refuses anything else', async () => {
    const { checkArgs } = await import('../../electron/host/argCheck');
    expect(checkArgs('startCompare', [{ scenarioId: 'x', queue: 'redis://10.0.0.5:6379/1' }])).toEqual([
      { scenarioId: 'x', queue: 'redis://10.0.0.5:6379/1' },
    ]);
    for (const queue of ['http://x', 42, `redis://${'a'.repeat(1100)}`]) {
      expect(() => checkArgs('startCompare', [{ scenarioId: 'x', queue }])).toThrow(/EINVAL|queue must be a redis/);
    }
  });
});
