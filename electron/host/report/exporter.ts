// The report exporter: a run or compare document → HTML, PDF, CSV, JSON, Prometheus text (prom) or
// Chrome trace-event JSON (trace), written atomically.
// Used by the CLI (`report` command), the Electron main process and the web host.
import { writeFileAtomic } from '../atomicWrite';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api';
import { RUN_FORMAT, type RunDocument } from '../../../shared/doc/runDocument';
import { COMPARE_FORMAT, type CompareDocument } from '../../../shared/doc/compareDocument';
import { buildCompareReport, buildRunReport, type ReportContext, type ReportModel } from '../../../shared/report/model';
import { renderReportHtml } from '../../../shared/report/html/renderHtml';
import { compareSeriesCsv, runSeriesCsv } from '../../../shared/report/csv';
import { renderChartSvg } from './svgCharts';
import { comparePrometheus, runPrometheus } from '../../../shared/report/export/prom';
import { compareTrace, runTrace } from '../../../shared/report/export/trace';
import type { MeasuredDocument } from '../../../shared/doc/measuredDocument';
import { htmlToPdfWithChromium } from './pdf';

export type ReportTarget = RunDocument | CompareDocument;
export { EXPORT_FORMATS };

export interface ExportOptions {
  /** ISO timestamp printed as the generation date; default now */
  generatedAt?: string;
  /** original scenario text for the appendix (else regenerated from the document) */
  scenarioYaml?: string;
  /** scenario path as the user would type it, for the reproduce command */
  scenarioPath?: string;
  theme?: 'light' | 'dark';
  /** real measurements shown beside the model (trace: a counter track per measured column) */
  measured?: MeasuredDocument;
  /** HTML → PDF; default headless Chromium (playwright-core). Electron passes printToPDF. */
  pdf?: (html: string) => Promise<Uint8Array>;
}

export function isRunDocument(d: unknown): d is RunDocument {
  return typeof d === 'object' && d !== null && (d as { format?: unknown }).format === RUN_FORMAT;
}
export function isCompareDocument(d: unknown): d is CompareDocument {
  return typeof d === 'object' && d !== null && (d as { format?: unknown }).format === COMPARE_FORMAT;
}

function contextOf(o: ExportOptions): ReportContext {
  return {
    generatedAt: o.generatedAt ?? new Date().toISOString(),
    scenarioYaml: o.scenarioYaml,
    scenarioPath: o.scenarioPath,
    theme: o.theme,
    measured: o.measured,
  };
}

export function buildReportModel(target: ReportTarget, o: ExportOptions = {}): ReportModel {
  assertTarget(target);
  return isRunDocument(target) ? buildRunReport(target, contextOf(o)) : buildCompareReport(target, contextOf(o));
}

/** The self-contained HTML report (charts as inline SVG). */
export function renderHtmlReport(target: ReportTarget, o: ExportOptions = {}): string {
  return renderReportHtml(buildReportModel(target, o), renderChartSvg);
}

function assertTarget(target: unknown): asserts target is ReportTarget {
  if (!isRunDocument(target) && !isCompareDocument(target)) {
    throw new Error(
      `not a run or compare document (format ${JSON.stringify((target as { format?: unknown } | null)?.format)}; expected ${RUN_FORMAT} or ${COMPARE_FORMAT})`,
    );
  }
}

type Renderer = (target: ReportTarget, o: ExportOptions) => string | Uint8Array | Promise<string | Uint8Array>;

/** One renderer per export format (EXPORT_FORMATS in shared/api.ts): a format without one does not compile. */
export const REPORT_RENDERERS: Readonly<Record<ExportFormat, Renderer>> = {
  html: (target, o) => renderHtmlReport(target, o),
  pdf: (target, o) => (o.pdf ?? ((html: string) => htmlToPdfWithChromium(html)))(renderHtmlReport(target, o)),
  csv: (target) => (isRunDocument(target) ? runSeriesCsv(target) : compareSeriesCsv(target)),
  json: (target) => `${JSON.stringify(target, null, 1)}\n`,
  prom: (target) => (isRunDocument(target) ? runPrometheus(target) : comparePrometheus(target)),
  trace: (target, o) => `${JSON.stringify(isRunDocument(target) ? runTrace(target, o.measured) : compareTrace(target))}\n`,
};

/** The bytes (or text) of a report in one format, without writing anything. */
export async function renderReport(target: ReportTarget, format: ExportFormat, o: ExportOptions = {}): Promise<string | Uint8Array> {
  assertTarget(target);
  if (!Object.hasOwn(REPORT_RENDERERS, format)) {
    throw new Error(`unknown report format ${JSON.stringify(format)}; expected one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return REPORT_RENDERERS[format](target, o);
}

/**
 * Render and write atomically: the file is either the complete report or untouched (a failed
 * render or write leaves no partial file). Throws WriteFileError with a clear reason on
 * EACCES / ENOSPC / ENOENT …, ChromiumNotFoundError for PDF without a browser.
 */
export async function exportReportFile(target: ReportTarget, format: ExportFormat, outPath: string, o: ExportOptions = {}): Promise<void> {
  const data = await renderReport(target, format, o);
  await writeFileAtomic(outPath, data);
}

/** The host's ReportExporter (workbenchService.ts) with fixed options (e.g. Electron's printToPDF). */
export function makeReportExporter(o: ExportOptions = {}): (target: ReportTarget, format: ExportFormat, outPath: string) => Promise<void> {
  return (target, format, outPath) => exportReportFile(target, format, outPath, o);
}
