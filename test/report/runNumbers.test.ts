// The run view's figures: built from the report tables, keyed, every value the run document's.
import { describe, expect, it } from 'vitest';
import { pressureRun } from './fixtures';
import { dropLegend, runNumbers, CYCLES_BY_STAGE_NOTE } from '../../shared/report/model/runNumbers';
import type { ReportBlock, ReportCell } from '../../shared/report/model/types';
import { buildRunReport } from '../../shared/report/model/runReport';

function cells(blocks: ReportBlock[]): ReportCell[] {
  return blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : []));
}
const byKey = (blocks: ReportBlock[], key: string) => cells(blocks).find((c) => c.key === key);

describe('run numbers', () => {
  const doc = pressureRun();
  const groups = runNumbers(doc);
  const nic = doc.nics[0];

  it("per NIC: rate, share of line, cycles per packet and drops are the document's", () => {
    const g = groups.find((x) => x.id === 'nics')!;
    expect(byKey(g.blocks, `nic/${nic.name}/gbps`)?.value).toBe(nic.rx.gbps);
    expect(byKey(g.blocks, `nic/${nic.name}/mpps`)?.value).toBe(nic.rx.mpps);
    expect(byKey(g.blocks, `nic/${nic.name}/line_rate_share`)?.value).toBe(nic.rx.line_rate_share);
    expect(byKey(g.blocks, `nic/${nic.name}/cycles_per_packet`)?.value).toBe(nic.cpu.cycles_per_packet);
    for (const [reason, v] of Object.entries(nic.rx.drops)) expect(byKey(g.blocks, `nic/${nic.name}/drop/${reason}`)?.value).toBe(v);
    // the engine records cycles by stage: the table, not the note that it is missing
    expect(byKey(g.blocks, `nic/${nic.name}/cycles_by_stage/total`)?.value).toBeGreaterThan(0);
    expect(g.blocks.some((b) => b.kind === 'text' && b.text === CYCLES_BY_STAGE_NOTE)).toBe(false);
  });

  it('one legend line per drop reason, described when the model knows it', () => {
    const legend = dropLegend(doc);
    const reasons = Object.keys(nic.rx.drops).sort();
    expect(reasons.length).toBeGreaterThan(0);
    expect(legend?.kind).toBe('definitions');
    if (legend?.kind !== 'definitions') return;
    expect(legend.items.map((i) => i.term)).toEqual(reasons);
    const missed = legend.items.find((i) => i.term === 'rx_missed');
    if (missed) expect(missed.text).toMatch(/ring ran dry/);
  });

  it('per pool: the 11 counters under both names and the in-flight places', () => {
    const g = groups.find((x) => x.id === 'pools')!;
    const p = doc.pools[0];
    const text = cells(g.blocks).map((c) => c.text);
    expect(text).toContain('alloc-fast');
    expect(text).toContain('rx_pp_alloc_fast');
    expect(byKey(g.blocks, `pool/${p.id}/alloc_fast`)?.value).toBe(p.stats.alloc_fast);
    expect(byKey(g.blocks, `pool/${p.id}/where/nic_ring`)?.value).toBe(p.accounting.nic_ring);
  });

  it('no binding group without a dma-buf binding', () => {
    expect(doc.bindings).toHaveLength(0);
    expect(groups.map((g) => g.id)).toEqual(['nics', 'pools']);
  });
});

describe('a run of unsaved editor text', () => {
  it('says so in the report title', () => {
    const doc = pressureRun();
    const ctx = { generatedAt: '2026-01-01T00:00:00.000Z' };
    expect(buildRunReport(doc, ctx).title).toBe(doc.scenario.name);
    const unsaved = { ...doc, meta: { ...doc.meta, unsaved: true } };
    expect(buildRunReport(unsaved, ctx).title).toBe(`${doc.scenario.name} (unsaved editor text)`);
  });
});
