// The per-NIC series columns of cycles by stage (nic/<nic>/cycles/<stage>, engine/sampler.ts):
// summed over the run, each equals the document's nics[].cycles_by_stage of that stage.
import { describe, expect, it } from 'vitest';
import { CYCLE_STAGES } from '../../shared/doc/cycleStages';
import { columnFacts, seriesKey } from '../../shared/doc/seriesKeys';
import { runScenario } from '../../shared/sim/engine/run';
import { Simulation } from '../../shared/sim/engine/simulation';
import { Sampler } from '../../shared/sim/engine/sampler';
import { EV_SAMPLE } from '../../shared/sim/engine/eventKinds';
import { scenarioFile } from './helpers';

function columnSum(c: readonly number[]): number {
  return c.reduce((a, b) => a + b, 0);
}

describe('cycles by stage as series columns', () => {
  const shipped = ['tcp-remote-free.yaml', 'xdp-drop-recycle.yaml', 'reference/gve-devmem-200g.yaml'];
  for (const name of shipped) {
    it(`${name}: every stage column sums to the document's cycles_by_stage`, () => {
      const doc = runScenario(scenarioFile(name, { duration: 5_000_000 }));
      let charged = 0;
      for (const n of doc.nics) {
        for (const stage of CYCLE_STAGES) {
          const key = seriesKey.nic(n.name, `cycles/${stage}`);
          const col = doc.series.columns[key];
          expect(col, key).toBeDefined();
          expect(col.length).toBe(doc.series.t_ns.length);
          const want = n.cycles_by_stage![stage];
          charged += want;
          expect(Math.abs(columnSum(col) - want), key).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
          const meta = doc.series.meta!.find((m) => m.key === key)!;
          expect([meta.unit, meta.kind]).toEqual(['cycles', 'delta']);
          expect(columnFacts(meta)).toMatchObject({ entity: 'nic', nic: n.name, counter: `cycles/${stage}` });
        }
      }
      expect(charged).toBeGreaterThan(0);
    });
  }

  it("decimation keeps each bucket's smallest and largest per-sample cycles, at the bucket's first and last time", () => {
    const s = scenarioFile('tcp-remote-free.yaml', { duration: 2_000_000, sample: 100_000 });
    const sim = new Simulation(s);
    sim.start();
    const full = new Sampler(sim);
    const dec = new Sampler(sim, { samplesPerBucket: 4, endNs: s.duration });
    sim.heap.push(s.sample, EV_SAMPLE, 0);
    sim.runUntil(s.duration, (t) => {
      full.sample(t);
      dec.sample(t);
      if (t < s.duration) sim.heap.push(Math.min(t + s.sample, s.duration), EV_SAMPLE, 0);
    });
    const a = full.series();
    const b = dec.series();
    expect(a.t_ns.length).toBe(20);
    expect(b.t_ns.length).toBe(10);
    for (const stage of CYCLE_STAGES) {
      const key = seriesKey.nic('eth0', `cycles/${stage}`);
      const want: number[] = [];
      for (let k = 0; k < 20; k += 4) {
        const bucket = a.columns[key].slice(k, k + 4);
        want.push(Math.min(...bucket), Math.max(...bucket));
      }
      expect(b.columns[key], key).toEqual(want);
    }
    // the bucket maxima differ from the minima somewhere: the test sees real per-sample values
    const alloc = b.columns[seriesKey.nic('eth0', 'cycles/alloc')];
    expect(alloc.some((v, i) => i % 2 === 1 && v > alloc[i - 1])).toBe(true);
  });
});
