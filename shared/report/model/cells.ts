// Table cells with the number behind the text, formatted the way netdev people read them.
import type { ReportCell } from './types';
import { roundSig } from '../charts/format';

/** 1234567 → "1,234,567" (exact counters are printed exactly). */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  const [int, frac] = Math.abs(n).toString().split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '−' : ''}${g}${frac ? `.${frac}` : ''}`;
}

export const text = (t: string, extra: Partial<ReportCell> = {}): ReportCell => ({ text: t, ...extra });
export const code = (t: string, extra: Partial<ReportCell> = {}): ReportCell => ({ text: t, code: true, ...extra });

/** An exact integer counter. */
export function count(v: number, key?: string, extra: Partial<ReportCell> = {}): ReportCell {
  return { text: groupDigits(v), value: v, key, ...extra };
}

/** A measured quantity with a unit suffix, `digits` significant digits. */
export function quantity(v: number, unit: string, key?: string, digits = 4, extra: Partial<ReportCell> = {}): ReportCell {
  return { text: unit ? `${roundSig(v, digits)} ${unit}` : roundSig(v, digits), value: v, key, ...extra };
}

/** A fraction shown in percent. */
export function percent(v: number | null, key?: string, digits = 4, extra: Partial<ReportCell> = {}): ReportCell {
  if (v === null || !Number.isFinite(v)) return { text: '—', key, tone: 'muted', title: 'not defined (no data)', ...extra };
  return { text: `${roundSig(v * 100, digits)} %`, value: v, key, ...extra };
}

/** Bytes in IEC units, with the exact number as value. */
export function bytesCell(v: number, key?: string): ReportCell {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let x = v;
  let i = 0;
  while (Math.abs(x) >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return { text: i === 0 ? `${groupDigits(v)} B` : `${roundSig(x, 4)} ${units[i]}`, value: v, key, title: `${groupDigits(v)} bytes` };
}

/** Anything JSON-ish as short text (driver facts, binding fields). */
export function anyCell(v: unknown, key?: string): ReportCell {
  if (typeof v === 'number') return Number.isInteger(v) ? count(v, key) : quantity(v, '', key, 6);
  if (typeof v === 'boolean') return text(v ? 'yes' : 'no', { key });
  if (v === null || v === undefined) return text('—', { tone: 'muted', key });
  if (typeof v === 'string') return text(v, { key });
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return text(v.join(', '), { key });
  return code(JSON.stringify(v), { key });
}

/** Flatten a nested object into dotted paths with leaf values (arrays of scalars kept as leaves). */
export function flatten(obj: unknown, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(obj) && obj.some((x) => x !== null && typeof x === 'object')) {
    obj.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else {
    out.push([prefix, obj]);
  }
  return out;
}
