// `cli compare --measured`: each point's model beside a measured document (the same figures as
// `run --measured` gives for that point's run), printed and written with --measured-out; a bad
// measured file is refused before anything runs.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../electron/cli/main';
import { captureIo } from '../cli/io';
import { importMeasured } from '../../shared/measured/importMeasured';
import { computeOverlay } from '../../shared/measured/overlay';
import { computeHistogramOverlays } from '../../shared/measured/histogramOverlay';
import { compareMeasuredBlocks } from '../../shared/report/model/measuredSection';
import type { CompareOverlay } from '../../shared/measured/compareOverlay';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { fixture } from '../measured/fixtures';

const YAML = `
name: cli compare measured
seed: 4
duration: 2ms
host: { cpu: { profile: xeon-e5-1650-v4, cores: 1 } }
nics:
  - { name: eth0, driver: mlx5, variant: page, mode: striding, link: 100Gbit, queues: 1, ring: 1024, xdp: drop }
traffic:
  - { nic: eth0, flows: 1, rate: 130Mpps, packet_size: 64, protocol: udp }
compare:
  nics[0].ring: [256, 1024]
`;

function setup(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nw-compare-measured-'));
  writeFileSync(path.join(dir, 's.yaml'), YAML);
  const m = importMeasured([
    { path: 'ethtool-S.mlx5-cx6dx-xdp-2024.txt', text: fixture('ethtool-S.mlx5-cx6dx-xdp-2024.txt'), device: 'eth0' },
  ]);
  writeFileSync(path.join(dir, 'm.json'), JSON.stringify(m));
  return dir;
}

describe('cli compare --measured', () => {
  it("prints and writes the measured column and each point's model with its error, as run --measured computes them", async () => {
    const dir = setup();
    const io = captureIo({ cwd: dir });
    const code = await main(
      ['compare', 's.yaml', '--workers', '2', '--json', 'c.json', '--measured', 'm.json', '--measured-out', 'o.json'],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toMatch(/model beside measured \(counters as a share of allocations; .*m\.json; each point's model is its repeat 0/);
    expect(out).toMatch(/counter\s+measured\s+\[0\] nics\[0\]\.ring=256\s+\[1\] nics\[0\]\.ring=1024/);
    expect(out).toMatch(/recycle_cached\s+99\.99 %\s+\S+ %\s+\([−+][\d.]+ %\)/);
    expect(out).toContain('model beside measured: o.json');
    const doc = JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8')) as CompareDocument;
    const o = JSON.parse(readFileSync(path.join(dir, 'o.json'), 'utf8')) as CompareOverlay & { measured_file: string };
    expect(o.measured_file).toBe('m.json');
    expect(o.basis).toBe('share_of_allocations');
    expect(o.point_labels).toEqual(doc.points.map((p) => p.label));
    const m = JSON.parse(readFileSync(path.join(dir, 'm.json'), 'utf8'));
    doc.runs.forEach((reps, i) => {
      const single = computeOverlay(reps[0], m)!;
      for (const r of single.rows) {
        const row = o.rows.find((x) => x.counter === r.counter)!;
        expect(row.measured).toBe(r.measured);
        expect(row.points[i]).toEqual({ model: r.model, rel_error: r.rel_error });
      }
    });
    // the ring size moves the slow-path share: the two points differ
    const slow = o.rows.find((r) => r.counter === 'alloc_slow')!;
    expect(slow.points[0]!.model).not.toBe(slow.points[1]!.model);
  }, 120_000);

  it("a bpftrace in-flight histogram (written for the test): its mean beside each point's, in the table, the JSON and the report", async () => {
    const dir = setup();
    const bpf = [
      {
        type: 'hist',
        data: {
          '@pp_inflight_stat': {
            '0xffff1': [
              { min: 256, max: 511, count: 2 },
              { min: 512, max: 1023, count: 2 },
              { min: 1024, max: 2047, count: 4 },
            ],
          },
        },
      },
    ];
    writeFileSync(
      path.join(dir, 'h.json'),
      JSON.stringify(importMeasured([{ path: 'leaks.json', text: bpf.map((l) => JSON.stringify(l)).join('\n') }])),
    );
    const io = captureIo({ cwd: dir });
    expect(
      await main(['compare', 's.yaml', '--workers', '2', '--json', 'c.json', '--measured', 'h.json', '--measured-out', 'o.json'], io),
    ).toBe(0);
    expect(io.out()).toMatch(/histogram means from bucket midpoints/);
    expect(io.out()).toMatch(/@pp_inflight_stat mean\s+1055\.5\s+[\d.]+ \([−+][\d.]+ %\)\s+[\d.]+ \([−+][\d.]+ %\)/);
    const doc = JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8')) as CompareDocument;
    const o = JSON.parse(readFileSync(path.join(dir, 'o.json'), 'utf8')) as CompareOverlay;
    const m = JSON.parse(readFileSync(path.join(dir, 'h.json'), 'utf8'));
    expect(o.rows).toEqual([]);
    expect(o.histograms.map((h) => h.map)).toEqual(['@pp_inflight_stat']);
    doc.runs.forEach((reps, i) => {
      const [h] = computeHistogramOverlays(reps[0], m);
      expect(o.histograms[0].points[i]).toEqual({ model_mean: h.model_mean, mean_rel_error: h.mean_rel_error });
    });
    // ring 256 keeps fewer pages in flight than ring 1024
    expect(o.histograms[0].points[0]!.model_mean!).toBeLessThan(o.histograms[0].points[1]!.model_mean!);
    const blocks = compareMeasuredBlocks(doc, { generatedAt: '', measured: m });
    expect(blocks.map((b) => (b.kind === 'table' ? b.table.id : b.kind))).toEqual(['measured-histograms-compare']);
  }, 120_000);

  it('refuses a bad measured file before running, and --measured-out without --measured', async () => {
    const dir = setup();
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ format: 'netmem-workbench/run@1' }));
    const io = captureIo({ cwd: dir });
    expect(await main(['compare', 's.yaml', '--measured', 'bad.json'], io)).toBe(2);
    expect(io.err()).toContain('bad.json: format: expected "netmem-workbench/measured@1"');
    expect(io.out()).toBe('');
    const io2 = captureIo({ cwd: dir });
    expect(await main(['compare', 's.yaml', '--measured-out', 'o.json'], io2)).toBe(2);
    expect(io2.err()).toContain('--measured-out needs --measured');
  });
});
