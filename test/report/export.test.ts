// Exporting: files written whole or not at all; the CLI command end to end.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportReportFile, renderReport } from '../../electron/host/report/exporter';
import { ChromiumNotFoundError, findChromium } from '../../electron/host/report/pdf';
import { main } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';
import { pressureCompare, pressureRun, PRESSURE_YAML } from './fixtures';

function tmpDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'netmem-export-'));
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const x: CliIo = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, isTTY: false, cwd };
  return { io: x, out, err };
}

describe('exportReportFile', () => {
  it('writes json that is the document itself', async () => {
    const dir = tmpDir();
    try {
      const doc = pressureRun();
      await exportReportFile(doc, 'json', path.join(dir, 'r.json'));
      expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'))).toEqual(doc);
      expect(readdirSync(dir)).toEqual(['r.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing directory gives a clear error and creates nothing', async () => {
    const dir = tmpDir();
    try {
      const out = path.join(dir, 'nope', 'r.html');
      await expect(exportReportFile(pressureRun(), 'html', out)).rejects.toThrow(
        /cannot write .*r\.html: the directory does not exist \(ENOENT\)/,
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a path through a regular file fails with ENOTDIR and leaves nothing', async () => {
    const dir = tmpDir();
    try {
      writeFileSync(path.join(dir, 'file'), 'x');
      await expect(exportReportFile(pressureRun(), 'csv', path.join(dir, 'file', 'r.csv'))).rejects.toThrow(/ENOTDIR/);
      expect(readdirSync(dir)).toEqual(['file']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed render leaves an existing file untouched and no temp file', async () => {
    const dir = tmpDir();
    try {
      const out = path.join(dir, 'r.pdf');
      writeFileSync(out, 'previous report');
      const failing = async (): Promise<Uint8Array> => {
        throw new Error('ENOSPC-like failure in the renderer');
      };
      await expect(exportReportFile(pressureRun(), 'pdf', out, { pdf: failing })).rejects.toThrow(/renderer/);
      expect(readFileSync(out, 'utf8')).toBe('previous report');
      expect(readdirSync(dir)).toEqual(['r.pdf']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what to do when no Chromium is installed', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(ChromiumNotFoundError);
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(/apt-get install chromium.*CHROMIUM_PATH/);
  });

  it('refuses what is not a run or compare document', async () => {
    await expect(renderReport({ format: 'something/else' } as never, 'html')).rejects.toThrow(/not a run or compare document/);
  });

  it('exports a compare document as HTML with the side-by-side table', async () => {
    const html = (await renderReport(pressureCompare(), 'html', { generatedAt: '2026-01-01T00:00:00Z' })) as string;
    const cmp = pressureCompare();
    for (const row of cmp.table) {
      row.cells.forEach((c, i) => {
        if (!c.stat) return;
        expect(html).toContain(`data-key="compare/${row.metric.key}/${i}/mean" data-value="${c.stat.mean}"`);
        if (!c.delta) return;
        const cell = new RegExp(
          `<td class="([^"]*)" data-key="compare/${row.metric.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${i}/delta" data-value="${c.delta.abs}"`,
        ).exec(html);
        expect(cell, `${row.metric.key} delta`).not.toBeNull();
        // Highlighted exactly when the compare document calls the difference meaningful, coloured by direction.
        const tone = !c.delta.meaningful
          ? ''
          : row.metric.better === 'none'
            ? 'changed'
            : c.delta.abs > 0 === (row.metric.better === 'higher')
              ? 'better'
              : 'worse';
        expect(cell![1].replace('num', '').trim(), row.metric.key).toBe(tone);
      });
    }
    expect(html).toContain('Conversion differences per driver');
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });
});

describe('cli report', () => {
  it('runs a scenario file and writes the HTML report', async () => {
    const dir = tmpDir();
    try {
      writeFileSync(path.join(dir, 's.yaml'), PRESSURE_YAML);
      const t = io(dir);
      expect(await main(['report', 's.yaml', '--out', 'r.html', '--duration', '40ms'], t.io)).toBe(0);
      const html = readFileSync(path.join(dir, 'r.html'), 'utf8');
      expect(html).toContain('<svg');
      // With an override the appendix is regenerated and the command points at it.
      expect(html).toContain('Save the YAML of the appendix as scenario.yaml first.');
      expect(t.err.join('')).toContain('has a compare matrix');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a run.json into CSV and rejects scenario options for a finished document', async () => {
    const dir = tmpDir();
    try {
      writeFileSync(path.join(dir, 'run.json'), JSON.stringify(pressureRun()));
      const ok = io(dir);
      expect(await main(['report', 'run.json', '--format', 'csv', '--out', 'series.csv'], ok.io)).toBe(0);
      expect(readFileSync(path.join(dir, 'series.csv'), 'utf8').split('\n')[0]).toMatch(/^"t_ns \[ns, end of interval\]",nic\//);
      const bad = io(dir);
      expect(await main(['report', 'run.json', '--seed', '3', '--out', 'x.html'], bad.io)).toBe(2);
      expect(bad.err.join('')).toMatch(/apply to a scenario file/);
      const fmt = io(dir);
      expect(await main(['report', 'run.json', '--out', 'x.txt'], fmt.io)).toBe(2);
      expect(fmt.err.join('')).toMatch(/cannot tell the format/);
      writeFileSync(path.join(dir, 'other.json'), '{"format":"x"}');
      const other = io(dir);
      expect(await main(['report', 'other.json', '--out', 'x.html'], other.io)).toBe(2);
      expect(other.err.join('')).toMatch(/not a run or compare document/);
      expect(readdirSync(dir).sort()).toEqual(['other.json', 'run.json', 'series.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the compare matrix with --compare and writes the compare document', async () => {
    const dir = tmpDir();
    try {
      writeFileSync(path.join(dir, 's.yaml'), PRESSURE_YAML);
      const t = io(dir);
      expect(await main(['report', 's.yaml', '--compare', '--workers', '2', '--format', 'json', '--out', 'c.json'], t.io)).toBe(0);
      const cmp = JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8'));
      expect(cmp.format).toBe('netmem-workbench/compare@1');
      expect(cmp.points.map((p: { label: string }) => p.label)).toEqual(['nics[0].ring=256', 'nics[0].ring=512']);
      // Same engine, same seeds: the pool's runs equal the in-process ones.
      expect(cmp.runs[1][0].nics).toEqual(pressureCompare().runs[1][0].nics);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
