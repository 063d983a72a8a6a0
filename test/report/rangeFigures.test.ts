// Figures over a time range, from the series alone: over the whole run they are the document's own
// totals; over a part they are the sums of the samples inside it; the range view's cells carry them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseOrThrow, pressureRun } from './fixtures';
import { runScenario } from '../../shared/sim/engine/run';
import { rangeFigures, sampleRange, type RangeFigures } from '../../shared/report/model/rangeFigures';
import { rangeNumbers, rangeText } from '../../shared/report/model/rangeNumbers';
import { PP_STAT_NAMES, type RunDocument } from '../../shared/doc/runDocument';
import type { ReportCell } from '../../shared/report/model/types';
import { CYCLE_STAGES } from '../../shared/doc/cycleStages';
import { rangeStageBars } from '../../shared/report/model/cyclesSection';
import { stageBars } from '../../shared/report/charts/cyclesByStage';

function figures(doc: RunDocument, from: number, to: number): RangeFigures {
  const r = rangeFigures(doc, from, to);
  if (!r.ok) throw new Error(r.reason);
  return r.figures;
}
const cellsOf = (doc: RunDocument, f: RangeFigures): ReportCell[] =>
  rangeNumbers(doc, f).flatMap((g) => g.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : [])));

describe('sample range', () => {
  const t = [1, 2, 3, 4, 5];
  it('takes the intervals whose middle is inside the range: the nearest sample edges', () => {
    expect(sampleRange(t, 1.5, 3.2)).toEqual({ first: 1, last: 2, start_ns: 1, end_ns: 3 });
    expect(sampleRange(t, 1.6, 3.6)).toEqual({ first: 2, last: 3, start_ns: 2, end_ns: 4 });
    expect(sampleRange(t, 0, 5)).toEqual({ first: 0, last: 4, start_ns: 0, end_ns: 5 });
    expect(sampleRange(t, 1, 2)).toEqual({ first: 1, last: 1, start_ns: 1, end_ns: 2 });
    expect(sampleRange(t, 5, 9)).toBeNull();
    expect(sampleRange(t, 1.6, 2.4)).toBeNull();
  });
});

describe('range figures of a page run', () => {
  const doc = pressureRun();
  const nic = doc.nics[0];

  it("over the whole run: the document's totals", () => {
    const f = figures(doc, 0, doc.duration_ns);
    expect(f.range.start_ns).toBe(0);
    expect(f.range.end_ns).toBe(doc.duration_ns);
    const n = f.nics[0];
    expect(n.packets).toBe(nic.rx.packets);
    expect(n.bytes).toBe(nic.rx.bytes);
    expect(n.offered_packets).toBe(nic.rx.offered_packets);
    expect(n.gbps).toBeCloseTo(nic.rx.gbps, 4);
    expect(n.mpps).toBeCloseTo(nic.rx.mpps, 4);
    expect(n.line_rate_share).toBeCloseTo(nic.rx.line_rate_share, 5);
    expect(n.drops.rx_missed).toBe(nic.rx.drops.rx_missed);
    expect(n.utilization).toBeCloseTo(nic.cpu.utilization, 3);
    for (const p of doc.pools) {
      const q = f.pools.find((x) => x.id === p.id)!;
      for (const c of PP_STAT_NAMES) expect(q.stats[c]).toBe(p.stats[c]);
      expect(q.at_end.inflight).toBe(p.inflight);
    }
  });

  it("over a part: sums of that part's samples, rates over its length, gauges at its end", () => {
    // the memory pressure from 10 to 20 ms, picked off sample edges
    const f = figures(doc, 10.4e6, 20.4e6);
    expect(f.range).toMatchObject({ start_ns: 10e6, end_ns: 20e6 });
    expect(rangeText(f)).toBe('10.000–20.000 ms');
    const s = doc.series;
    const i0 = s.t_ns.indexOf(11e6);
    const i1 = s.t_ns.indexOf(20e6);
    const sum = (k: string) => s.columns[k].slice(i0, i1 + 1).reduce((a, b) => a + b, 0);
    const n = f.nics[0];
    expect(n.packets).toBe(sum('nic/eth0/rx_packets'));
    expect(n.packets).toBeLessThan(nic.rx.packets);
    expect(n.gbps).toBe((sum('nic/eth0/rx_bytes') * 8) / 0.01 / 1e9);
    const p = doc.pools[0];
    expect(f.pools[0].stats.alloc_slow).toBe(sum(`pool/${p.id}/alloc_slow`));
    expect(f.pools[0].at_end.inflight).toBe(s.columns[`pool/${p.id}/inflight`][i1]);
    // a different part gives different figures (the range is not ignored)
    expect(figures(doc, 30e6, 35e6).nics[0].packets).not.toBe(n.packets);
  });

  it("the range view's cells carry the figures under the whole run's keys", () => {
    const f = figures(doc, 5e6, 15e6);
    const cells = cellsOf(doc, f);
    const at = (k: string) => cells.find((c) => c.key === k)?.value;
    expect(at('nic/eth0/gbps')).toBe(f.nics[0].gbps);
    expect(at('nic/eth0/packets')).toBe(f.nics[0].packets);
    expect(at('nic/eth0/drop/rx_missed')).toBe(f.nics[0].drops.rx_missed);
    const p = f.pools[0];
    expect(at(`pool/${p.id}/alloc_fast`)).toBe(p.stats.alloc_fast);
    expect(at(`pool/${p.id}/recycle_ratio`)).toBe(p.recycle_ratio ?? undefined);
    expect(at(`pool/${p.id}/where/nic_ring`)).toBe(p.at_end.in_nic_ring);
    expect(at('nic/eth0/pp/alloc_fast')).toBe(f.pools.reduce((a, q) => a + q.stats.alloc_fast, 0));
  });

  it("cycles by stage over the whole run: the document's cycles_by_stage, and its cycles per packet", () => {
    const f = figures(doc, 0, doc.duration_ns);
    const stages = f.nics[0].cycles_by_stage!;
    const want = nic.cycles_by_stage!;
    for (const st of CYCLE_STAGES) expect(Math.abs(stages[st] - want[st]), st).toBeLessThanOrEqual(1e-9 * Math.max(1, want[st]));
    expect(stages.alloc).toBeGreaterThan(0);
    const [whole] = stageBars(doc.nics);
    const [ranged] = rangeStageBars(f);
    expect(ranged.packets).toBe(whole.packets);
    expect(Math.abs(ranged.total - whole.total)).toBeLessThanOrEqual(1e-9 * whole.total);
    const cells = cellsOf(doc, f);
    for (const st of CYCLE_STAGES) {
      const v = cells.find((c) => c.key === `nic/eth0/cycles_by_stage/${st}`)?.value;
      expect(Math.abs(Number(v) - whole.perPacket[st]), st).toBeLessThanOrEqual(1e-9 * Math.max(1, whole.perPacket[st]));
    }
  });

  it("cycles by stage over a part: the sums of that part's stage samples over its packets, in the table under the whole run's keys", () => {
    const f = figures(doc, 10.4e6, 20.4e6);
    const s = doc.series;
    const i0 = s.t_ns.indexOf(11e6);
    const i1 = s.t_ns.indexOf(20e6);
    const sum = (k: string) => s.columns[k].slice(i0, i1 + 1).reduce((a, b) => a + b, 0);
    const n = f.nics[0];
    const packets = sum('nic/eth0/rx_packets');
    const cells = cellsOf(doc, f);
    let total = 0;
    for (const st of CYCLE_STAGES) {
      const cycles = sum(`nic/eth0/cycles/${st}`);
      expect(n.cycles_by_stage![st]).toBe(cycles);
      expect(cells.find((c) => c.key === `nic/eth0/cycles_by_stage/${st}`)?.value).toBe(cycles / packets);
      total += cycles / packets;
    }
    expect(cells.find((c) => c.key === 'nic/eth0/cycles_by_stage/total')?.value).toBeCloseTo(total, 9);
    // under memory pressure the allocation stage per packet differs from the whole run's
    const whole = figures(doc, 0, doc.duration_ns).nics[0];
    expect(n.cycles_by_stage!.alloc / packets).not.toBe(whole.cycles_by_stage!.alloc / whole.packets);
    const table = rangeNumbers(doc, f)
      .flatMap((g) => g.blocks)
      .find((b) => b.kind === 'table' && b.table.id === 'cycles-by-stage');
    expect(table?.kind === 'table' && table.table.caption).toBe('Cycles per received packet by stage over 10.000–20.000 ms');
  });

  it('a series without stage columns gives no cycles by stage over a range, and no table', () => {
    const columns = Object.fromEntries(Object.entries(doc.series.columns).filter(([k]) => !k.includes('/cycles/')));
    const old = { ...doc, series: { ...doc.series, columns } };
    const f = figures(old, 0, doc.duration_ns);
    expect(f.nics[0].cycles_by_stage).toBeNull();
    expect(rangeStageBars(f)).toEqual([]);
    expect(cellsOf(old, f).some((c) => c.key?.startsWith('nic/eth0/cycles_by_stage/'))).toBe(false);
  });

  it('a decimated series or an empty range is refused with the reason', () => {
    const dec = { ...doc, series: { ...doc.series, decimated: { samples_per_bucket: 4 } } };
    expect(rangeFigures(dec, 0, doc.duration_ns)).toMatchObject({ ok: false, reason: expect.stringMatching(/decimated/) });
    expect(rangeFigures(doc, 40e6, 50e6)).toMatchObject({ ok: false, reason: expect.stringMatching(/no sample/) });
    expect(rangeFigures(doc, 10.6e6, 11.4e6)).toMatchObject({ ok: false });
  });
});

describe('range figures of a devmem run', () => {
  const parsed = parseOrThrow(readFileSync('scenarios/reference/devmem-token-starvation.yaml', 'utf8'));
  const doc = runScenario(parsed.scenario, { startedAt: '2026-01-01T00:00:00.000Z', nodeName: 'test' });

  it("per binding: net_iov places and tokens at the range's end, DONTNEED calls within it", () => {
    const b = doc.bindings[0];
    const whole = figures(doc, 0, doc.duration_ns).bindings[0];
    expect(whole.at_end.niov_free).toBe(b.niov.free);
    expect(whole.at_end.tokens_outstanding).toBe(b.tokens_outstanding);
    expect(whole.counts.dontneed_calls).toBe(b.dontneed_calls);
    // before the token stall at 5 ms tokens come back; after it none do
    const before = figures(doc, 1e6, 5e6).bindings[0];
    const after = figures(doc, 6e6, 14e6).bindings[0];
    expect(before.counts.dontneed_calls).toBeGreaterThan(0);
    expect(after.counts.dontneed_calls).toBe(0);
    const cells = cellsOf(doc, figures(doc, 6e6, 14e6));
    expect(cells.find((c) => c.key === `binding/${b.id}/niov/free`)?.value).toBe(after.at_end.niov_free);
  });
});
