// Where the host gets the two pieces other engineers build: the report exporters (engineer G,
// electron/host/report/) and the compare document builder (engineer D). One place to wire them.
import type { ReportExporter } from './workbenchService';
import type { CompareDocumentBuilder } from './compareService';
import { apiError } from './apiError';

export function hostReportDeps(): { exportReport: ReportExporter; buildCompare: CompareDocumentBuilder } {
  return {
    exportReport: async () => { throw apiError('ENOTSUP', 'report export is not wired in this build'); },
    buildCompare: () => { throw apiError('ENOTSUP', 'compare document builder is not wired in this build'); },
  };
}
