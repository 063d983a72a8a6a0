// The PDF of a wide compare (the shipped 8-point dma-buf size sweep: 17 columns per table): no
// column is cut off. Checked on the PDF's own text (pdftotext): the last column's header and the
// last point's figures are on the pages, and every page rasterises (pdftoppm).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import { planCompare } from '../../shared/sim/compare/plan';
import { buildCompareDocument } from '../../shared/sim/compare/buildDocument';
import { renderReport } from '../../electron/host/report/exporter';
import { roundSig } from '../../shared/report/charts/format';
import { chromiumPath, hasPdftoppm, REQUIRE_TOOLS } from './fixtures';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const ready = !!chromiumPath() && hasPdftoppm() && hasPdftotext();

describe('PDF of a wide compare', () => {
  it.skipIf(!ready && !REQUIRE_TOOLS)(
    'keeps every column of the side-by-side tables on the page',
    async () => {
      const yaml = readFileSync('scenarios/compare/devmem-dmabuf-size-200g.yaml', 'utf8');
      const parsed = parseScenario(yaml);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const short = { ...(parsed.doc as Record<string, unknown>), duration: '1ms', sample: '250us' };
      const plan = planCompare(short, parsed.scenario, 1);
      const docs = plan.runs.map((r) => runScenario(r.scenario, { startedAt: '2026-01-01T00:00:00.000Z', nodeName: 'test' }));
      const doc = buildCompareDocument(plan, docs, { wall_ms: 0, workers: 1, started_at: '2026-01-01T00:00:00.000Z' }, '0.0.0-test');
      expect(doc.points.length).toBe(8);
      const pdf = (await renderReport(doc, 'pdf', { generatedAt: '2026-01-01T00:00:00Z', scenarioYaml: yaml })) as Uint8Array;
      const dir = mkdtempSync(path.join(os.tmpdir(), 'netmem-widepdf-'));
      try {
        const file = path.join(dir, 'compare.pdf');
        writeFileSync(file, pdf);
        // -raw: text in content order, so a header split over lines by wrapping still reads in order
        const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        // The last column of the throughput table: Δ of point 7, and point 7's own header.
        // (whitespace removed: a header wrapped inside its cell still reads in order)
        expect(text).toContain('Δ7vs0');
        expect(text).toContain('7:nics[0].provider.size=48MiB');
        // The last cell of the first row (point 7's Δ of RX Gbit/s) is printed.
        const row = doc.table.find((r) => r.metric.key === 'nic/eth0/gbps')!;
        const last = row.cells[7].delta!;
        expect(last.rel).not.toBeNull();
        const abs = `${last.abs > 0 ? '+' : ''}${roundSig(last.abs)}(${last.rel! >= 0 ? '+' : ''}${roundSig(last.rel! * 100, 3)}%)`;
        expect(text).toContain(abs);
        execFileSync('pdftoppm', ['-r', '20', file, path.join(dir, 'page')]);
        if (process.env.KEEP_PDF) execFileSync('cp', [file, process.env.KEEP_PDF]);
        const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
        expect(readdirSync(dir).filter((f) => f.endsWith('.ppm')).length).toBe(pages);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
