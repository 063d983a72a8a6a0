// Compare overlay: one colour per matrix point (variant), its repeats in that colour, fainter.
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts';
import { buildCompareOverlayOption, seriesViewFromSeries, RUN_COLORS } from '../../shared/report/charts';
import { overlayColors } from '../../shared/report/charts/compareOverlay';
import { pressureRun } from './fixtures';

describe('compare overlay colours', () => {
  const doc = pressureRun();
  const view = seriesViewFromSeries(doc.series, doc.sample_ns);

  it('runs of a point share its colour; points differ; a queued point does not shift the others', () => {
    expect(overlayColors([{ group: 0 }, { group: 0 }, { group: 1 }, { group: 1 }])).toEqual([RUN_COLORS[0], RUN_COLORS[0], RUN_COLORS[1], RUN_COLORS[1]]);
    expect(overlayColors([{ group: 1 }])).toEqual([RUN_COLORS[1]]);
    expect(overlayColors([{}, {}])).toEqual([RUN_COLORS[0], RUN_COLORS[1]]);
  });

  it('the first repeat of a point is drawn full, later ones fainter in the same colour', () => {
    const opt = buildCompareOverlayOption({
      runs: [{ label: 'page #1', view, group: 0 }, { label: 'page #2', view, group: 0 }, { label: 'netmem #1', view, group: 1 }],
      metric: { kind: 'gbps', nic: 'eth0' },
    });
    const s = opt.series as LineSeriesOption[];
    expect(s.map((x) => x.color)).toEqual([RUN_COLORS[0], RUN_COLORS[0], RUN_COLORS[1]]);
    expect(s.map((x) => x.lineStyle?.opacity)).toEqual([undefined, 0.45, undefined]);
  });
});
