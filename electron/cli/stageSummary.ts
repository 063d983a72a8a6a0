// One line per NIC under the NIC table: the cycles charged for it per received frame, by stage
// (run document `cycles_by_stage`, shared/doc/cycleStages.ts).
import { CYCLE_STAGES } from '../../shared/doc/cycleStages';
import type { NicResult } from '../../shared/doc/runDocument';
import { fixed } from './table';

export function stageLines(nics: NicResult[]): string[] {
  const out: string[] = [];
  for (const n of nics) {
    const st = n.cycles_by_stage;
    if (!st || n.rx.packets === 0) continue;
    const total = CYCLE_STAGES.reduce((t, s) => t + st[s], 0);
    const parts = CYCLE_STAGES.map((s) => `${s} ${fixed(st[s] / n.rx.packets, 1)}`);
    out.push(`  ${n.name} cycles/pkt by stage: ${parts.join(' · ')} (all work for the NIC: ${fixed(total / n.rx.packets, 1)})`);
  }
  return out;
}
