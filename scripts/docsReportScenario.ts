// The shipped scenario whose report is the example under docs/ (and the PDF test's input).
// The reference devmem scenario when its driver model runs; see scripts/build-docs-report.ts.
export const SHIPPED_REPORT_SCENARIO = 'scenarios/reference/gve-devmem-200g.yaml';
