// Where the host gets the report exporters (electron/host/report/). Electron passes
// its printToPDF-based converter; the web host uses the default (headless Chromium).
import type { ReportExporter } from './workbenchService';
import { makeReportExporter } from './report/exporter';

export function hostReportDeps(pdf?: (html: string) => Promise<Uint8Array>): { exportReport: ReportExporter } {
  return { exportReport: makeReportExporter(pdf ? { pdf } : {}) };
}
