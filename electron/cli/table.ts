// Aligned text tables for the terminal: text columns left-aligned, numbers right-aligned.

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export function renderTable(columns: Column[], rows: string[][], indent = ''): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => {
        const w = widths[i];
        return columns[i].align === 'right' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n');
}

/** Fixed-point with the given decimals; `-` for non-finite. */
export function fixed(v: number, decimals: number): string {
  return Number.isFinite(v) ? v.toFixed(decimals) : '-';
}

export function percent(fraction: number, decimals = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(decimals)} %` : '-';
}

/** Integer counters as the kernel prints them: plain digits. */
export function count(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v)) : '-';
}

/** Simulated seconds per wall second as people say it: `2.5× real time`, `250× slower than real time`. */
export function realTimeText(factor: number): string {
  if (!Number.isFinite(factor) || factor <= 0) return 'speed unknown';
  return factor >= 1 ? `${factor.toFixed(1)}× real time` : `${(1 / factor).toFixed(1)}× slower than real time`;
}
