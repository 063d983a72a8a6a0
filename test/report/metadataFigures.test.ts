// One metadata figure per NIC and variant wherever it is shown: the compare report's metric
// table and its conversion table (the compare view renders the same blocks), the run report
// (and the run view, which renders its blocks) and the CLI summary.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCompare } from '../../shared/sim/compare/plan';
import { buildCompareDocument } from '../../shared/sim/compare/buildDocument';
import { runScenario } from '../../shared/sim/engine/run';
import { buildCompareReport } from '../../shared/report/model/compareReport';
import { buildRunReport } from '../../shared/report/model/runReport';
import type { ReportCell, ReportModel } from '../../shared/report/model/types';
import { METADATA_LAYOUTS } from '../../shared/doc/runDocument';
import { formatRunSummary } from '../../electron/cli/summary';
import { formatBytes } from '../../shared/doc/units';
import { parseOrThrow } from './fixtures';

/** key → value of every keyed table cell in the report. */
function keyedValues(model: ReportModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of [...model.sections, ...model.appendix]) {
    for (const b of s.blocks) {
      if (b.kind !== 'table') continue;
      for (const row of b.table.rows)
        for (const c of row as ReportCell[]) if (c.key && typeof c.value === 'number') out.set(c.key, c.value);
    }
  }
  return out;
}

const CTX = { generatedAt: '2026-01-01T00:00:00.000Z' };

describe('metadata figures agree across views', () => {
  it("compare: the conversion table shows the compare table's mean over repeats, not one repeat", () => {
    const yaml = readFileSync(path.resolve(__dirname, '../../scenarios/compare/gve-page-vs-netmem.yaml'), 'utf8');
    const { scenario, doc } = parseOrThrow(yaml);
    const plan = planCompare(doc, scenario, 3);
    const cmp = buildCompareDocument(
      plan,
      plan.runs.map((r) => runScenario(r.scenario)),
      { wall_ms: 0, workers: 1, started_at: CTX.generatedAt },
      'test',
    );
    const values = keyedValues(buildCompareReport(cmp, CTX));
    for (let p = 0; p < cmp.points.length; p++) {
      const perRepeat = cmp.runs[p].map((r) => r.nics[0].metadata?.bytes.struct_page ?? NaN);
      // the repeats differ, so showing one of them would disagree with the mean
      expect(new Set(perRepeat).size).toBeGreaterThan(1);
      for (const l of METADATA_LAYOUTS) {
        const mean = values.get(`compare/nic/eth0/metadata/${l}_bytes/${p}/mean`);
        expect(mean).toBeDefined();
        expect(values.get(`conversion/${p}/eth0/metadata/${l}`)).toBe(mean);
      }
      expect(values.get(`compare/nic/eth0/metadata/struct_page_bytes/${p}/mean`)).toBe(
        perRepeat.reduce((a, b) => a + b, 0) / perRepeat.length,
      );
    }
  }, 120_000);

  it("run: the report (and run view) and the CLI summary show the document's bytes", () => {
    const yaml = readFileSync(path.resolve(__dirname, '../../scenarios/reference/gve-devmem-200g.yaml'), 'utf8');
    const run = runScenario({ ...parseOrThrow(yaml).scenario, duration: 5_000_000 });
    const m = run.nics[0].metadata;
    expect(m?.bytes.struct_page).toBeGreaterThan(0);
    const values = keyedValues(buildRunReport(run, CTX));
    const summary = formatRunSummary(run);
    for (const l of METADATA_LAYOUTS) {
      expect(values.get(`nic/eth0/metadata/${l}_bytes`)).toBe(m?.bytes[l]);
      expect(summary).toContain(formatBytes(m?.bytes[l] ?? NaN));
    }
    for (const p of run.pools) expect(values.get(`pool/${p.id}/metadata/struct_page_bytes`)).toBe(p.metadata?.bytes.struct_page);
  }, 120_000);
});
