// A NIC's cycles_by_stage for the run document, read from the cores' per-NIC stage rows.
import { CYCLE_STAGES, CYCLE_STAGE_COUNT, type CycleStage } from '../../doc/cycleStages';
import type { Cores } from './cores';

/** Rounded to 12 significant digits like the document's other cycle figures. */
function r12(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : 0;
}

export function cyclesByStage(cores: Cores, nic: number): Record<CycleStage, number> {
  const row = nic * CYCLE_STAGE_COUNT;
  const out = {} as Record<CycleStage, number>;
  CYCLE_STAGES.forEach((s, i) => {
    out[s] = r12(cores.stageCycles[row + i]);
  });
  return out;
}

/** Sum of a NIC's stages, unrounded (what the cores were charged for it). */
export function nicChargedCycles(cores: Cores, nic: number): number {
  let t = 0;
  for (let i = 0; i < CYCLE_STAGE_COUNT; i++) t += cores.stageCycles[nic * CYCLE_STAGE_COUNT + i];
  return t;
}
