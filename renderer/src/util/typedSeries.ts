// Live charts hand ECharts each series as one flat Float64Array [x0, y0, x1, y1, …] instead of
// the builders' [x, y] pairs. ECharts deep-clones every option it is given except typed arrays
// (it marks them primitive), and reads typed arrays into its data store without per-point work:
// with pairs, each redraw cloned and garbage-collected two arrays per point of every series —
// most of the longest main-thread tasks while a run streamed.
import type { EChartsOption } from 'echarts';

type SeriesLike = { data?: unknown };

/** [[x, y], …] → Float64Array [x, y, …]; anything else (objects, nulls, typed arrays) unchanged. */
export function flatPairs(data: unknown): unknown {
  if (!Array.isArray(data)) return data;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const p: unknown = data[i];
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') return data;
  }
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = data[i] as [number, number];
    out[2 * i] = p[0];
    out[2 * i + 1] = p[1];
  }
  return out;
}

/** Number of points a series' data holds (pairs or flat x/y typed array). */
export function pointCount(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  if (data instanceof Float64Array) return data.length / 2;
  return 0;
}

/** Replace every series' pair data by a flat typed array, in place; returns the option. */
export function withTypedData(o: EChartsOption | null): EChartsOption | null {
  const s = o?.series;
  if (!s) return o;
  for (const x of (Array.isArray(s) ? s : [s]) as SeriesLike[]) x.data = flatPairs(x.data);
  return o;
}
