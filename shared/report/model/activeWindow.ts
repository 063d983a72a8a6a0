// A NIC's active window: from the start of the first sample interval in which it received a frame
// to the end of the last such interval. A run with long idle stretches (traffic that starts late
// or stops early) averages its rates over the whole run; over the active window they say what
// the NIC did while it had traffic. Cycles per packet over it are the cycles charged in its
// intervals (the stage columns nic/<name>/cycles/<stage>) over the frames received in them.
import type { RunDocument } from '../../doc/runDocument';
import { seriesKey } from '../../doc/seriesKeys';
import { CYCLE_STAGES } from '../../doc/cycleStages';

export interface ActiveWindow {
  start_ns: number;
  end_ns: number;
  packets: number;
  bytes: number;
  gbps: number;
  mpps: number;
  /** all stages' cycles charged in the window per frame received in it; null without stage columns */
  cycles_per_packet: number | null;
}

/** Shares of the run under which the active window is worth stating apart. */
export const IDLE_SHARE_WORTH_STATING = 0.1;

/**
 * The window from the per-interval deltas `nic/<name>/rx_packets` and `rx_bytes`; null when the
 * NIC received nothing, the columns are missing, or the series is decimated (its rows are
 * per-bucket minima and maxima, not interval deltas).
 */
export function activeWindow(doc: RunDocument, nic: string): ActiveWindow | null {
  const s = doc.series;
  const pk = s.columns[seriesKey.nic(nic, 'rx_packets')];
  const by = s.columns[seriesKey.nic(nic, 'rx_bytes')];
  if (!pk || !by || s.decimated || s.t_ns.length === 0) return null;
  let first = -1;
  let last = -1;
  for (let i = 0; i < pk.length; i++)
    if (pk[i] > 0) {
      if (first < 0) first = i;
      last = i;
    }
  if (first < 0) return null;
  let packets = 0;
  let bytes = 0;
  for (let i = first; i <= last; i++) {
    packets += pk[i];
    bytes += by[i];
  }
  let cycles: number | null = 0;
  for (const stage of CYCLE_STAGES) {
    const c = s.columns[seriesKey.nicCycles(nic, stage)];
    if (!c) {
      cycles = null;
      break;
    }
    for (let i = first; i <= last; i++) cycles += c[i];
  }
  const start = first === 0 ? 0 : s.t_ns[first - 1];
  const end = s.t_ns[last];
  const sec = (end - start) / 1e9;
  return {
    start_ns: start,
    end_ns: end,
    packets,
    bytes,
    gbps: sec > 0 ? (bytes * 8) / sec / 1e9 : NaN,
    mpps: sec > 0 ? packets / sec / 1e6 : NaN,
    cycles_per_packet: cycles === null ? null : cycles / packets,
  };
}

/** The window when the NIC was idle for more than IDLE_SHARE_WORTH_STATING of the run, else null. */
export function notableActiveWindow(doc: RunDocument, nic: string): ActiveWindow | null {
  const w = activeWindow(doc, nic);
  if (!w || doc.duration_ns <= 0) return null;
  return w.end_ns - w.start_ns < (1 - IDLE_SHARE_WORTH_STATING) * doc.duration_ns ? w : null;
}
