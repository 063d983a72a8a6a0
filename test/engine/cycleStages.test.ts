// cycles_by_stage (shared/doc/cycleStages.ts): every cycle charged to the cores counts in exactly
// one stage of one NIC, so the stages add up to what the cores were charged.
import { describe, expect, it } from 'vitest';
import { CYCLE_STAGES } from '../../shared/doc/cycleStages';
import { runScenario } from '../../shared/sim/engine/run';
import type { EngineApi } from '../../shared/sim/engine/engineApi';
import type { RunDocument } from '../../shared/doc/runDocument';
import { scenarioFile } from './helpers';

function runWithCores(name: string, duration: number): { doc: RunDocument; charged: number } {
  let charged = 0;
  const doc = runScenario(scenarioFile(name, { duration }), {
    inspect(engine: EngineApi) {
      for (let c = 0; c < engine.cores.n; c++) charged += engine.cores.cycles[c];
    },
  });
  return { doc, charged };
}

function stageSum(doc: RunDocument): number {
  let t = 0;
  for (const n of doc.nics) for (const s of CYCLE_STAGES) t += n.cycles_by_stage![s];
  return t;
}

describe('cycles by stage', () => {
  const shipped = [
    'xdp-drop-recycle.yaml',
    'tcp-remote-free.yaml',
    'hns3-64k-pages.yaml',
    'busy-poll.yaml',
    'no-recycle-iommu-strict.yaml',
    'reference/gve-devmem-200g.yaml',
    'reference/xdp-drop-mlx5.yaml',
    'zcrx/liburing-defaults.yaml',
    'irq-migration.yaml',
  ];
  for (const name of shipped) {
    it(`${name}: the stages of every NIC add up to the cycles the cores were charged`, () => {
      const { doc, charged } = runWithCores(name, 5_000_000);
      expect(charged).toBeGreaterThan(0);
      for (const n of doc.nics) expect(Object.keys(n.cycles_by_stage!)).toEqual([...CYCLE_STAGES]);
      // each NIC value is rounded to 12 significant digits in the document
      expect(Math.abs(stageSum(doc) - charged)).toBeLessThanOrEqual(1e-9 * charged);
    });
  }

  it('XDP_DROP spends nothing in GRO, copy or socket; a TCP receive does', () => {
    const xdp = runWithCores('xdp-drop-recycle.yaml', 5_000_000).doc.nics[0].cycles_by_stage!;
    expect([xdp.gro, xdp.copy, xdp.socket]).toEqual([0, 0, 0]);
    expect(xdp.irq_napi).toBeGreaterThan(0);
    expect(xdp.driver).toBeGreaterThan(0);
    expect(xdp.recycle).toBeGreaterThan(0);
    const tcp = runWithCores('tcp-remote-free.yaml', 5_000_000).doc.nics[0].cycles_by_stage!;
    for (const s of ['gro', 'copy', 'socket', 'recycle', 'alloc'] as const) expect(tcp[s]).toBeGreaterThan(0);
  });

  it('the NAPI-side cycles per packet are within the stages (the rest is process context and app reads)', () => {
    const doc = runWithCores('tcp-remote-free.yaml', 5_000_000).doc;
    const n = doc.nics[0];
    const total = CYCLE_STAGES.reduce((t, s) => t + n.cycles_by_stage![s], 0);
    const napiAndApp = (n.cpu.cycles_per_packet + (n.cpu.app_cycles_per_packet ?? 0)) * n.rx.packets;
    expect(total).toBeGreaterThanOrEqual(napiAndApp * (1 - 1e-9));
  });
});
