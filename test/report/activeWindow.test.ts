// A NIC's active window: its rates while it had traffic, stated when idle stretches would hide them.
import { describe, expect, it } from 'vitest';
import { activeWindow, notableActiveWindow } from '../../shared/report/model/activeWindow';
import type { RunDocument } from '../../shared/doc/runDocument';
import { pressureRun } from './fixtures';
import { CYCLE_STAGES } from '../../shared/doc/cycleStages';

/** A run document with only what the window reads: duration and the two series columns. */
function idleDoc(pk: number[], by: number[], decimated = false): RunDocument {
  const t_ns = pk.map((_, i) => (i + 1) * 1e6);
  return {
    duration_ns: pk.length * 1e6,
    series: {
      t_ns,
      columns: { 'nic/eth0/rx_packets': pk, 'nic/eth0/rx_bytes': by },
      meta: [],
      ...(decimated ? { decimated: { samples_per_bucket: 2 } } : {}),
    },
  } as unknown as RunDocument;
}

describe('active window', () => {
  it("a real run with traffic throughout: the window is the run, its totals and rates the document's", () => {
    const doc = pressureRun();
    const n = doc.nics[0];
    const w = activeWindow(doc, n.name)!;
    expect(w.packets).toBe(n.rx.packets);
    expect(w.bytes).toBe(n.rx.bytes);
    expect(w.start_ns).toBe(0);
    expect(w.end_ns).toBe(doc.duration_ns);
    expect(w.gbps).toBeCloseTo(n.rx.gbps, 9);
    const stages = Object.values(n.cycles_by_stage!).reduce((a, b) => a + b, 0);
    expect(Math.abs(w.cycles_per_packet! * n.rx.packets - stages)).toBeLessThanOrEqual(1e-9 * stages);
    expect(notableActiveWindow(doc, n.name)).toBeNull();
  });

  it('traffic in 2 of 10 intervals: the window spans them and its rates are 5× the run average', () => {
    const pk = [0, 0, 0, 0, 100, 100, 0, 0, 0, 0];
    const by = pk.map((p) => p * 1500);
    const w = notableActiveWindow(idleDoc(pk, by), 'eth0')!;
    expect([w.start_ns, w.end_ns]).toEqual([4e6, 6e6]);
    expect(w.mpps).toBeCloseTo(200 / 2e-3 / 1e6, 12);
    expect(w.gbps).toBeCloseTo((200 * 1500 * 8) / 2e-3 / 1e9, 12);
    expect(w.cycles_per_packet).toBeNull();
  });

  it("cycles per packet over the window: the stage columns inside it over its frames, not the idle intervals' cycles", () => {
    const pk = [0, 0, 0, 0, 100, 100, 0, 0, 0, 0];
    const d = idleDoc(
      pk,
      pk.map((p) => p * 1500),
    );
    // idle NAPI polls charge 7 cycles of irq_napi in every interval; 300 of alloc per interval with traffic
    for (const stage of CYCLE_STAGES)
      d.series.columns[`nic/eth0/cycles/${stage}`] = pk.map((p) => (stage === 'irq_napi' ? 7 : stage === 'alloc' && p > 0 ? 300 : 0));
    const w = activeWindow(d, 'eth0')!;
    expect(w.cycles_per_packet).toBe((2 * 7 + 2 * 300) / 200);
    delete d.series.columns['nic/eth0/cycles/recycle'];
    expect(activeWindow(d, 'eth0')!.cycles_per_packet).toBeNull();
  });

  it('nothing received, missing columns or a decimated series: no window', () => {
    expect(activeWindow(idleDoc([0, 0], [0, 0]), 'eth0')).toBeNull();
    expect(activeWindow(idleDoc([1, 1], [1, 1]), 'eth1')).toBeNull();
    expect(activeWindow(idleDoc([1, 1], [1, 1], true), 'eth0')).toBeNull();
  });
});
