// The shipped measured example (README block, npm run docs:measured): the published mlx5
// ConnectX-6 Dx `ethtool -S` (test/fixtures/measured/README.md) beside the scenario of that setup.
// Pins what the model gets right and where it differs, so a model change that moves them shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import { importMeasured } from '../../shared/measured/importMeasured';
import { computeOverlay } from '../../shared/measured/overlay';
import { fixture } from './fixtures';

const ROOT = path.join(__dirname, '../..');

describe('published mlx5 XDP_DROP ethtool -S beside its scenario', () => {
  const m = importMeasured([
    { path: 'ethtool-S.mlx5-cx6dx-xdp-2024.txt', text: fixture('ethtool-S.mlx5-cx6dx-xdp-2024.txt'), device: 'eth0' },
  ]);
  const parsed = parseScenario(readFileSync(path.join(ROOT, 'scenarios/measured/mlx5-cx6dx-xdp-drop.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('scenario does not parse');
  const run = runScenario(parsed.scenario);
  const o = computeOverlay(run, m)!;
  const row = (c: string) => o.rows.find((r) => r.counter === c)!;

  it('compares shares of allocations (one snapshot) over the device totals the author printed', () => {
    expect(o.basis).toBe('share_of_allocations');
    expect(o.rows.map((r) => r.counter)).toEqual([
      'alloc_fast',
      'alloc_slow',
      'alloc_slow_high_order',
      'alloc_empty',
      'alloc_refill',
      'alloc_waive',
      'recycle_cached',
    ]);
    expect(row('alloc_slow').measured).toBeCloseTo(8 / (3641784 + 8), 15);
  });

  it('recycling through the alloc cache agrees within 1 %; no refill, waive or high-order allocation on either side', () => {
    expect(Math.abs(row('recycle_cached').rel_error!)).toBeLessThan(0.01);
    expect(Math.abs(row('alloc_fast').rel_error!)).toBeLessThan(0.001);
    for (const c of ['alloc_refill', 'alloc_waive', 'alloc_slow_high_order'])
      expect(row(c)).toMatchObject({ model: 0, measured: 0, rel_error: 0 });
  });

  it('the slow path is the ring fill only: 16 bulk refills of an empty pool in the model, 8 in the published boot', () => {
    const slow = run.pools.reduce((a, p) => a + p.stats.alloc_slow, 0);
    expect(slow).toBe(16);
    expect(run.pools.reduce((a, p) => a + p.stats.alloc_empty, 0)).toBe(slow);
    expect(m.devices[0].stats.alloc_slow).toBe(8);
    // hence a share error that shrinks with the simulated duration (README: a start-up effect)
    expect(row('alloc_slow').rel_error!).toBeGreaterThan(1);
  });
});
