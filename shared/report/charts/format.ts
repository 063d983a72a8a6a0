// Unit-aware number formatting for chart axes and tooltips (and the report tables).
// Units are the ones netdev people read: Gbit/s, Mpps, MiB, pages, ms.

export type ChartUnit = 'Gbit/s' | 'Mpps' | 'MiB' | 'pages' | 'buffers' | 'net_iovs' | 'per_s' | 'ratio' | 'ms' | 'count';

/** Significant-digit rounding that never prints exponent notation for the ranges we chart. */
export function roundSig(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const decimals = Math.max(0, Math.min(6, digits - 1 - Math.floor(Math.log10(abs))));
  return Number(v.toFixed(decimals)).toString();
}

/** 1234567 → "1.235 M" (SI prefixes for event rates and counts). */
export function formatSi(v: number, digits = 4): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${roundSig(v / 1e9, digits)} G`;
  if (abs >= 1e6) return `${roundSig(v / 1e6, digits)} M`;
  if (abs >= 1e3) return `${roundSig(v / 1e3, digits)} k`;
  return roundSig(v, digits);
}

/** Value as shown in a tooltip, with its unit. */
export function formatValue(v: number, unit: ChartUnit): string {
  switch (unit) {
    case 'Gbit/s':
      return `${roundSig(v)} Gbit/s`;
    case 'Mpps':
      return `${roundSig(v)} Mpps`;
    case 'MiB':
      return `${roundSig(v)} MiB`;
    case 'ms':
      return `${roundSig(v)} ms`;
    case 'ratio':
      return `${roundSig(v * 100)} %`;
    case 'per_s':
      return `${formatSi(v)}/s`;
    case 'pages':
    case 'buffers':
    case 'net_iovs':
      return `${formatSi(v)} ${unit}`;
    case 'count':
      return formatSi(v);
  }
}

/** Shorter form for axis tick labels. */
export function formatAxis(v: number, unit: ChartUnit): string {
  switch (unit) {
    case 'ratio':
      return `${roundSig(v * 100, 3)}%`;
    case 'per_s':
      return `${formatSi(v, 3)}/s`;
    case 'pages':
    case 'buffers':
    case 'net_iovs':
    case 'count':
      return formatSi(v, 3);
    default:
      return roundSig(v, 3);
  }
}

/** Axis title for a unit. */
export function axisName(unit: ChartUnit, what?: string): string {
  const u = unit === 'per_s' ? 'per second' : unit === 'ratio' ? '%' : unit;
  return what && what !== u ? `${what} (${u})` : u;
}
