import { describe, expect, it } from 'vitest';
import { findKnee, kneeThresholdFromPercent, type SweepSample } from '../../shared/doc/derived/knee';

const curve = (ys: number[], xs = ys.map((_, i) => 2 ** i), sd = 0, n = 1): SweepSample[] =>
  ys.map((mean, i) => ({ x: xs[i], mean, stddev: sd, n }));

describe('knee of a swept metric', () => {
  it('linear then flat: the first point of the plateau', () => {
    const k = findKnee(curve([10, 20, 30, 40, 40.5, 40.2, 40.8]), 'higher');
    expect(k.status).toBe('plateau');
    expect(k.index).toBe(3);
    expect(k.x).toBe(8);
    expect(k.mean).toBe(40);
  });

  it('monotone over the range: still rising, no knee', () => {
    expect(findKnee(curve([1, 2, 3, 4, 5, 6]), 'higher')).toEqual({ status: 'rising', index: null, x: null, mean: null });
  });

  it('lower is better: drops fall then flatten', () => {
    const k = findKnee(curve([5000, 1200, 30, 0, 0]), 'lower');
    expect(k.status).toBe('plateau');
    expect(k.x).toBe(8);
  });

  it('rise then drop: the peak, marked as dropping after it', () => {
    const k = findKnee(curve([10, 30, 50, 35, 20]), 'higher');
    expect(k.status).toBe('peak');
    expect(k.x).toBe(4);
  });

  it('noisy plateau: wiggles within the threshold do not move the knee; a late outlier beyond it does', () => {
    const noisy = curve([10, 50, 99, 100, 98, 101, 99.5, 100.7]);
    expect(findKnee(noisy, 'higher').x).toBe(4);
    // 110 is 10 % above 100: the curve has not flattened at x = 8.
    expect(findKnee(curve([10, 50, 99, 100, 98, 110, 109]), 'higher').x).toBe(32);
  });

  it('with repeats a step within the combined ±1σ does not count as improving', () => {
    // +20 % per step but stddev 15 on each side: steps of 10 do not exceed 30.
    const k = findKnee(curve([50, 60, 70, 80], undefined, 15, 3), 'higher');
    expect(k.status).toBe('plateau');
    expect(k.index).toBe(0);
    // The same means with one repeat: the spread is unknown and only the threshold applies.
    expect(findKnee(curve([50, 60, 70, 80]), 'higher').status).toBe('rising');
  });

  it('order of the samples does not matter; threshold is honoured', () => {
    const pts = curve([10, 20, 30, 40, 40.5]);
    expect(findKnee([...pts].reverse(), 'higher').x).toBe(8);
    expect(findKnee(pts, 'higher', 0.001).status).toBe('rising');
    expect(() => findKnee(pts, 'higher', -1)).toThrow(RangeError);
  });

  it('nothing to find: one point, or a neutral metric', () => {
    expect(findKnee(curve([3]), 'higher').status).toBe('none');
    expect(findKnee(curve([1, 2, 3]), 'none').status).toBe('none');
  });

  it('a user threshold moves the knee: a smaller one counts smaller gains as improving', () => {
    const c = curve([10, 50, 99, 100, 98, 101, 99.5, 100.7]);
    expect(findKnee(c, 'higher', kneeThresholdFromPercent(5)!).x).toBe(4);
    // 99 → 101 (+2 %) counts when the threshold is 1 %; 100 → 101 (+1 %, not more) does not.
    expect(findKnee(c, 'higher', kneeThresholdFromPercent('1')!).x).toBe(8);
  });

  it('threshold in percent: 0 … 100, anything else refused', () => {
    expect(kneeThresholdFromPercent('5')).toBe(0.05);
    expect(kneeThresholdFromPercent(' 0.5 ')).toBe(0.005);
    expect(kneeThresholdFromPercent(0)).toBe(0);
    for (const bad of ['-1', 'abc', '', '101', '5%', '1e3']) expect(kneeThresholdFromPercent(bad)).toBeNull();
    expect(kneeThresholdFromPercent(Number.NaN)).toBeNull();
  });
});
