// Cycles per packet by stage: one horizontal bar per NIC, stacked by stage (CYCLE_STAGES order),
// each segment the stage's charged cycles divided by the packets the NIC received, over the run
// (NicResult.cycles_by_stage) or over a time range (the sums of its stage series columns).
// Run view and run report.
import type { BarSeriesOption, EChartsOption } from 'echarts';
import { CYCLE_STAGES, type CycleStage, type NicResult } from '../../doc/runDocument';
import { CHART_FONT, themeColors, type ChartOptions } from './common';
import { roundSig } from './format';

export const CYCLE_STAGE_LABELS: Record<CycleStage, string> = {
  irq_napi: 'IRQ + NAPI',
  alloc: 'page_pool alloc',
  dma: 'DMA map/sync/IOTLB',
  driver: 'driver',
  gro: 'GRO',
  copy: 'copy',
  socket: 'socket / app read',
  recycle: 'recycle (put/free)',
};

/** Distinct in light and dark themes; one per stage. */
const STAGE_COLORS: Record<CycleStage, string> = {
  irq_napi: '#8c6bb1',
  alloc: '#2b8cbe',
  dma: '#e6550d',
  driver: '#31a354',
  gro: '#d6616b',
  copy: '#fdae6b',
  socket: '#17becf',
  recycle: '#969696',
};

export interface StageBar {
  nic: string;
  packets: number;
  /** cycles per received packet of each stage */
  perPacket: Record<CycleStage, number>;
  total: number;
}

/** A NIC's bar from its cycles by stage and the packets it received over the same time; null without either. */
export function stageBar(nic: string, packets: number, cycles: Readonly<Record<CycleStage, number>> | null | undefined): StageBar | null {
  if (!cycles || packets <= 0) return null;
  const perPacket = Object.fromEntries(CYCLE_STAGES.map((s) => [s, cycles[s] / packets])) as Record<CycleStage, number>;
  return { nic, packets, perPacket, total: CYCLE_STAGES.reduce((a, s) => a + perPacket[s], 0) };
}

/** The NICs that received packets and whose document records the split, over the whole run. */
export function stageBars(nics: readonly NicResult[]): StageBar[] {
  return nics.map((n) => stageBar(n.name, n.rx.packets, n.cycles_by_stage)).filter((b): b is StageBar => b !== null);
}

/** The chart in words (its accessible name). */
export function stageDescription(bars: readonly StageBar[]): string {
  return (
    'Cycles per received packet by stage: ' +
    bars
      .map(
        (b) =>
          `${b.nic} ${roundSig(b.total, 4)} in all (` +
          CYCLE_STAGES.map((s) => `${CYCLE_STAGE_LABELS[s]} ${roundSig(b.perPacket[s], 4)}`).join(', ') +
          ')',
      )
      .join('; ') +
    '.'
  );
}

/** Height that gives every NIC a bar and the legend its rows. */
export function stageChartHeight(bars: number): number {
  return 110 + 34 * bars;
}

/** null without bars (no NIC received packets, or the document does not record the split). */
export function buildCyclesByStageOption(input: ChartOptions & { bars: readonly StageBar[] }): EChartsOption | null {
  const bars = input.bars;
  if (bars.length === 0) return null;
  const c = themeColors(input);
  const series: BarSeriesOption[] = CYCLE_STAGES.map((s) => ({
    type: 'bar',
    name: CYCLE_STAGE_LABELS[s],
    stack: 'cycles',
    barMaxWidth: 26,
    itemStyle: { color: STAGE_COLORS[s] },
    data: bars.map((b) => b.perPacket[s]),
    tooltip: { valueFormatter: (v) => `${roundSig(Number(v), 4)} cycles/packet` },
  }));
  return {
    animation: input.animation ?? true,
    backgroundColor: c.background,
    textStyle: { color: c.text, fontFamily: CHART_FONT },
    title: input.title ? { text: input.title, left: 'center', textStyle: { color: c.text, fontSize: 14 } } : undefined,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: c.background,
      borderColor: c.axis,
      textStyle: { color: c.text },
    },
    legend: { type: 'plain', bottom: 4, left: 8, right: 8, itemGap: 12, textStyle: { color: c.text } },
    grid: { left: 8, right: 24, top: 12, bottom: 64, containLabel: true },
    xAxis: {
      type: 'value',
      name: 'cycles per received packet',
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: c.subtle },
      axisLabel: { color: c.subtle, formatter: (v: number) => roundSig(v, 4) },
      splitLine: { lineStyle: { color: c.split } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.nic),
      axisLabel: { color: c.text },
      axisLine: { lineStyle: { color: c.axis } },
    },
    series,
    aria: { enabled: true, label: { enabled: true, description: stageDescription(bars) } },
  };
}
