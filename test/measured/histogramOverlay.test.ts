// bpftrace in-flight histograms beside the model's in-flight samples: same buckets (open ones
// added for model samples outside the printed range), shares, relative error per bucket and of
// the bucket-midpoint mean; in the report's measured section as a table and a chart. The bpftrace
// inputs here are written for the test (no published bpftrace -f json output of the page_pool
// tracepoints was found: test/fixtures/measured/README.md) in the shape the leak scripts print.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../electron/cli/main';
import { captureIo } from '../cli/io';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import { importMeasured } from '../../shared/measured/importMeasured';
import { computeHistogramOverlays, modelInflightSamples } from '../../shared/measured/histogramOverlay';
import { measuredBlocks } from '../../shared/report/model/measuredSection';
import type { RunDocument } from '../../shared/doc/runDocument';

const fakeRun = (cols: Record<string, number[]>) => ({ series: { t_ns: [], columns: cols, meta: [] } }) as unknown as RunDocument;

function bpf(lines: object[]) {
  return importMeasured([{ path: 'leaks.json', text: lines.map((l) => JSON.stringify(l)).join('\n') }]);
}

describe('histogram overlay', () => {
  it("counts the model's samples of every pool into the measured buckets; shares, per-bucket and mean errors", () => {
    const m = bpf([
      { type: 'attached_probes', data: { probes: 4 } },
      {
        type: 'hist',
        data: {
          '@pp_inflight_stat': {
            '0xffff1': [
              { min: 512, max: 1023, count: 2 },
              { min: 1024, max: 2047, count: 6 },
            ],
            '0xffff2': [{ min: 1024, max: 2047, count: 2 }],
          },
        },
      },
      { type: 'hist', data: { '@other': [{ min: 0, max: 0, count: 1 }] } },
    ]);
    const run = fakeRun({
      'pool/1/inflight': [600, 1024, 1500, 1024],
      'pool/2/inflight': [1024, 2047, 700, 1023],
      'pool/1/alloc_fast': [5, 5, 5, 5],
    });
    const [h, ...rest] = computeHistogramOverlays(run, m);
    expect(rest).toEqual([]);
    expect(h.map).toBe('@pp_inflight_stat');
    expect(h.keys).toBe(2);
    expect(h.measured_samples).toBe(10);
    expect(h.model_samples).toBe(8);
    expect(h.buckets.map((b) => [b.min, b.max, b.measured_count, b.model_count])).toEqual([
      [512, 1023, 2, 3],
      [1024, 2047, 8, 5],
    ]);
    expect(h.buckets[0].measured_share).toBe(0.2);
    expect(h.buckets[0].model_share).toBe(3 / 8);
    expect(h.buckets[0].rel_error).toBeCloseTo((3 / 8 - 0.2) / 0.2, 12);
    const mid = [767.5, 1535.5];
    expect(h.measured_mean).toBeCloseTo((2 * mid[0] + 8 * mid[1]) / 10, 9);
    expect(h.model_mean).toBeCloseTo((3 * mid[0] + 5 * mid[1]) / 8, 9);
    expect(h.mean_rel_error).toBeCloseTo(h.model_mean! / h.measured_mean! - 1, 12);
  });

  it('model samples outside the printed buckets get open buckets (measured 0: no relative error)', () => {
    const m = bpf([{ type: 'hist', data: { '@inflight': [{ min: 4, max: 7, count: 5 }] } }]);
    const [h] = computeHistogramOverlays(fakeRun({ 'pool/9/inflight': [0, 3, 5, 8, 100] }), m);
    expect(h.buckets.map((b) => [b.min, b.max, b.measured_count, b.model_count, b.rel_error])).toEqual([
      [null, 3, 0, 2, null],
      [4, 7, 5, 1, expect.any(Number)],
      [8, null, 0, 2, null],
    ]);
    expect(h.buckets[1].rel_error).toBeCloseTo(0.2 - 1, 12);
    // open buckets' midpoints are their bound
    expect(h.model_mean).toBeCloseTo((2 * 3 + 5.5 + 2 * 8) / 5, 12);
  });

  it('no in-flight map, or overlapping ranges: nothing to compare', () => {
    expect(
      computeHistogramOverlays(
        fakeRun({ 'pool/1/inflight': [1] }),
        bpf([{ type: 'hist', data: { '@lat_ns': [{ min: 0, max: 1, count: 1 }] } }]),
      ),
    ).toEqual([]);
    const overlap = bpf([
      { type: 'lhist', data: { '@inflight': { a: [{ min: 0, max: 9, count: 1 }], b: [{ min: 5, max: 14, count: 1 }] } } },
    ]);
    expect(computeHistogramOverlays(fakeRun({ 'pool/1/inflight': [1] }), overlap)).toEqual([]);
  });

  it("a real run: the model's in-flight series feeds the report's table and chart", () => {
    const text = readFileSync(path.join(__dirname, '../../scenarios/measured/mlx5-cx6dx-xdp-drop.yaml'), 'utf8')
      .replace('duration: 20ms', 'duration: 2ms')
      .replace('sample: 1ms', 'sample: 100us');
    const r = parseScenario(text);
    if (!r.ok) throw new Error('scenario');
    const run = runScenario(r.scenario);
    const samples = modelInflightSamples(run);
    expect(samples.length).toBe(run.series.t_ns.length * run.pools.length);
    const m = bpf([
      {
        type: 'hist',
        data: {
          '@pp_inflight_stat': [
            { min: 512, max: 1023, count: 4 },
            { min: 1024, max: 2047, count: 4 },
          ],
        },
      },
    ]);
    const blocks = measuredBlocks(run, { generatedAt: '', measured: m });
    const table = blocks.find((b) => b.kind === 'table' && b.table.id === 'measured-histogram-pp_inflight_stat');
    const chart = blocks.find((b) => b.kind === 'chart' && b.chart.id === 'chart-measured-histogram-pp_inflight_stat');
    expect(table && table.kind === 'table' ? table.table.rows.map((row) => row[0].text) : []).toContain('mean (bucket midpoints)');
    expect(chart).toBeDefined();
    const [h] = computeHistogramOverlays(run, m);
    expect(h.buckets.reduce((a, b) => a + b.model_count, 0)).toBe(samples.length);
  });
});

describe('cli run --measured with a bpftrace histogram', () => {
  it('prints the buckets, both shares, the per-bucket and mean errors', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netmem-hist-'));
    try {
      const text = readFileSync(path.join(__dirname, '../../scenarios/measured/mlx5-cx6dx-xdp-drop.yaml'), 'utf8').replace(
        'duration: 20ms',
        'duration: 2ms',
      );
      writeFileSync(path.join(dir, 's.yaml'), text.replace('$schema=../../schema', '$schema=../schema'));
      const m = bpf([
        {
          type: 'hist',
          data: {
            '@pp_inflight_stat': {
              '0xffff1': [
                { min: 512, max: 1023, count: 3 },
                { min: 1024, max: 2047, count: 9 },
              ],
            },
          },
        },
      ]);
      writeFileSync(path.join(dir, 'm.json'), JSON.stringify(m));
      const io = captureIo({ cwd: dir });
      expect(await main(['run', 's.yaml', '--measured', 'm.json'], io)).toBe(0);
      const out = io.out();
      expect(out).not.toContain('no page_pool counters');
      expect(out).toMatch(/in-flight histogram @pp_inflight_stat \(m\.json; 1 key pooled, 12 samples at hold\/release events\)/);
      expect(out).toMatch(/512–1023\s+3\s+25\.00 %\s+\d+\s+[\d.]+ %\s+[−+][\d.]+ %/);
      expect(out).toMatch(/mean \(bucket midpoints\)\s+1343\.5\s+[\d.]+\s+[−+][\d.]+ %/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
