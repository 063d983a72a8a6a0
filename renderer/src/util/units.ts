// Unit formatting for the interface (charts use shared/report/charts/format).
import { roundSig } from '../../../shared/report/charts/format';

/** ns → "1.25 s", "250 ms", "40 µs", "800 ns". */
export function formatDurationNs(ns: number): string {
  const a = Math.abs(ns);
  if (a >= 1e9) return `${roundSig(ns / 1e9, 4)} s`;
  if (a >= 1e6) return `${roundSig(ns / 1e6, 4)} ms`;
  if (a >= 1e3) return `${roundSig(ns / 1e3, 4)} µs`;
  return `${roundSig(ns, 4)} ns`;
}

/** Simulated seconds per wall second → "0.031× real time". */
export function formatSpeed(speed: number): string {
  return `${roundSig(speed, 3)}× real time`;
}

/** Bytes → "64 B", "4 KiB", "1.5 GiB". */
export function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${roundSig(v, 4)} ${units[i]}`;
}

/** A metric value with its unit, as the compare table prints it. */
export function formatMetric(v: number, unit: string): string {
  if (!Number.isFinite(v)) return String(v);
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'ns':
      return formatDurationNs(v);
    case 'fraction':
    case 'ratio':
      return `${roundSig(v * 100, 4)} %`;
    case '':
      return roundSig(v, 4);
    default:
      return `${roundSig(v, 4)} ${unit}`;
  }
}

/** Signed relative change: "+3.2 %". */
export function formatRel(rel: number | null): string {
  if (rel === null) return '';
  const s = roundSig(rel * 100, 3);
  return `${rel > 0 ? '+' : ''}${s} %`;
}
