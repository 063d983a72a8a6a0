// Report model: RunDocument / CompareDocument → ReportModel (format-independent).
export * from './types';
export { buildRunReport, runCharts, shellQuote } from './runReport';
export { buildCompareReport } from './compareReport';
export { recycleRatio, RECYCLE_RATIO_DEFINITION } from '../../doc/derived/recycleRatio';
export { scenarioToYaml } from './scenarioYaml';
