// A warning before a run the estimate puts over ten minutes (shared/sim/engine/estimate.ts), with
// what drives it, so nobody waits for hours by accident; the run itself goes ahead.
import type { Scenario } from '../../shared/scenario/schema';
import { countText } from '../../shared/scenario/budget';
import { ENGINE_CPU_NS_PER_PACKET, estimateRun, SAMPLE_CPU_NS_PER_VALUE } from '../../shared/sim/engine/estimate';
import { durationText } from './progressLines';

export const LONG_RUN_SECONDS = 600;

export function longRunWarning(s: Scenario): string | null {
  const e = estimateRun(s);
  if (e.cpuSeconds <= LONG_RUN_SECONDS) return null;
  const simS = s.duration / 1e9;
  return `warning: ${s.name}: this run is estimated at about ${durationText(e.cpuSeconds)} of CPU time `
    + `(${(e.cpuSeconds / simS).toFixed(0)}× the ${durationText(simS)} simulated): ${countText(e.packets)} packets × ${ENGINE_CPU_NS_PER_PACKET} ns `
    + `and ${countText(e.samples)} samples × ${countText(e.columns)} columns × ${SAMPLE_CPU_NS_PER_VALUE} ns. `
    + 'A shorter duration, a lower rate or a longer sample interval shortens it.';
}
