import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../shared/doc/runDocument';
import { runDiff, scenarioHash } from '../../shared/report/model/runDiff';
import { pressureRun } from './fixtures';

describe('run diff', () => {
  const a = pressureRun();
  // The same run with the NIC's received bits and drops changed: what a second run could show.
  const b: RunDocument = {
    ...a,
    nics: a.nics.map((n) => ({
      ...n,
      rx: { ...n.rx, gbps: n.rx.gbps * 0.5, drops: { ...n.rx.drops, rx_missed: (n.rx.drops.rx_missed ?? 0) + 100 } },
    })),
  };

  it('one row per key metric: A, B, Δ = B − A, Δ% = Δ / |A|, toned by the better direction', () => {
    const rows = runDiff(a, b);
    const gbps = rows.find((r) => r.metric.key === 'nic/eth0/gbps')!;
    expect(gbps.a).toBe(a.nics[0].rx.gbps);
    expect(gbps.b).toBe(a.nics[0].rx.gbps * 0.5);
    expect(gbps.abs).toBe(gbps.b! - gbps.a!);
    expect(gbps.rel).toBeCloseTo(-0.5, 12);
    expect(gbps.tone).toBe('worse');
    const drops = rows.find((r) => r.metric.key === 'nic/eth0/drops')!;
    expect(drops.abs).toBe(100);
    expect(drops.tone).toBe('worse');
    const same = rows.find((r) => r.metric.key === 'nic/eth0/cycles_per_packet')!;
    expect(same.abs).toBe(0);
    expect(same.tone).toBeNull();
    expect(rows.find((r) => r.metric.key === 'nic/eth0/pp/alloc_fast')!.abs).toBe(0);
  });

  it('a metric only one run has: its side shown, no Δ', () => {
    const noPools: RunDocument = { ...a, pools: [] };
    const r = runDiff(a, noPools).find((x) => x.metric.key === 'nic/eth0/pp/alloc_fast')!;
    expect(r.a).not.toBeNull();
    expect(r.b).toBeNull();
    expect(r.abs).toBeNull();
    expect(r.rel).toBeNull();
  });

  it('scenario hash: equal for equal content in any key order, different when a value changes', () => {
    const s = a.scenario;
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as RunDocument['scenario'];
    expect(scenarioHash(reordered)).toBe(scenarioHash(s));
    expect(scenarioHash(s)).toMatch(/^[0-9a-f]{16}$/);
    expect(scenarioHash({ ...s, seed: s.seed + 1 })).not.toBe(scenarioHash(s));
  });
});
