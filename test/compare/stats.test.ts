import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { delta, summarize } from '../../shared/sim/compare/stats';

describe('summary statistics', () => {
  it('mean, sample stddev (n − 1), min, max', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.stddev).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(summarize([3]).stddev).toBe(0);
    expect(() => summarize([])).toThrow();
    expect(() => summarize([1, Number.NaN])).toThrow('non-finite');
  });

  it('a delta is meaningful only when it exceeds the combined spread', () => {
    const base = summarize([10, 11, 12]); // sd 1
    expect(delta(base, summarize([11.5, 12.5, 13.5])).meaningful).toBe(false); // Δ 1.5 < 2
    const far = delta(base, summarize([14, 15, 16]));
    expect(far.abs).toBe(4);
    expect(far.rel).toBeCloseTo(4 / 11, 12);
    expect(far.spread).toBeCloseTo(2, 12);
    expect(far.spread_known).toBe(true);
    expect(far.meaningful).toBe(true);
  });

  it('single runs: spread unknown, so no delta is meaningful (not even a large one); rel null on a zero base', () => {
    const one = delta(summarize([5]), summarize([5.5]));
    expect(one.spread_known).toBe(false);
    expect(one.meaningful).toBe(false);
    expect(delta(summarize([5]), summarize([500])).meaningful).toBe(false);
    expect(delta(summarize([5, 5]), summarize([500])).meaningful).toBe(false);
    expect(delta(summarize([5]), summarize([5])).meaningful).toBe(false);
    expect(delta(summarize([0]), summarize([1])).rel).toBeNull();
  });

  it('property: identical samples are never meaningful; a shift beyond both ranges always is', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 20 }), (xs) => {
        const a = summarize(xs);
        expect(delta(a, summarize(xs)).meaningful).toBe(false);
        const shift = a.max - a.min + 4 * a.stddev + 1;
        expect(delta(a, summarize(xs.map((x) => x + shift))).meaningful).toBe(true);
      }),
    );
  });
});

describe('paired deltas (same seeds on both sides)', () => {
  it('a steady +1 hidden by the seed-to-seed spread is meaningful when paired', () => {
    const base = summarize([1000, 1015, 990]);
    const point = summarize([1001, 1016, 991]);
    const d = delta(base, point);
    expect(d.meaningful).toBe(false);
    expect(d.paired!.mean).toBeCloseTo(1, 12);
    expect(d.paired!.stddev).toBeCloseTo(0, 12);
    expect(d.paired!.meaningful).toBe(true);
    expect(delta(base, summarize([1000, 1015, 990])).paired!.meaningful).toBe(false);
    expect(delta(summarize([1]), summarize([2])).paired).toBeUndefined();
  });
});
