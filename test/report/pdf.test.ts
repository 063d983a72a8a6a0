// The PDF of a shipped scenario, rendered by headless Chromium and rasterised with pdftoppm:
// the pages must be real, non-blank images, as many as the PDF says it has, and at least as many
// as the report's forced page breaks require; no page but the last is mostly empty, nothing is
// drawn in the right margin (a table cut off at the page edge) and every table's last column is
// printed.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import { buildReportModel, renderReport } from '../../electron/host/report/exporter';
import { chromiumPath, hasPdftoppm, REQUIRE_TOOLS } from './fixtures';
import { pageInk } from './pdfPages';

/** Least share of its height a page other than the last must be filled to. */
const MIN_PAGE_FILL = 0.4;
/** Right margin band checked for ink: 6 mm of the 210 mm page (the print margin is 11 mm). */
const RIGHT_BAND = 6 / 210;
import { SHIPPED_REPORT_SCENARIO } from '../../scripts/docsReportScenario';

/** Share of non-white pixels in a binary PPM (P6) image. */
function inkShare(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a P6 PPM');
  const w = Number(header[1]);
  const h = Number(header[2]);
  const data = ppm.subarray(header[0].length);
  let ink = 0;
  for (let i = 0; i + 2 < w * h * 3; i += 3) if (data[i] < 230 || data[i + 1] < 230 || data[i + 2] < 230) ink++;
  return ink / (w * h);
}

const ready = !!chromiumPath() && hasPdftoppm();

describe('PDF report', () => {
  it.skipIf(!ready && !REQUIRE_TOOLS)(
    `renders ${SHIPPED_REPORT_SCENARIO} to non-empty pages`,
    async () => {
      const yaml = readFileSync(SHIPPED_REPORT_SCENARIO, 'utf8');
      const parsed = parseScenario(yaml);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const doc = runScenario(parsed.scenario, { startedAt: '2026-01-01T00:00:00.000Z', nodeName: 'test' });
      const opts = { generatedAt: '2026-01-01T00:00:00Z', scenarioYaml: yaml, scenarioPath: SHIPPED_REPORT_SCENARIO };
      const pdf = (await renderReport(doc, 'pdf', opts)) as Uint8Array;
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

      const dir = mkdtempSync(path.join(os.tmpdir(), 'netmem-pdf-'));
      try {
        const file = path.join(dir, 'report.pdf');
        writeFileSync(file, pdf);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
        execFileSync('pdftoppm', ['-r', '30', file, path.join(dir, 'page')]);
        const images = readdirSync(dir)
          .filter((f) => f.endsWith('.ppm'))
          .sort();
        expect(images.length).toBe(pages);
        const model = buildReportModel(doc, opts);
        const breaks = [...model.sections, ...model.appendix].filter((s) => s.pageBreakBefore).length;
        expect(pages).toBeGreaterThanOrEqual(breaks + 1);
        for (const img of images) expect(inkShare(readFileSync(path.join(dir, img))), img).toBeGreaterThan(0.002);
        const ink = images.map((img) => ({ img, ...pageInk(path.join(dir, img), RIGHT_BAND) }));
        for (const p of ink.slice(0, -1)) expect(p.filled, `${p.img} filled`).toBeGreaterThanOrEqual(MIN_PAGE_FILL);
        for (const p of ink) expect(p.rightMarginInk, `${p.img} ink in the right margin`).toBe(0);
        // Every table's last column header is on the pages (whitespace removed: a header wrapped in
        // its cell still reads in order).
        const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        const tables = [...model.sections, ...model.appendix]
          .flatMap((s) => s.blocks)
          .flatMap((b) => (b.kind === 'table' ? [b.table] : []));
        expect(tables.length).toBeGreaterThan(5);
        for (const t of tables) expect(text, `last column of ${t.id}`).toContain(t.columns[t.columns.length - 1].label.replace(/\s+/g, ''));
        // Keep PNGs of the pages as test artifacts (ignored by git) to look at.
        const artifacts = path.resolve('tmp/test-artifacts/report-pdf');
        mkdirSync(artifacts, { recursive: true });
        execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(artifacts, 'page')]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
