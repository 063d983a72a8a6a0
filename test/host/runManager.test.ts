// Run manager on the real worker pool, with a stand-in worker script: parallel runs,
// queueing, cancel, a worker that throws, a worker that crashes, and ≤ 20 batches a second.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../../electron/host/workerPool';
import { RunManager } from '../../electron/host/runManager';
import type { RunStreamEvent } from '../../shared/api';
import type { Scenario } from '../../shared/scenario/schema';
import { parseScenario } from '../../shared/sim/validate/parse';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/fakeRunWorker.mjs');

function scenario(name: string, durationMs: number): Scenario {
  const r = parseScenario(`name: ${name}\nduration: ${durationMs}ms\nnics: [{ name: eth0, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

let manager: RunManager | null = null;
afterEach(async () => {
  await manager?.close();
  manager = null;
});

function setup(size: number): { m: RunManager; events: RunStreamEvent[]; finished: (id: string) => Promise<RunStreamEvent> } {
  const m = new RunManager(new WorkerPool({ size, workerPath: WORKER }));
  manager = m;
  const events: RunStreamEvent[] = [];
  const waiters = new Map<string, (e: RunStreamEvent) => void>();
  m.onEvent((e) => {
    events.push(e);
    if (e.type === 'finished') waiters.get(e.runId)?.(e);
  });
  const finished = (id: string) =>
    new Promise<RunStreamEvent>((resolve) => {
      const done = events.find((e) => e.type === 'finished' && e.runId === id);
      if (done) resolve(done);
      else waiters.set(id, resolve);
    });
  return { m, events, finished };
}

describe('RunManager', () => {
  it('runs two scenarios in parallel and queues the third', async () => {
    const { m, events, finished } = setup(2);
    const a = m.start('a', scenario('a', 40), 'a');
    const b = m.start('b', scenario('b', 40), 'b');
    const c = m.start('c', scenario('c', 10), 'c');
    expect(m.list().map((r) => r.state)).toEqual(['queued', 'queued', 'queued']);
    const results = await Promise.all([finished(a.runId), finished(b.runId), finished(c.runId)]);
    expect(results.map((r) => (r as { state: string }).state)).toEqual(['done', 'done', 'done']);
    // c only starts once a or b is done: its 'started' comes after a finished event
    const firstFinish = events.findIndex((e) => e.type === 'finished');
    const cStart = events.findIndex((e) => e.type === 'started' && e.runId === c.runId);
    expect(cStart).toBeGreaterThan(firstFinish);
    expect(m.document(a.runId).scenario.name).toBe('a');
    // every sample of a arrived, in order, despite coalescing
    const t = events.filter((e) => e.type === 'samples' && e.runId === a.runId).flatMap((e) => [...(e as { t_ns: Float64Array }).t_ns]);
    expect(t).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 1e6));
  });

  it('coalesces samples to at most one batch per 50 ms', async () => {
    const { m, events, finished } = setup(1);
    const t0 = performance.now();
    const r = m.start('x', scenario('x', 100), 'x'); // 100 worker batches, one per ~5 ms
    await finished(r.runId);
    const wallS = (performance.now() - t0) / 1000;
    const batches = events.filter((e) => e.type === 'samples').length;
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(Math.ceil(wallS * 20) + 1);
  });

  it('cancels a running run; the others are untouched', async () => {
    const { m, finished } = setup(2);
    const long = m.start('l', scenario('l', 2000), 'long');
    const short = m.start('s', scenario('s', 20), 'short');
    await new Promise((r) => setTimeout(r, 60));
    m.cancel(long.runId);
    expect(await finished(long.runId)).toMatchObject({ state: 'cancelled' });
    expect(await finished(short.runId)).toMatchObject({ state: 'done' });
    expect(() => m.document(long.runId)).toThrow(/EBUSY/);
  });

  it('a worker that throws fails only its own run', async () => {
    const { m, finished } = setup(2);
    const bad = m.start('t', scenario('throw', 20), 'bad');
    const good = m.start('g', scenario('good', 20), 'good');
    expect(await finished(bad.runId)).toMatchObject({ state: 'failed', error: expect.stringMatching(/engine threw/) });
    expect(await finished(good.runId)).toMatchObject({ state: 'done' });
  });

  it('a crashing worker fails only its own run, and the pool keeps working', async () => {
    const { m, finished } = setup(1);
    const crash = m.start('c', scenario('crash', 50), 'crash');
    const next = m.start('n', scenario('next', 10), 'next');
    expect(await finished(crash.runId)).toMatchObject({ state: 'failed', error: expect.stringMatching(/exited with code 7/) });
    expect(await finished(next.runId)).toMatchObject({ state: 'done' });
  });

  it('reports unknown runs with ENOENT', () => {
    const { m } = setup(1);
    expect(() => m.cancel('run-999')).toThrow(/ENOENT/);
  });
});

describe('RunManager: finished documents within a memory budget', () => {
  it('drops the oldest documents beyond keepBytes, with a notice on the run; the newest stays', async () => {
    // Each stand-in document is estimated at 64 KiB (no series): a 100 KiB budget holds one.
    const m = new RunManager(new WorkerPool({ size: 1, workerPath: WORKER }), { keepBytes: 100 * 1024 });
    manager = m;
    const done = (id: string) =>
      new Promise<void>((resolve) => {
        const off = m.onEvent((e) => {
          if (e.type === 'finished' && e.runId === id) {
            off();
            resolve();
          }
        });
      });
    const a = m.start('a', scenario('a', 2), 'a');
    await done(a.runId);
    expect(m.document(a.runId).scenario.name).toBe('a');
    const b = m.start('b', scenario('b', 2), 'b');
    await done(b.runId);
    expect(m.document(b.runId).scenario.name).toBe('b');
    expect(() => m.document(a.runId)).toThrow(
      /run-1: its document was dropped to keep finished runs within 100 KiB of memory; run the scenario again to see it/,
    );
    expect(m.info(a.runId)).toMatchObject({ state: 'done', notice: expect.stringMatching(/dropped/) });
    expect(m.list().map((r) => r.runId)).toEqual([a.runId, b.runId]);
    await expect(m.settled(a.runId)).rejects.toThrow(/dropped/);
    expect(m.keptBytes).toBeLessThanOrEqual(100 * 1024);
  });
});

describe('RunManager: long runs', () => {
  it('a run estimated over 10 minutes of CPU opens its log with the estimate', async () => {
    const { m, events } = setup(1);
    const r = parseScenario(
      'name: big\nduration: 60min\nsample: 100ms\nnics: [{ name: e, link: 400Gbit, queues: 16 }]\ntraffic: [{ nic: e }]\n',
    );
    if (!r.ok) throw new Error(r.errors[0].message);
    const small = m.start('s', scenario('s', 2), 's');
    const big = m.start('b', r.scenario, 'big');
    m.cancel(big.runId);
    const logs = events.filter((e) => e.type === 'log');
    expect(logs).toEqual([
      {
        type: 'log',
        runId: big.runId,
        events: [
          {
            t_ns: 0,
            level: 'warn',
            source: 'estimate',
            message: expect.stringMatching(/^warning: big: this run is estimated at about 3\.\d h of CPU time/),
          },
        ],
      },
    ]);
    expect(logs.some((e) => e.type === 'log' && e.runId === small.runId)).toBe(false);
  });
});

describe('RunManager with sensitivity', () => {
  it('passes the sensitivity option to the pool and marks the run', async () => {
    const seen: ({ sensitivity?: boolean } | undefined)[] = [];
    const m = new RunManager({
      size: 1,
      run: (_s, _cb, opts) => {
        seen.push(opts);
        return { id: seen.length, promise: new Promise(() => undefined), cancel: () => undefined };
      },
      close: async () => undefined,
    });
    const plain = m.start('a', scenario('a', 1), 'a');
    const sens = m.start('a', scenario('a', 1), 'a', {}, { sensitivity: true });
    expect(plain.sensitivity).toBeUndefined();
    expect(sens.sensitivity).toBe(true);
    expect(seen).toEqual([{ sensitivity: false }, { sensitivity: true }]);
  });
});
