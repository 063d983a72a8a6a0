// Where the host gets the report exporters (engineer G, electron/host/report/). Electron passes
// its printToPDF-based converter; the web host uses G's default (headless Chromium).
import type { ReportExporter } from './workbenchService';
import { makeReportExporter } from './report/exporter';

export function hostReportDeps(pdf?: (html: string) => Promise<Uint8Array>): { exportReport: ReportExporter } {
  return { exportReport: makeReportExporter(pdf ? { pdf } : {}) };
}
