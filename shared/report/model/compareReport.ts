// CompareDocument → ReportModel: the side-by-side table with deltas and spread, meaningful
// differences highlighted, conversion differences per driver, overlay charts, warnings per point.
import { compareMeasuredBlocks } from './measuredSection';
import type { CompareDocument, CompareRow, MetricGroup } from '../../doc/compareDocument';
import { COMPARE_FORMAT } from '../../doc/compareDocument';
import type { RunDocument } from '../../doc/runDocument';
import {
  buildCompareOverlayOption,
  buildDeltaOption,
  deltaChartHeight,
  deltaEntries,
  seriesViewFromSeries,
  type OverlayMetric,
} from '../charts';
import { roundSig } from '../charts/format';
import type {
  CellTone,
  ReportColumn,
  ReportBlock,
  ReportCell,
  ReportChart,
  ReportContext,
  ReportModel,
  ReportSection,
  ReportTable,
} from './types';
import { code, text } from './cells';
import { scenarioSummaryTable, nicConfigTable, yamlAppendix } from './scenarioSection';
import { eventSummaryTable } from './eventsSection';
import { conversionBlocks } from './conversionSection';
import { sweepBlocks } from './sweepSection';
import { compareCellsShow } from './compareCells';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH, shellQuote } from './runReport';
import { durationText } from './scenarioYaml';

const GROUP_TITLES: Record<MetricGroup, string> = {
  throughput: 'Throughput',
  drops: 'Drops',
  cpu: 'CPU',
  page_pool: 'page_pool',
  memory: 'Memory',
  metadata: 'Metadata memory',
  driver: 'Driver',
};

function fmt(v: number, unit: string): string {
  return unit === 'fraction' || unit === 'ratio' ? `${roundSig(v * 100)} %` : roundSig(v);
}

function deltaTone(row: CompareRow, abs: number, meaningful: boolean): CellTone | undefined {
  if (!meaningful) return undefined;
  if (row.metric.better === 'none') return 'changed';
  return abs > 0 === (row.metric.better === 'higher') ? 'better' : 'worse';
}

/** Columns of figures beyond which a side-by-side table does not fit a portrait A4 page. */
const LANDSCAPE_COLUMNS = 8;

export function compareTable(doc: CompareDocument, group: MetricGroup, rows: CompareRow[]): ReportTable {
  const P = doc.points.length;
  const columns: ReportColumn[] = [{ label: 'metric' }, { label: 'unit' }];
  doc.points.forEach((p, i) => {
    columns.push({ label: `${i}: ${p.label || 'baseline'}`, align: 'right' });
    if (i > 0) columns.push({ label: `Δ ${i} vs 0`, align: 'right' });
  });
  const body: ReportCell[][] = rows.map((row) => {
    const cells: ReportCell[] = [text(row.metric.label, { title: row.metric.key }), text(row.metric.unit)];
    row.cells.forEach((c, i) => {
      const k = `compare/${row.metric.key}/${i}`;
      if (!c.stat) cells.push(text('—', { tone: 'muted', title: 'not defined for this point' }));
      else {
        const sd = c.stat.n > 1 ? ` ± ${fmt(c.stat.stddev, row.metric.unit)}` : '';
        cells.push({
          text: `${fmt(c.stat.mean, row.metric.unit)}${sd}`,
          value: c.stat.mean,
          key: `${k}/mean`,
          title: `n=${c.stat.n}, min ${c.stat.min}, max ${c.stat.max}`,
        });
      }
      if (i === 0) return;
      if (!c.delta) {
        cells.push(text('—', { tone: 'muted' }));
        return;
      }
      const d = c.delta;
      const rel = d.rel === null ? '' : ` (${d.rel >= 0 ? '+' : ''}${roundSig(d.rel * 100, 3)} %)`;
      const sign = d.abs > 0 ? '+' : '';
      cells.push({
        text: `${sign}${fmt(d.abs, row.metric.unit)}${rel}`,
        value: d.abs,
        key: `${k}/delta`,
        tone: deltaTone(row, d.abs, d.meaningful),
        title: d.spread_known
          ? `spread ${fmt(d.spread, row.metric.unit)}; ${d.meaningful ? 'exceeds' : 'within'} the combined ±1σ`
          : 'single repeat: spread unknown',
      });
    });
    return cells;
  });
  return {
    id: `compare-${group}`,
    caption: `${GROUP_TITLES[group]} (${compareCellsShow(doc.repeat)})`,
    columns,
    rows: body,
    compact: P > 3,
    landscape: columns.length > LANDSCAPE_COLUMNS,
  };
}

function matrixTable(doc: CompareDocument): ReportTable {
  return {
    id: 'compare-points',
    caption: 'Matrix points',
    columns: [{ label: 'point' }, { label: 'label' }, { label: 'overrides' }, { label: 'seeds' }],
    rows: doc.points.map((p) => [
      text(String(p.index)),
      text(p.label || 'baseline'),
      code(
        Object.entries(p.overrides)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ') || '(none)',
      ),
      text(p.seeds.join(', ')),
    ]),
    note: 'Every point uses the same seeds (common random numbers), so deltas reflect the change, not a different random draw.',
  };
}

function overlayCharts(doc: CompareDocument, ctx: ReportContext): ReportChart[] {
  // Every repeat, grouped by point: a point with repeats is drawn as its mean ± stddev band.
  const runs = doc.runs.flatMap((row, i) =>
    row.map((run, r) => ({
      label: `${i}: ${doc.points[i]?.label ?? ''} #${r + 1}`,
      groupLabel: `${i}: ${doc.points[i]?.label ?? ''}`,
      group: i,
      run,
    })),
  );
  if (runs.length === 0) return [];
  const views = runs.map((r) => ({
    label: r.label,
    groupLabel: r.groupLabel,
    group: r.group,
    view: seriesViewFromSeries(r.run.series, r.run.sample_ns),
  }));
  const size = { width: ctx.chartWidth ?? DEFAULT_CHART_WIDTH, height: ctx.chartHeight ?? DEFAULT_CHART_HEIGHT };
  const base = { theme: ctx.theme ?? 'light', animation: false, dataZoom: false } as const;
  const metrics: [string, OverlayMetric, string][] = [];
  for (const nic of runs[0].run.nics) {
    metrics.push([`gbps-${nic.name}`, { kind: 'gbps', nic: nic.name }, `Received Gbit/s on ${nic.name}`]);
    metrics.push([`drops-${nic.name}`, { kind: 'drops', nic: nic.name }, `Dropped Mpps on ${nic.name} (all reasons)`]);
  }
  if (runs.some((r) => r.run.pools.length > 0)) {
    metrics.push(['recycle-ratio', { kind: 'recycle_ratio' }, 'Recycle ratio, all pools (intervals without returns left out)']);
    metrics.push(['inflight', { kind: 'inflight' }, 'page_pool pages in flight, all pools']);
  }
  metrics.push(['free-memory', { kind: 'free_memory', node: 0 }, 'Free memory on NUMA node 0']);
  return metrics.map(([id, metric, caption]) => ({
    id: `chart-compare-${id}`,
    caption: `${caption}; ${doc.repeat > 1 ? `one colour per matrix point: the mean over its ${doc.repeat} repeats, ± sample stddev shaded` : 'one line per matrix point'}`,
    option: buildCompareOverlayOption({ ...base, runs: views, metric }),
    ...size,
  }));
}

/** Bars that fit a printed chart with readable labels. */
const REPORT_DELTA_BARS = 15;

/** One Δ chart per point after the first (shared/report/charts/deltaBars.ts). */
function deltaBlocks(doc: CompareDocument, ctx: ReportContext): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (let i = 1; i < doc.points.length; i++) {
    const n = deltaEntries(doc, i, REPORT_DELTA_BARS).length;
    if (n === 0) continue;
    out.push({
      kind: 'chart',
      chart: {
        id: `chart-delta-${i}`,
        caption: `${i}: ${doc.points[i].label} against 0: ${doc.points[0].label}, the ${n} largest relative changes of the means; green better, red worse, amber no better direction, faint within the spread${doc.repeat < 2 ? ' (one repeat: spread unknown)' : ''}`,
        option: buildDeltaOption({ doc, point: i, max: REPORT_DELTA_BARS, theme: ctx.theme ?? 'light', animation: false }),
        width: ctx.chartWidth ?? DEFAULT_CHART_WIDTH,
        height: deltaChartHeight(n),
      },
    });
  }
  return out;
}

/**
 * The scenario to regenerate when the original file is not at hand: point 0's run with the matrix
 * and repeat put back. Point 0 carries the first value of every matrix key, which the compare
 * overrides in every point anyway, so this file reproduces the same compare.
 */
function baseScenario(doc: CompareDocument, first: RunDocument): RunDocument['scenario'] {
  const s = { ...first.scenario, repeat: doc.repeat, seed: doc.points[0]?.seeds[0] ?? first.scenario.seed };
  if (Object.keys(doc.matrix).length > 0) s.compare = doc.matrix;
  return s;
}

export function buildCompareReport(doc: CompareDocument, ctx: ReportContext): ReportModel {
  if (doc.format !== COMPARE_FORMAT)
    throw new Error(`not a compare document: format is ${JSON.stringify(doc.format)}, expected ${COMPARE_FORMAT}`);
  const first = doc.runs[0]?.[0];
  if (!first) throw new Error('compare document has no runs');
  const groups = new Map<MetricGroup, CompareRow[]>();
  for (const r of doc.table) groups.set(r.metric.group, [...(groups.get(r.metric.group) ?? []), r]);
  const singleRepeat = doc.repeat <= 1;
  const tableBlocks: ReportBlock[] = [
    {
      kind: 'text',
      tone: 'note',
      text:
        'Cells show mean ± sample standard deviation over the repeats. Δ is mean(point) − mean(point 0). ' +
        'A difference is highlighted when it exceeds the combined spread (stddev of point 0 + stddev of the point): green where the change is an improvement, red where it is a regression, blue where neither direction is better.' +
        (singleRepeat
          ? ' With one repeat the spread is unknown, so no difference is highlighted: rerun with repeat ≥ 3 to separate changes from noise.'
          : ''),
    },
    ...[...groups.entries()].map(([g, rows]): ReportBlock => ({ kind: 'table', table: compareTable(doc, g, rows) })),
  ];
  const meaningful = doc.table.reduce((n, r) => n + r.cells.filter((c) => c.delta?.meaningful).length, 0);
  const charts = overlayCharts(doc, ctx);
  const warnBlocks: ReportBlock[] = [];
  doc.runs.forEach((row, i) => {
    const t = eventSummaryTable(row[0]?.events ?? [], `compare-events-${i}`);
    if (t) warnBlocks.push({ kind: 'table', table: { ...t, caption: `Point ${i}: ${doc.points[i]?.label ?? ''} (repeat 0)` } });
  });
  if (warnBlocks.length === 0) warnBlocks.push({ kind: 'text', text: 'No run logged events or warnings.' });

  const sections: ReportSection[] = [
    {
      id: 'scenario',
      title: 'Scenario and matrix',
      blocks: [
        { kind: 'table', table: scenarioSummaryTable(first.scenario) },
        { kind: 'table', table: nicConfigTable(first.scenario) },
        { kind: 'table', table: matrixTable(doc) },
      ],
    },
    { id: 'side-by-side', title: 'Side by side', blocks: tableBlocks },
    { id: 'conversion', title: 'Conversion differences per driver', blocks: conversionBlocks(doc) },
  ];
  const deltas = deltaBlocks(doc, ctx);
  if (deltas.length) sections.push({ id: 'differences', title: 'Largest differences against point 0', blocks: deltas });
  const sweep = sweepBlocks(doc, ctx);
  if (sweep.length) sections.push({ id: 'sweep', title: 'Sweeps: metrics against numeric axes', blocks: sweep });
  sections.push(
    { id: 'charts', title: 'Charts', pageBreakBefore: true, blocks: charts.map((chart): ReportBlock => ({ kind: 'chart', chart })) },
    { id: 'events', title: 'Warnings and events', blocks: warnBlocks },
  );
  const measured = compareMeasuredBlocks(doc, ctx);
  if (measured.length) sections.splice(2, 0, { id: 'measured', title: 'Measured beside the model', blocks: measured });
  const file = ctx.scenarioPath ? shellQuote(ctx.scenarioPath) : 'scenario.yaml';
  return {
    kind: 'compare',
    title: `${doc.scenario_name}: comparison`,
    subtitle: `netmem-workbench compare report · ${doc.points.length} points × ${doc.repeat} repeat${doc.repeat > 1 ? 's' : ''} · ${durationText(first.duration_ns)} simulated each`,
    generated_at: ctx.generatedAt,
    theme: ctx.theme ?? 'light',
    tool: doc.tool,
    headline: [
      {
        label: 'matrix',
        value:
          Object.entries(doc.matrix)
            .map(([k, v]) => `${k}: ${v.join(' | ')}`)
            .join('; ') || '(none)',
      },
      { label: 'meaningful differences', value: String(meaningful) },
      { label: 'runs', value: String(doc.runs.reduce((n, r) => n + r.length, 0)) },
      { label: 'started', value: doc.meta.started_at || '—' },
    ],
    sections,
    appendix: [yamlAppendix(baseScenario(doc, first), ctx.scenarioYaml, ctx.scenarioPath)],
    repro: {
      version: doc.tool.version,
      document_format: COMPARE_FORMAT,
      seeds: doc.points[0]?.seeds ?? [first.seed],
      commands: [
        `npm run cli -- compare ${file}${doc.repeat !== first.scenario.repeat ? ` --repeat ${doc.repeat}` : ''} --json compare.json`,
        'npm run cli -- report compare.json --format html --out compare.html',
      ],
      notes: [
        'Repeat 0 of every point uses the scenario seed; later repeats derive theirs from it (shown in the matrix table). Same file, same seeds: the same compare document outside "meta".',
        ...(ctx.scenarioPath ? [] : ['Save the YAML of the appendix as scenario.yaml first.']),
      ],
    },
  };
}
