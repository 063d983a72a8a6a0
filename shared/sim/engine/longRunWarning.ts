// A warning before a run the estimate puts over ten minutes (estimate.ts), with what drives it,
// so nobody waits for hours by accident; the run itself goes ahead. The CLI prints it, the hosts
// send it as the run's first log line.
import type { Scenario } from '../../scenario/schema';
import { countText } from '../validate/budget';
import { ENGINE_CPU_NS_PER_PACKET, estimateRun, SAMPLE_CPU_NS_PER_VALUE } from './estimate';

/** `45 s`, `12 min`, `7.1 h`. */
export function durationText(s: number): string {
  if (!Number.isFinite(s)) return 'unknown';
  if (s < 90) return `${Math.ceil(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export const LONG_RUN_SECONDS = 600;

export function longRunWarning(s: Scenario): string | null {
  const e = estimateRun(s);
  if (e.cpuSeconds <= LONG_RUN_SECONDS) return null;
  const simS = s.duration / 1e9;
  return (
    `warning: ${s.name}: this run is estimated at about ${durationText(e.cpuSeconds)} of CPU time ` +
    `(${(e.cpuSeconds / simS).toFixed(0)}× the ${durationText(simS)} simulated): ${countText(e.packets)} packets × ${ENGINE_CPU_NS_PER_PACKET} ns ` +
    `and ${countText(e.samples)} samples × ${countText(e.columns)} columns × ${SAMPLE_CPU_NS_PER_VALUE} ns. ` +
    'A shorter duration, a lower rate or a longer sample interval shortens it.'
  );
}
