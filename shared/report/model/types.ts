// The structured report: what a run or compare report says, independent of the output format.
// The HTML writer renders it (charts as SVG), the app could show it; CSV/JSON export the data.
import type { EChartsOption } from 'echarts';
import type { MeasuredDocument } from '../../doc/measuredDocument';

export type CellTone = 'better' | 'worse' | 'changed' | 'warn' | 'muted';

export interface ReportCell {
  text: string;
  /** the exact number behind `text` (tests compare it to the JSON document) */
  value?: number;
  /** stable key of the figure, e.g. `nic/eth0/gbps`, `pool/3/alloc_fast` */
  key?: string;
  tone?: CellTone;
  /** monospace (counter names, paths) */
  code?: boolean;
  title?: string;
}

export interface ReportColumn {
  label: string;
  align?: 'left' | 'right';
  /** monospace header (counter names) */
  code?: boolean;
}

export interface ReportTable {
  id: string;
  caption: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  note?: string;
  /** small print for wide tables */
  compact?: boolean;
  /**
   * too wide for a portrait page however small the print (a compare of many points): printed on
   * landscape pages with wrapping cells, so no column is cut off
   */
  landscape?: boolean;
}

export interface ReportChart {
  id: string;
  caption: string;
  option: EChartsOption;
  width: number;
  height: number;
}

export type ReportBlock =
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ReportChart }
  | { kind: 'text'; text: string; tone?: 'note' | 'warn' }
  | { kind: 'definitions'; items: { term: string; text: string }[] }
  | { kind: 'code'; text: string; language?: string };

export interface ReportSection {
  id: string;
  title: string;
  blocks: ReportBlock[];
  /** start on a new printed page */
  pageBreakBefore?: boolean;
}

export interface ReproInfo {
  version: string;
  document_format: string;
  seeds: number[];
  /** shell commands that reproduce the result, in order */
  commands: string[];
  notes: string[];
}

export interface ReportModel {
  kind: 'run' | 'compare';
  title: string;
  subtitle: string;
  /** ISO date the report was generated (passed in by the host: shared code reads no clock) */
  generated_at: string;
  tool: { name: string; version: string };
  /** key facts shown under the title */
  headline: { label: string; value: string }[];
  sections: ReportSection[];
  appendix: ReportSection[];
  repro: ReproInfo;
  /** page colours; the charts were built with the same theme */
  theme?: 'light' | 'dark';
}

/** What the host knows beyond the document itself. */
export interface ReportContext {
  /** ISO timestamp of generation */
  generatedAt: string;
  /** the scenario file as the user wrote it, when the host has it */
  scenarioYaml?: string;
  /** path of the scenario file as the user would type it (relative to the repo when possible) */
  scenarioPath?: string;
  theme?: 'light' | 'dark';
  /** real measurements to set beside the model (a "Measured beside the model" section) */
  measured?: MeasuredDocument;
  /** chart size in CSS pixels; default 880 × 340 */
  chartWidth?: number;
  chartHeight?: number;
}
