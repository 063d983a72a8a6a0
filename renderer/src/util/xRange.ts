// A time range on the run's shared x axis (ms), as the charts report and take it.

/** What a chart's x axis shows: [fromMs, toMs]; `whole` when it is not zoomed. */
export interface XRange {
  fromMs: number;
  toMs: number;
  whole: boolean;
}

/** A zoom asked of the charts; `seq` makes a repeated request a change. */
export interface ZoomRequest extends XRange {
  seq: number;
}

/** A range typed in ms as the numbers table takes it in ns; null when it is not a range of the run. */
export function typedRange(fromMs: number | string, toMs: number | string, durationNs: number): { fromNs: number; toNs: number } | null {
  const a = Number(fromMs);
  const b = Number(toMs);
  if (fromMs === '' || toMs === '' || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  const lo = Math.max(0, Math.min(a, b)) * 1e6;
  const hi = Math.min(durationNs, Math.max(a, b) * 1e6);
  return hi > lo ? { fromNs: lo, toNs: hi } : null;
}
