// Where the host gets the report exporters (engineer G, electron/host/report/). One place to wire them.
import type { ReportExporter } from './workbenchService';
import { apiError } from './apiError';

export function hostReportDeps(): { exportReport: ReportExporter } {
  return {
    exportReport: async () => { throw apiError('ENOTSUP', 'report export is not wired in this build'); },
  };
}
