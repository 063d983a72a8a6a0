// Cycles per packet by stage (NicResult.cycles_by_stage; over a time range, the sums of the stage
// series columns): the stacked bar and its numbers, for the run view and the run report. Absent
// from documents that do not record the split.
import type { RunDocument } from '../../doc/runDocument';
import { CYCLE_STAGES } from '../../doc/runDocument';
import {
  buildCyclesByStageOption,
  CYCLE_STAGE_LABELS,
  stageBar,
  stageBars,
  stageChartHeight,
  type StageBar,
} from '../charts/cyclesByStage';
import type { RangeFigures } from './rangeFigures';
import type { ReportBlock, ReportTable, ReportContext } from './types';
import { code, quantity } from './cells';

const WHOLE_RUN_NOTE =
  "Each stage's cycles charged over the run divided by the packets the NIC received; NICs that received nothing are left out.";

/**
 * The table of bars (over the whole run: stageBars(doc.nics)); `over` names the time range and
 * `note` says how the figures were taken when they are not the whole run's.
 */
export function cyclesByStageTable(bars: readonly StageBar[], over?: { text: string; note: string }): ReportTable | null {
  if (bars.length === 0) return null;
  return {
    id: 'cycles-by-stage',
    caption: `Cycles per received packet by stage${over ? ` over ${over.text}` : ''}`,
    compact: true,
    columns: [
      { label: 'NIC' },
      ...CYCLE_STAGES.map((s) => ({ label: CYCLE_STAGE_LABELS[s], align: 'right' as const })),
      { label: 'all stages', align: 'right' },
    ],
    rows: bars.map((b) => [
      code(b.nic),
      ...CYCLE_STAGES.map((s) => quantity(b.perPacket[s], '', `nic/${b.nic}/cycles_by_stage/${s}`)),
      quantity(b.total, '', `nic/${b.nic}/cycles_by_stage/total`),
    ]),
    note: over ? over.note : WHOLE_RUN_NOTE,
  };
}

/** The chart and table blocks of the run report (none when the document has no split). */
export function cyclesByStageBlocks(doc: RunDocument, ctx: ReportContext, width: number): ReportBlock[] {
  const bars = stageBars(doc.nics);
  const table = cyclesByStageTable(bars);
  const option = buildCyclesByStageOption({ bars, theme: ctx.theme ?? 'light', animation: false });
  if (!table || !option) return [];
  return [
    {
      kind: 'chart',
      chart: {
        id: 'chart-cycles-by-stage',
        caption: 'Cycles per received packet by stage',
        option,
        width,
        height: stageChartHeight(table.rows.length),
      },
    },
    { kind: 'table', table },
  ];
}

/** The bars over a range: the sums of the stage columns over it ÷ the packets received in it. */
export function rangeStageBars(f: RangeFigures): StageBar[] {
  return f.nics.map((n) => stageBar(n.name, n.packets, n.cycles_by_stage)).filter((b): b is StageBar => b !== null);
}
