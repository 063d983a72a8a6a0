// Progress without a terminal (a log file, CI, a pipe): a plain line on stderr every few seconds,
// or with `--progress json` one JSON object per line for a program to read. A bar redrawn with
// \r would fill a log with escape sequences; silence would look like a hang.
import type { RunProgress } from '../../shared/doc/runDocument';
import { formatDurationNs } from '../../shared/doc/units';
import type { CliStream } from './command';
import { realTimeText } from './table';
import { durationText } from '../../shared/sim/engine/longRunWarning';

export type ProgressMode = 'bar' | 'lines' | 'json' | 'off';
export const PROGRESS_MODES: readonly string[] = ['auto', 'bar', 'lines', 'json', 'off'];

/** Wall ms between lines: plain text for people reading a log, JSON a little more often. */
export const LINE_INTERVAL_MS = 5000;
export const JSON_INTERVAL_MS = 2000;

/** `auto`: the bar on a terminal, lines otherwise. */
export function progressMode(option: string | undefined, isTTY: boolean, quiet: boolean): ProgressMode {
  if (quiet || option === 'off') return 'off';
  if (option === undefined || option === 'auto') return isTTY ? 'bar' : 'lines';
  return option as ProgressMode;
}

export function etaSeconds(p: RunProgress): number {
  return p.speed > 0 ? (p.total_ns - p.sim_ns) / 1e9 / p.speed : NaN;
}

export class ProgressLines {
  private last: number;
  private readonly interval: number;

  constructor(
    private readonly stream: CliStream,
    private readonly now: () => number,
    private readonly label: string,
    private readonly json: boolean,
  ) {
    this.last = now();
    this.interval = json ? JSON_INTERVAL_MS : LINE_INTERVAL_MS;
  }

  update(p: RunProgress): void {
    const t = this.now();
    const end = p.sim_ns >= p.total_ns;
    // JSON readers get the final state too; people get the summary instead.
    if (t - this.last < this.interval && !(end && this.json)) return;
    if (end && !this.json) return;
    this.last = t;
    const fraction = p.total_ns > 0 ? Math.min(1, p.sim_ns / p.total_ns) : 0;
    const eta = etaSeconds(p);
    if (this.json) {
      this.stream.write(
        `${JSON.stringify({
          type: 'progress',
          file: this.label,
          sim_ns: p.sim_ns,
          total_ns: p.total_ns,
          fraction: Number(fraction.toFixed(4)),
          speed: p.speed,
          eta_s: Number.isFinite(eta) ? Math.round(eta) : null,
        })}\n`,
      );
    } else {
      this.stream.write(
        `${this.label}: ${formatDurationNs(p.sim_ns)} of ${formatDurationNs(p.total_ns)} simulated ` +
          `(${(fraction * 100).toFixed(1)} %), ${realTimeText(p.speed)}, about ${durationText(eta)} left\n`,
      );
    }
  }
}
