// Cycles per packet by stage: drawn from NicResult.cycles_by_stage when the document has it (a
// stacked bar per NIC, its numbers in a table), and said to be missing when it has not.
import { describe, expect, it } from 'vitest';
import { pressureRun } from './fixtures';
import { CYCLE_STAGES, type CycleStage, type RunDocument } from '../../shared/doc/runDocument';
import { buildCyclesByStageOption, CYCLE_STAGE_LABELS, stageBars } from '../../shared/report/charts/cyclesByStage';
import { cyclesByStageTable } from '../../shared/report/model/cyclesSection';
import { CYCLES_BY_STAGE_NOTE, runNumbers } from '../../shared/report/model/runNumbers';
import { buildRunReport } from '../../shared/report/model/runReport';
import { renderReport } from '../../electron/host/report/exporter';

/** The pressure run as an engine that does not record the split wrote it. */
function withoutStages(): RunDocument {
  const doc = structuredClone(pressureRun());
  for (const n of doc.nics) delete n.cycles_by_stage;
  return doc;
}

/** The pressure run with a split of its NAPI cycles: stage i gets (i + 1) parts of 36. */
function withStages(): RunDocument {
  const doc = structuredClone(pressureRun());
  const n = doc.nics[0];
  const total = n.cpu.cycles_per_packet * n.rx.packets;
  n.cycles_by_stage = Object.fromEntries(CYCLE_STAGES.map((s, i) => [s, (total * (i + 1)) / 36])) as Record<CycleStage, number>;
  return doc;
}

describe('cycles per packet by stage', () => {
  const doc = withStages();
  const n = doc.nics[0];
  const split = n.cycles_by_stage!;

  it("one stacked bar per NIC, a segment per stage in order, each the stage's cycles per packet", () => {
    const o = buildCyclesByStageOption({ bars: stageBars(doc.nics), theme: 'light', animation: false })!;
    const series = o.series as { name: string; stack: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(CYCLE_STAGES.map((s) => CYCLE_STAGE_LABELS[s]));
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    CYCLE_STAGES.forEach((s, i) => expect(series[i].data).toEqual([split[s] / n.rx.packets]));
    expect((o.yAxis as { data: string[] }).data).toEqual([n.name]);
    const bar = stageBars(doc.nics)[0];
    expect(bar.total).toBeCloseTo(n.cpu.cycles_per_packet, 6);
    expect((o.aria as { label: { description: string } }).label.description).toContain(`${n.name} `);
  });

  it('a NIC that received nothing has no bar; a document without the split has no chart', () => {
    const idle = structuredClone(doc);
    idle.nics[0].rx.packets = 0;
    expect(stageBars(idle.nics)).toEqual([]);
    expect(buildCyclesByStageOption({ bars: stageBars(withoutStages().nics) })).toBeNull();
    expect(cyclesByStageTable(stageBars(withoutStages().nics))).toBeNull();
  });

  it("the run view's numbers carry each stage under its key instead of the note", () => {
    const blocks = runNumbers(doc).find((g) => g.id === 'nics')!.blocks;
    const cells = blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : []));
    for (const s of CYCLE_STAGES)
      expect(cells.find((c) => c.key === `nic/${n.name}/cycles_by_stage/${s}`)?.value).toBe(split[s] / n.rx.packets);
    expect(blocks.some((b) => b.kind === 'text' && b.text === CYCLES_BY_STAGE_NOTE)).toBe(false);
    const without = runNumbers(withoutStages()).find((g) => g.id === 'nics')!.blocks;
    expect(without.some((b) => b.kind === 'text' && b.text === CYCLES_BY_STAGE_NOTE)).toBe(true);
  });

  it('the run report draws the bar in its key results', async () => {
    const model = buildRunReport(doc, { generatedAt: '2026-01-01T00:00:00Z' });
    const results = model.sections.find((s) => s.id === 'results')!;
    expect(results.blocks.some((b) => b.kind === 'chart' && b.chart.id === 'chart-cycles-by-stage')).toBe(true);
    const html = (await renderReport(doc, 'html', { generatedAt: '2026-01-01T00:00:00Z' })) as string;
    expect(html).toContain('Cycles per received packet by stage');
    expect(html).toContain(CYCLE_STAGE_LABELS.dma);
  });
});
