import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { Scenario } from '../../shared/scenario/schema';
import { runScenario } from '../../shared/sim/engine/run';
import type { RunDocument } from '../../shared/doc/runDocument';
import { RunCancelledError, RunFailedError, WorkerPool } from '../../electron/host/workerPool';
import { planCompare } from '../../shared/sim/compare/plan';
import { runCompare } from '../../electron/host/compareRunner';
import { ENGINE_REPORT_MS } from '../../shared/doc/sampleStream';

function scenario(extra = '', duration = '2ms'): { scenario: Scenario; doc: unknown } {
  const r = parseScenario(`
name: pool test
seed: 3
duration: ${duration}
sample: 250us
host: { cpu: { profile: xeon-e5-1650-v4, cores: 2 } }
nics:
  - { name: eth0, driver: mlx4, link: 10Gbit, queues: 1 }
traffic:
  - { nic: eth0, rate: line, packet_size: 1518 }
${extra}`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { scenario: r.scenario, doc: r.doc };
}

function withoutMeta(d: RunDocument): unknown {
  const { meta: _meta, ...rest } = d;
  void _meta;
  return rest;
}

let pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});
function pool(size: number, workerPath?: string): WorkerPool {
  const p = new WorkerPool({ size, workerPath });
  pools.push(p);
  return p;
}

describe('worker pool', () => {
  it('runs jobs in parallel and returns the same document as an in-process run; streams columns and samples', async () => {
    const p = pool(2);
    const s = scenario().scenario;
    let columns = 0;
    let samples = 0;
    let batches = 0;
    const jobs = [0, 1, 2].map((i) =>
      p.run(
        { ...s, seed: 3 + i },
        i === 0
          ? {
              onStarted: (c) => {
                columns = c.length;
              },
              onSamples: (b) => {
                batches++;
                samples += b.t_ns.length;
                expect(b.t_ns).toBeInstanceOf(Float64Array);
                expect(b.columns.length).toBe(columns);
              },
            }
          : {},
      ),
    );
    expect(p.running).toBe(2);
    expect(p.queued).toBe(1);
    const docs = await Promise.all(jobs.map((j) => j.promise));
    expect(withoutMeta(docs[0])).toEqual(withoutMeta(runScenario(s)));
    expect(docs[1].seed).toBe(4);
    expect(columns).toBeGreaterThan(0);
    expect(samples).toBe(docs[0].series.t_ns.length);
    expect(batches).toBeGreaterThan(0);
  }, 60_000);

  it("forwards the engine's reports: at most one batch per 1 % of simulated time or per ENGINE_REPORT_MS of wall time", async () => {
    const p = pool(1);
    const s = scenario('', '60ms').scenario;
    let batches = 0;
    let samples = 0;
    const t0 = performance.now();
    const doc = await p.run(
      { ...s, sample: 10_000 },
      {
        onSamples: (b) => {
          batches++;
          samples += b.t_ns.length;
        },
      },
    ).promise;
    const wallS = (performance.now() - t0) / 1000;
    expect(samples).toBe(doc.series.t_ns.length);
    expect(samples).toBe(6000);
    // the host's coalescer is the throttle (shared/doc/sampleStream.ts); the worker adds none
    expect(batches).toBeLessThanOrEqual(100 + Math.ceil((wallS * 1000) / ENGINE_REPORT_MS) + 1);
    expect(batches).toBeLessThan(samples);
  }, 60_000);

  it("a run that throws fails only its own job, with the engine's message", async () => {
    const p = pool(1);
    const bad = { ...scenario().scenario };
    bad.nics = [{ ...bad.nics[0], driver: 'mt76', xdp: 'drop' }];
    const badJob = p.run(bad);
    const good = p.run(scenario().scenario);
    await expect(badJob.promise).rejects.toBeInstanceOf(RunFailedError);
    await expect(badJob.promise).rejects.toThrow('no native XDP');
    await expect(good.promise).resolves.toHaveProperty('format', 'netmem-workbench/run@1');
  }, 60_000);

  it('a crashed worker fails its job with a message and the pool carries on', async () => {
    const p = pool(1, path.resolve(__dirname, 'workerPool.crashWorker.ts'));
    const j = p.run(scenario().scenario);
    await expect(j.promise).rejects.toThrow('worker exited with code 3');
    const j2 = p.run(scenario().scenario);
    await expect(j2.promise).rejects.toBeInstanceOf(RunFailedError);
  }, 60_000);

  it('cancels a running and a queued job; later jobs still run', async () => {
    const p = pool(1);
    const long = p.run(scenario('', '5s').scenario);
    const queued = p.run(scenario().scenario);
    await new Promise((r) => setTimeout(r, 300));
    long.cancel();
    queued.cancel();
    await expect(long.promise).rejects.toBeInstanceOf(RunCancelledError);
    await expect(queued.promise).rejects.toBeInstanceOf(RunCancelledError);
    const after = p.run(scenario().scenario);
    await expect(after.promise).resolves.toHaveProperty('format', 'netmem-workbench/run@1');
  }, 60_000);

  it('warm starts workers idle and replaces one a cancel terminated', async () => {
    const p = pool(3);
    p.warm(2);
    expect(p.started).toBe(2);
    const long = p.run(scenario('', '5s').scenario);
    await new Promise((r) => setTimeout(r, 200));
    long.cancel();
    await expect(long.promise).rejects.toBeInstanceOf(RunCancelledError);
    expect(p.started).toBe(2);
    await expect(p.run(scenario().scenario).promise).resolves.toHaveProperty('format', 'netmem-workbench/run@1');
  }, 60_000);

  it('a compare gives the same document with 1 and 2 workers (order by matrix position)', async () => {
    const { scenario: s, doc } = scenario('compare:\n  variant: [page, netmem]\n  nics[0].ring: [256, 1024]\n');
    const plan = planCompare(doc, s, 2);
    const strip = (c: Awaited<ReturnType<typeof runCompare>['promise']>) => ({
      ...c,
      meta: null,
      runs: c.runs.map((reps) => reps.map(withoutMeta)),
    });
    const one = await runCompare(pool(1), plan).promise;
    const two = await runCompare(pool(2), plan).promise;
    expect(strip(two)).toEqual(strip(one));
    expect(one.runs).toHaveLength(4);
    expect(one.runs[3][1].scenario.nics[0].ring).toBe(1024);
    expect(one.runs[3][1].scenario.nics[0].variant).toBe('netmem');
  }, 120_000);
});

describe('worker pool: caller errors', () => {
  it('a throwing stream callback fails only that job', async () => {
    const p = new WorkerPool({ size: 1 });
    try {
      const bad = p.run(scenario().scenario, {
        onStarted: () => {
          throw new Error('boom');
        },
      });
      await expect(bad.promise).rejects.toThrow('stream callback threw: boom');
      await expect(p.run(scenario().scenario).promise).resolves.toHaveProperty('format', 'netmem-workbench/run@1');
      expect(() => new WorkerPool({ size: 0 })).toThrow('positive integer');
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('worker warm-up', () => {
  it('the warm-up scenario is valid and runs', async () => {
    const { warmupScenario, warmUpWorkers } = await import('../../electron/host/warmup');
    expect(runScenario(warmupScenario()).format).toBe('netmem-workbench/run@1');
    const p = new WorkerPool({ size: 1 });
    try {
      p.warm();
      warmUpWorkers(p, 1);
      expect(p.running + p.queued).toBe(1);
      await expect(p.run(scenario().scenario).promise).resolves.toHaveProperty('format', 'netmem-workbench/run@1');
    } finally {
      await p.close();
    }
  }, 60_000);
});

describe('worker pool: each run within its memory limit', () => {
  it('a run that outgrows its heap fails alone with a clear message; the other run and later runs go on', async () => {
    // A small limit so a modest run really exceeds it: 400,000 samples × 32 columns kept in full
    // (about 100 MB of numbers) against 64 MiB of old generation. Validation would refuse nothing
    // here: the pool takes parsed scenarios, so this is the last line of defence.
    const p = new WorkerPool({ size: 2, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    pools.push(p);
    const s = scenario().scenario;
    const hog: Scenario = { ...s, duration: 400_000_000, sample: 1000, traffic: [{ ...s.traffic[0], rate: 1e6 }] };
    const hogJob = p.run(hog);
    const fine = p.run(s);
    await expect(hogJob.promise).rejects.toThrow(RunFailedError);
    await expect(hogJob.promise).rejects.toThrow(
      /run \d+ failed: the run ran out of memory \(each run may use 64 MiB of JS heap\); the host and other runs go on/,
    );
    expect(withoutMeta(await fine.promise)).toEqual(withoutMeta(runScenario(s)));
    const after = await p.run({ ...s, seed: 9 }).promise;
    expect(after.nics[0].rx.packets).toBeGreaterThan(0);
  }, 120_000);
});
