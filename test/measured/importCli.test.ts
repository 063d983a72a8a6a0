// `cli import`: files → measured.json; snapshots → rates and series; malformed input → exit 2 with
// the located message and no file written.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../electron/cli/main';
import { readMeasuredDocument } from '../../shared/measured/readMeasured';
import { captureIo } from '../cli/io';
import { FIXTURE_DIR } from './fixtures';

function withDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netmem-import-'));
  return f(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('cli import', () => {
  it('merges page-pool-get and page-pool-stats-get of published dumps into one measured document', () =>
    withDir(async (dir) => {
      const io = captureIo({ cwd: dir });
      const code = await main(
        [
          'import',
          path.join(FIXTURE_DIR, 'ynl-page-pool-stats-get.kuba-2023.txt'),
          path.join(FIXTURE_DIR, 'ynl-page-pool-get.devmem-2024.txt'),
          '--out',
          'm.json',
        ],
        io,
      );
      expect(io.err()).toBe('');
      expect(code).toBe(0);
      const doc = readMeasuredDocument(JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8')), 'm.json');
      expect(doc.pools.map((p) => p.id)).toEqual([19, 18, 456, 455, 454, 453, 452, 451, 450, 449]);
      expect(doc.sources.map((s) => s.kind)).toEqual(['ynl', 'ynl']);
      expect(doc.rates).toBeNull();
    }));

  it('two ethtool snapshots and --interval give per-second rates and a series', () =>
    withDir(async (dir) => {
      writeFileSync(path.join(dir, 'a.txt'), 'NIC statistics:\n     rx_pp_alloc_fast: 1000\n     rx_pp_recycle_ring: 10\n');
      writeFileSync(path.join(dir, 'b.txt'), 'NIC statistics:\n     rx_pp_alloc_fast: 5000\n     rx_pp_recycle_ring: 30\n');
      const io = captureIo({ cwd: dir });
      expect(await main(['import', 'a.txt', 'b.txt', '--interval', '2s', '--device', 'eth1', '--out', 'm.json'], io)).toBe(0);
      const doc = readMeasuredDocument(JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8')), 'm.json');
      expect(doc.rates).toEqual({ interval_s: 2, pools: [], devices: [{ device: 'eth1', per_s: { alloc_fast: 2000, recycle_ring: 10 } }] });
      expect(doc.series).toEqual({ t_s: [0, 2], columns: { 'dev/eth1/alloc_fast': [1000, 5000], 'dev/eth1/recycle_ring': [10, 30] } });
      expect(io.out()).toMatch(/^measured: m\.json \(1 device, rates over 2 s, 2 snapshots; from a\.txt \[ethtool\], b\.txt \[ethtool\]\)/);
    }));

  it('timestamped ynl dumps give per-pool rates and an inflight series', () =>
    withDir(async (dir) => {
      writeFileSync(
        path.join(dir, 'pp.log'),
        [
          '1700000000.0',
          "[{'info': {'id': 7, 'ifindex': 2}, 'alloc-fast': 100, 'recycle-ring': 4}]",
          '1700000004.0',
          "[{'info': {'id': 7, 'ifindex': 2}, 'alloc-fast': 900, 'recycle-ring': 12}]",
          '',
        ].join('\n'),
      );
      const io = captureIo({ cwd: dir });
      expect(await main(['import', 'pp.log', '--out', 'm.json'], io)).toBe(0);
      const doc = readMeasuredDocument(JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8')), 'm.json');
      expect(doc.rates).toEqual({
        interval_s: 4,
        pools: [{ id: 7, ifindex: 2, per_s: { alloc_fast: 200, recycle_ring: 2 } }],
        devices: [],
      });
      expect(doc.series?.t_s).toEqual([1700000000, 1700000004]);
      expect(doc.series?.columns['pool/7/alloc_fast']).toEqual([100, 900]);
    }));

  it('snapshots without timestamps and without --interval are refused', () =>
    withDir(async (dir) => {
      writeFileSync(path.join(dir, 'a.txt'), 'NIC statistics:\n  rx_pp_alloc_fast: 1\nNIC statistics:\n  rx_pp_alloc_fast: 2\n');
      const io = captureIo({ cwd: dir });
      expect(await main(['import', 'a.txt', '--out', 'm.json'], io)).toBe(2);
      expect(io.err()).toMatch(/2 snapshots without timestamps: give --interval/);
    }));

  it('a malformed file: exit 2, file:line:column, and no output file', () =>
    withDir(async (dir) => {
      writeFileSync(path.join(dir, 'bad.txt'), "[{'info': {'id': 3, 'ifindex': 2},\n  'alloc-fast': 12,\n  'alloc-fast': 13}]\n");
      const io = captureIo({ cwd: dir });
      expect(await main(['import', 'bad.txt', '--out', 'm.json'], io)).toBe(2);
      expect(io.err()).toBe(`error: bad.txt:3:3: expected a key other than "alloc-fast" (duplicate), found "'alloc-fast': 13}]"\n`);
      expect(existsSync(path.join(dir, 'm.json'))).toBe(false);
    }));

  it('bad arguments are usage errors', () =>
    withDir(async (dir) => {
      const io = captureIo({ cwd: dir });
      expect(await main(['import', 'x', '--as', 'perf', '--out', 'm.json'], io)).toBe(2);
      expect(io.err()).toMatch(/--as must be one of ynl, ethtool, bpftrace, bench, prom, got "perf"/);
      const io2 = captureIo({ cwd: dir });
      expect(await main(['import', 'x', '--interval', '2', '--out', 'm.json'], io2)).toBe(2);
      expect(io2.err()).toMatch(/--interval must be a positive duration/);
    }));

  it('a measured document with the wrong format is refused when read back', () => {
    expect(() => readMeasuredDocument({ format: 'x' }, 'f.json')).toThrow(
      'f.json: format: expected "netmem-workbench/measured@1" (write one with `cli import`), found "x"',
    );
  });
});
