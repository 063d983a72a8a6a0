// Compare overlay: one colour per matrix point (variant), its repeats in that colour, fainter.
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts';
import { buildCompareOverlayOption, seriesViewFromSeries, RUN_COLORS } from '../../shared/report/charts';
import { bandOf, overlayColors, overlayValues } from '../../shared/report/charts/compareOverlay';
import { AID_ID } from '../../shared/report/charts/common';
import type { SeriesView } from '../../shared/report/charts/seriesView';
import { pressureRun } from './fixtures';

describe('compare overlay colours', () => {
  const doc = pressureRun();
  const view = seriesViewFromSeries(doc.series, doc.sample_ns);
  /** the same run with every rx_bytes interval doubled */
  const doubled: SeriesView = {
    length: view.length,
    t_ns: view.t_ns,
    sample_ns: view.sample_ns,
    meta: (k) => view.meta(k),
    keys: () => view.keys(),
    column: (k) => {
      const c = view.column(k);
      return c && k.endsWith('/rx_bytes') ? Float64Array.from(c, (v) => 2 * v) : c;
    },
  };

  it('runs of a point share its colour; points differ; a queued point does not shift the others', () => {
    expect(overlayColors([{ group: 0 }, { group: 0 }, { group: 1 }, { group: 1 }])).toEqual([
      RUN_COLORS[0],
      RUN_COLORS[0],
      RUN_COLORS[1],
      RUN_COLORS[1],
    ]);
    expect(overlayColors([{ group: 1 }])).toEqual([RUN_COLORS[1]]);
    expect(overlayColors([{}, {}])).toEqual([RUN_COLORS[0], RUN_COLORS[1]]);
  });

  it('repeats of a point are one band: the mean line and ± sample stddev shaded in its colour; a lone run is a line', () => {
    const opt = buildCompareOverlayOption({
      runs: [
        { label: 'page #1', view, group: 0 },
        { label: 'page #2', view: doubled, group: 0 },
        { label: 'netmem #1', view, group: 1 },
      ],
      metric: { kind: 'gbps', nic: 'eth0' },
    });
    const s = opt.series as LineSeriesOption[];
    expect(s.map((x) => x.name)).toEqual(['page (mean ± sd of 2)', 'page (mean ± sd of 2)', 'page (mean ± sd of 2)', 'netmem #1']);
    expect(s.map((x) => x.color)).toEqual([RUN_COLORS[0], RUN_COLORS[0], RUN_COLORS[0], RUN_COLORS[1]]);
    expect(s.map((x) => String(x.id ?? '').startsWith(AID_ID))).toEqual([false, true, true, false]);
    const one = overlayValues(view, { kind: 'gbps', nic: 'eth0' }).y!;
    const i = one.findIndex((v) => v > 0);
    // values v and 2v: mean 1.5v, sample sd v/√2; the band starts at mean − sd and is 2 sd wide.
    const at = (k: number) => (s[k].data as [number, number][])[i][1];
    expect(at(0)).toBeCloseTo(1.5 * one[i], 9);
    expect(at(1)).toBeCloseTo(1.5 * one[i] - one[i] / Math.SQRT2, 9);
    expect(at(2)).toBeCloseTo(2 * (one[i] / Math.SQRT2), 9);
    expect(s[1].stack).toBe(s[2].stack);
    expect(s[2].areaStyle).toBeDefined();
    expect(s[1].areaStyle).toBeUndefined();
  });

  it('bandOf: per-sample mean and sample stddev over the samples every run has', () => {
    const b = bandOf([Float64Array.from([1, 2, 3]), Float64Array.from([3, 4])]);
    expect([...b.mean]).toEqual([2, 3]);
    expect([...b.sd]).toEqual([Math.SQRT2, Math.SQRT2]);
  });
});
