// The report section of a run with a sensitivity set (`run --sensitivity`): how much each headline
// figure moves when the estimated cost entries go to their bounds, and what moves it.
import type { SensitivityFigure, SensitivityResult } from '../../doc/sensitivityDocument';
import { code, percent, quantity, text } from './cells';
import type { ReportBlock, ReportCell, ReportSection } from './types';

function val(f: SensitivityFigure, v: number | null, key: string): ReportCell {
  if (v === null) return text('—', { tone: 'muted', key, title: 'not run' });
  return f.unit === 'fraction' ? percent(v, key) : quantity(v, f.unit, key);
}

function rel(f: SensitivityFigure, v: number): string {
  if (f.value === 0) return '';
  const d = ((v - f.value) / Math.abs(f.value)) * 100;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(0)} %`;
}

export function sensitivitySection(s: SensitivityResult): ReportSection {
  const blocks: ReportBlock[] = [];
  blocks.push({
    kind: 'text',
    tone: 'note',
    text:
      `Each of the ${s.entries.length} estimated cost entries this run used was moved to the low and then the high end of its range with every other entry at its value (${s.runs} runs, same seed). ` +
      'The band is the smallest and largest value over those runs; "all low" and "all high" move every estimate at once, an upper bound rather than a likely case. ' +
      `Published figures, and how each entry was estimated, are in docs/model/costs.md. ${s.unused.length} estimates were not used by this run and were not moved.`,
  });
  blocks.push({
    kind: 'table',
    table: {
      id: 'sensitivity-band',
      caption: 'Headline figures with the estimated costs at their bounds',
      columns: [
        { label: 'figure' },
        { label: 'value', align: 'right' },
        { label: 'low', align: 'right' },
        { label: 'high', align: 'right' },
        { label: 'all low', align: 'right' },
        { label: 'all high', align: 'right' },
      ],
      rows: s.figures.map((f) => [
        text(f.label),
        val(f, f.value, `sensitivity/${f.key}/value`),
        { ...val(f, f.min, `sensitivity/${f.key}/min`), title: rel(f, f.min) },
        { ...val(f, f.max, `sensitivity/${f.key}/max`), title: rel(f, f.max) },
        val(f, f.all_low, `sensitivity/${f.key}/all_low`),
        val(f, f.all_high, `sensitivity/${f.key}/all_high`),
      ]),
    },
  });
  const tornado: ReportCell[][] = [];
  for (const f of s.figures) {
    for (const d of f.drivers.slice(0, 5)) {
      tornado.push([
        text(f.label),
        code(d.key),
        val(f, d.at_low, `sensitivity/${f.key}/${d.key}/low`),
        val(f, d.at_high, `sensitivity/${f.key}/${d.key}/high`),
        f.unit === 'fraction'
          ? percent(d.swing, `sensitivity/${f.key}/${d.key}/swing`)
          : quantity(d.swing, f.unit, `sensitivity/${f.key}/${d.key}/swing`),
      ]);
    }
  }
  if (tornado.length > 0) {
    blocks.push({
      kind: 'table',
      table: {
        id: 'sensitivity-drivers',
        caption: "What drives each figure: the entries with the largest swing (figure at the entry's low bound, at its high bound)",
        columns: [
          { label: 'figure' },
          { label: 'entry', code: true },
          { label: 'at low', align: 'right' },
          { label: 'at high', align: 'right' },
          { label: 'swing', align: 'right' },
        ],
        rows: tornado,
        compact: true,
      },
    });
  }
  blocks.push({
    kind: 'table',
    table: {
      id: 'sensitivity-entries',
      caption: 'Estimated entries moved, with their ranges',
      columns: [
        { label: 'entry', code: true },
        { label: 'value', align: 'right' },
        { label: 'low', align: 'right' },
        { label: 'high', align: 'right' },
        { label: 'unit' },
      ],
      rows: s.entries.map((e) => [code(e.key), quantity(e.value, ''), quantity(e.low, ''), quantity(e.high, ''), text(e.unit)]),
      compact: true,
    },
  });
  for (const f of s.failures) blocks.push({ kind: 'text', tone: 'warn', text: `Not run: ${f.key} at its ${f.bound} bound: ${f.message}` });
  return { id: 'sensitivity', title: 'Sensitivity to the estimated costs', pageBreakBefore: true, blocks };
}
