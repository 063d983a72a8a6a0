// Progress bar on stderr while a run simulates: simulated time, and speed as a multiple of real
// time. Redrawn at most 10 times a second; erased when the run ends.
import type { RunProgress } from '../../shared/doc/runDocument';
import { formatDurationNs } from '../../shared/doc/units';
import type { CliStream } from './command';
import { realTimeText } from './table';

const BAR = 30;

export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: CliStream,
    private readonly now: () => number,
    private readonly label: string,
  ) {}

  update(p: RunProgress): void {
    const t = this.now();
    if (t - this.lastDraw < 100 && p.sim_ns < p.total_ns) return;
    this.lastDraw = t;
    const frac = p.total_ns > 0 ? Math.min(1, p.sim_ns / p.total_ns) : 0;
    const filled = Math.round(frac * BAR);
    const speed = realTimeText(p.speed);
    // speed is simulated seconds per wall second, so the wall time left follows from it.
    const etaS = p.speed > 0 ? (p.total_ns - p.sim_ns) / 1e9 / p.speed : NaN;
    const eta =
      Number.isFinite(etaS) && p.sim_ns < p.total_ns
        ? `, ${etaS < 60 ? `${etaS.toFixed(0)} s` : `${(etaS / 60).toFixed(1)} min`} left`
        : '';
    this.stream.write(
      `\r\x1b[2K${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ` +
        `${formatDurationNs(p.sim_ns)} / ${formatDurationNs(p.total_ns)} simulated  ${speed}${eta}`,
    );
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
