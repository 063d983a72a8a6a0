// Cycles per packet by stage (NicResult.cycles_by_stage): the stacked bar and its numbers, for the
// run view and the run report. Absent from documents that do not record the split.
import type { RunDocument } from '../../doc/runDocument';
import { CYCLE_STAGES } from '../../doc/runDocument';
import { buildCyclesByStageOption, CYCLE_STAGE_LABELS, stageBars, stageChartHeight } from '../charts/cyclesByStage';
import type { ReportBlock, ReportTable, ReportContext } from './types';
import { code, quantity } from './cells';

export function cyclesByStageTable(doc: RunDocument): ReportTable | null {
  const bars = stageBars(doc.nics);
  if (bars.length === 0) return null;
  return {
    id: 'cycles-by-stage', caption: 'Cycles per received packet by stage', compact: true,
    columns: [{ label: 'NIC' }, ...CYCLE_STAGES.map((s) => ({ label: CYCLE_STAGE_LABELS[s], align: 'right' as const })), { label: 'all stages', align: 'right' }],
    rows: bars.map((b) => [
      code(b.nic),
      ...CYCLE_STAGES.map((s) => quantity(b.perPacket[s], '', `nic/${b.nic}/cycles_by_stage/${s}`)),
      quantity(b.total, '', `nic/${b.nic}/cycles_by_stage/total`),
    ]),
    note: 'Each stage\'s cycles charged over the run divided by the packets the NIC received; NICs that received nothing are left out.',
  };
}

/** The chart and table blocks of the run report (none when the document has no split). */
export function cyclesByStageBlocks(doc: RunDocument, ctx: ReportContext, width: number): ReportBlock[] {
  const table = cyclesByStageTable(doc);
  const option = buildCyclesByStageOption({ nics: doc.nics, theme: ctx.theme ?? 'light', animation: false });
  if (!table || !option) return [];
  return [
    { kind: 'chart', chart: { id: 'chart-cycles-by-stage', caption: 'Cycles per received packet by stage', option, width, height: stageChartHeight(table.rows.length) } },
    { kind: 'table', table },
  ];
}
