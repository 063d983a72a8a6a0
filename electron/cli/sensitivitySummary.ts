// The sensitivity block of `run --sensitivity`: per headline figure its value, the band over the
// one-at-a-time runs, the all-low/all-high corners, and the entries that move it most (tornado).
import type { SensitivityFigure, SensitivityResult } from '../../shared/doc/sensitivityDocument';
import { renderTable, type Column } from './table';

function num(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '-';
  if (unit === 'fraction') return `${(v * 100).toFixed(1)} %`;
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function unitText(unit: string): string {
  return unit === 'fraction' ? '' : ` ${unit}`;
}

function band(f: SensitivityFigure): string {
  if (f.value === 0) return `${num(f.min, f.unit)} … ${num(f.max, f.unit)}`;
  const lo = ((f.min - f.value) / Math.abs(f.value)) * 100;
  const hi = ((f.max - f.value) / Math.abs(f.value)) * 100;
  return `${num(f.min, f.unit)} … ${num(f.max, f.unit)} (${lo.toFixed(0)} % / +${hi.toFixed(0)} %)`;
}

export function formatSensitivity(s: SensitivityResult, topDrivers = 3): string {
  const out: string[] = [];
  out.push(
    `Sensitivity: ${s.entries.length} estimated cost entries moved one at a time to their low and high bounds, plus all-low and all-high (${s.runs} runs); ${s.unused.length} estimates not used by this run.`,
  );
  const cols: Column[] = [
    { header: 'figure' },
    { header: 'value', align: 'right' },
    { header: 'band (one at a time)', align: 'right' },
    { header: 'all low', align: 'right' },
    { header: 'all high', align: 'right' },
    { header: 'driven by (swing)' },
  ];
  const rows = s.figures.map((f) => [
    `${f.label}${unitText(f.unit)}`,
    num(f.value, f.unit),
    band(f),
    num(f.all_low, f.unit),
    num(f.all_high, f.unit),
    f.drivers.length === 0
      ? 'no estimate moves it'
      : f.drivers
          .slice(0, topDrivers)
          .map((d) => `${d.key} (${num(d.swing, f.unit)})`)
          .join(', '),
  ]);
  out.push(renderTable(cols, rows, '  '));
  for (const f of s.failures) out.push(`  not run: ${f.key} at its ${f.bound} bound: ${f.message}`);
  return `${out.join('\n')}\n`;
}
