import { describe, expect, it } from 'vitest';
import { flatPairs, pointCount, withTypedData } from '../../renderer/src/util/typedSeries';

describe('typed series data for live charts', () => {
  it('flattens [x, y] pairs into one Float64Array and counts points either way', () => {
    const flat = flatPairs([
      [0, 1],
      [2, 3.5],
    ]);
    expect(flat).toBeInstanceOf(Float64Array);
    expect([...(flat as Float64Array)]).toEqual([0, 1, 2, 3.5]);
    expect(pointCount(flat)).toBe(2);
    expect(pointCount([[0, 1]])).toBe(1);
    expect(pointCount(undefined)).toBe(0);
  });

  it('leaves data that is not plain numeric pairs alone', () => {
    const objs = [{ value: [0, 1] }];
    expect(flatPairs(objs)).toBe(objs);
    const withNull = [
      [0, 1],
      [1, null],
    ];
    expect(flatPairs(withNull)).toBe(withNull);
  });

  it('rewrites every series of an option in place', () => {
    const o = withTypedData({
      series: [
        { type: 'line', data: [[0, 1]] },
        { type: 'line', data: [] },
      ],
    });
    const s = o!.series as { data: unknown }[];
    expect(s[0].data).toBeInstanceOf(Float64Array);
    expect(pointCount(s[1].data)).toBe(0);
    expect(withTypedData(null)).toBeNull();
  });
});
