// RunDocument → ReportModel: everything a reader needs to judge and reproduce one run.
import type { RunDocument } from '../../doc/runDocument';
import { RUN_FORMAT } from '../../doc/runDocument';
import {
  buildBuffersOption,
  buildDevmemOption,
  buildMemoryOption,
  buildRecycleOption,
  buildThroughputOption,
  hasDevmemColumns,
  selectChartEvents,
  seriesViewFromSeries,
  type SeriesView,
} from '../charts';
import type { ChartOptions } from '../charts/common';
import type { ReportBlock, ReportChart, ReportContext, ReportModel, ReportSection, ReproInfo } from './types';
import { nicConfigTable, scenarioSummaryTable, yamlAppendix } from './scenarioSection';
import { dropsTable, memoryTable, nicResultsTable, queueUtilisationTable } from './resultsSection';
import { cyclesByStageBlocks } from './cyclesSection';
import { allCountersTables, pagePoolBlocks, sumStats } from './pagePoolSection';
import { eventBlocks, markedEventsTable } from './eventsSection';
import { bindingBlocks } from './bindingsSection';
import { providerBlocks } from './providersSection';
import { metadataBlocks } from './metadataSection';
import { measuredBlocks } from './measuredSection';
import { recycleRatio } from '../../doc/derived/recycleRatio';
import { sensitivitySection } from './sensitivitySection';
import { roundSig } from '../charts/format';
import { durationText } from './scenarioYaml';

export const DEFAULT_CHART_WIDTH = 880;
export const DEFAULT_CHART_HEIGHT = 320;

/** Shell-quote a path for the reproduce command (POSIX sh). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function runCharts(doc: RunDocument, view: SeriesView, ctx: ReportContext, idPrefix = ''): ReportChart[] {
  const base: ChartOptions = { theme: ctx.theme ?? 'light', animation: false, dataZoom: false, events: selectChartEvents(doc.events) };
  const size = { width: ctx.chartWidth ?? DEFAULT_CHART_WIDTH, height: ctx.chartHeight ?? DEFAULT_CHART_HEIGHT };
  const charts: ReportChart[] = [
    {
      id: `${idPrefix}chart-throughput`,
      caption: `Throughput received${doc.nics.length > 1 ? ' per NIC' : ` on ${doc.nics[0]?.name ?? ''}`}: Gbit/s (left), Mpps received and dropped by reason (right)`,
      option: buildThroughputOption({ ...base, view }),
      ...size,
    },
  ];
  for (const nic of doc.nics) {
    const pools = doc.pools.filter((p) => p.nic === nic.name).map((p) => p.id);
    if (pools.length === 0) continue;
    charts.push({
      id: `${idPrefix}chart-recycle-${nic.name}`,
      caption: `page_pool recycling on ${nic.name} (${pools.length} pool${pools.length === 1 ? '' : 's'} summed): buffers per second returned to the pool (stacked: recycle_cached, recycle_ring, released = recycle_ring_full + recycle_released_refcnt) and allocated (alloc_*), recycle ratio (right)`,
      option: buildRecycleOption({ ...base, view, pools }),
      ...size,
    });
  }
  charts.push({
    id: `${idPrefix}chart-memory`,
    caption: 'Memory pressure: free memory per NUMA node against its min/low/high watermarks (MiB)',
    option: buildMemoryOption({ ...base, view, watermarks: doc.memory, page_bytes: doc.scenario.host.page_size }),
    ...size,
  });
  const buffers = buildBuffersOption({ ...base, view });
  if (buffers) {
    charts.push({
      id: `${idPrefix}chart-buffers`,
      caption: `Buffers in use: page_pool pages in flight, pfmemalloc allocations and allocation failures per sample${doc.bindings.length > 0 ? ', dma-buf net_iovs by state' : ''}${(doc.providers ?? []).some((p) => p.kind !== 'dmabuf') ? ", memory-provider net_iovs free / in page_pools / held by the user with the provider's own gauges (zcrx: refill queue, CQEs pending, -ENOSPC per sample)" : ''} (counts)`,
      option: buffers,
      ...size,
    });
  }
  if (hasDevmemColumns(view)) {
    charts.push({
      id: `${idPrefix}chart-devmem`,
      caption:
        'devmem dma-buf: net_iovs in use by where they are (stacked, left), tokens outstanding, and net_iovs free in the genpool (right)',
      option: buildDevmemOption({ ...base, view }),
      ...size,
    });
  }
  return charts;
}

export function runRepro(doc: RunDocument, ctx: ReportContext): ReproInfo {
  const file = ctx.scenarioPath ? shellQuote(ctx.scenarioPath) : 'scenario.yaml';
  const notes = [
    `Same scenario and seed give a byte-identical run document outside "meta" (the engine is deterministic; wall-clock figures live only in meta).`,
  ];
  if (!ctx.scenarioPath) notes.push('Save the YAML of the appendix as scenario.yaml first.');
  notes.push(
    `Measured wall time ${roundSig(doc.meta.wall_ms)} ms on ${doc.meta.node || 'an unnamed host'} (${roundSig(doc.meta.realtime_factor)}× real time); these depend on the machine, the results above do not.`,
  );
  return {
    version: doc.tool.version,
    document_format: RUN_FORMAT,
    seeds: [doc.seed],
    commands: [
      `npm run cli -- run ${file} --seed ${doc.seed} --json run.json`,
      `npm run cli -- report run.json --format html --out report.html`,
    ],
    notes,
  };
}

export function buildRunReport(doc: RunDocument, ctx: ReportContext): ReportModel {
  if (doc.format !== RUN_FORMAT) throw new Error(`not a run document: format is ${JSON.stringify(doc.format)}, expected ${RUN_FORMAT}`);
  const view = seriesViewFromSeries(doc.series, doc.sample_ns);
  const charts = runCharts(doc, view, ctx);
  const totals = sumStats(doc.pools);
  const ratio = doc.pools.length > 0 ? recycleRatio(totals) : null;

  const results: ReportBlock[] = [{ kind: 'table', table: nicResultsTable(doc) }];
  results.push(...cyclesByStageBlocks(doc, ctx, ctx.chartWidth ?? DEFAULT_CHART_WIDTH));
  const drops = dropsTable(doc);
  if (drops) results.push({ kind: 'table', table: drops });
  const perQueue = queueUtilisationTable(doc);
  if (perQueue) results.push({ kind: 'table', table: perQueue });
  results.push({ kind: 'table', table: memoryTable(doc) });

  const marked = markedEventsTable(doc.events);
  const sections: ReportSection[] = [
    {
      id: 'scenario',
      title: 'Scenario, host and NICs',
      blocks: [
        { kind: 'table', table: scenarioSummaryTable(doc.scenario) },
        { kind: 'table', table: nicConfigTable(doc.scenario) },
      ],
    },
    { id: 'results', title: 'Key results', blocks: results },
    {
      id: 'charts',
      title: 'Charts',
      blocks: [
        ...charts.map((chart): ReportBlock => ({ kind: 'chart', chart })),
        ...(marked ? [{ kind: 'table' as const, table: marked }] : []),
      ],
    },
    { id: 'page-pool', title: 'page_pool', blocks: pagePoolBlocks(doc) },
    { id: 'metadata', title: 'Per-buffer metadata', blocks: metadataBlocks(doc) },
  ];
  const measured = measuredBlocks(doc, ctx);
  if (measured.length > 0) sections.push({ id: 'measured', title: 'Measured beside the model', blocks: measured });
  const devmem = bindingBlocks(doc);
  if (devmem.length > 0) sections.push({ id: 'devmem', title: 'devmem TCP', blocks: devmem });
  const providers = providerBlocks(doc);
  if (providers.length > 0) sections.push({ id: 'providers', title: 'Memory providers', blocks: providers });
  if (doc.sensitivity) sections.push(sensitivitySection(doc.sensitivity));
  sections.push({ id: 'events', title: 'Warnings and events', blocks: eventBlocks(doc.events) });

  const appendix: ReportSection[] = [yamlAppendix(doc.scenario, ctx.scenarioYaml, ctx.scenarioPath)];
  if (doc.pools.length > 0)
    appendix.push({
      id: 'appendix-counters',
      title: 'All page_pool counters',
      blocks: allCountersTables(doc.pools).map((table): ReportBlock => ({ kind: 'table', table })),
    });

  const warnCount = doc.events.filter((e) => e.level !== 'info').length;
  return {
    kind: 'run',
    title: doc.meta.unsaved ? `${doc.scenario.name} (unsaved editor text)` : doc.scenario.name,
    subtitle: `netmem-workbench run report · ${durationText(doc.duration_ns)} simulated · seed ${doc.seed}`,
    generated_at: ctx.generatedAt,
    theme: ctx.theme ?? 'light',
    tool: doc.tool,
    headline: [
      ...doc.nics.map((n) => ({
        label: n.name,
        value: `${roundSig(n.rx.gbps)} Gbit/s, ${roundSig(n.rx.mpps)} Mpps (${roundSig(n.rx.line_rate_share * 100, 3)} % of line rate)`,
      })),
      ...(ratio !== null ? [{ label: 'recycle ratio', value: `${roundSig(ratio * 100)} %` }] : []),
      { label: 'warnings', value: String(warnCount) },
      { label: 'run started', value: doc.meta.started_at || '—' },
    ],
    sections,
    appendix,
    repro: runRepro(doc, ctx),
  };
}
