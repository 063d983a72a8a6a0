// One-at-a-time sensitivity: each estimated entry to its low and then its high bound with every
// other entry at its value, then all entries at their low and all at their high bound
// (2N + 2 runs). Band = smallest and largest value of each figure over the one-at-a-time runs (the
// all-low / all-high corners are reported beside it: every estimate wrong in the same direction
// at once is an upper bound on the uncertainty, not a likely case); drivers = the
// entries ranked by how far they swing the figure (tornado order). Deterministic: the runs are
// simulated in a fixed order with the scenario's seed. docs/model/costs.md, "Sensitivity".
import type { CostKey, CostOverrides } from '../sim/costs/costTable';
import type { SensitivityFigure, SensitivityResult } from '../doc/sensitivityDocument';
import type { HeadlineFigure } from './headline';
import type { EstimatedKey } from './keys';

export interface SensitivitySubject {
  /** the estimates to move (those the baseline run used) */
  keys: EstimatedKey[];
  /** estimates the baseline never used */
  unused: string[];
  /** the headline figures with these overrides (same keys as the baseline; missing keys are skipped) */
  evaluate(overrides: CostOverrides): HeadlineFigure[];
}

const MAX_DRIVERS = 8;

export function sweep(
  subject: SensitivitySubject,
  baseline: HeadlineFigure[],
  onRun?: (done: number, total: number) => void,
): SensitivityResult {
  const keys = subject.keys;
  const total = 2 * keys.length + (keys.length > 0 ? 2 : 0);
  let done = 0;
  const failures: SensitivityResult['failures'] = [];
  const evalOr = (o: CostOverrides, key: string, bound: 'low' | 'high'): Map<string, number> | null => {
    try {
      const r = new Map(subject.evaluate(o).map((f) => [f.key, f.value]));
      return r;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      failures.push({ key, bound, message: e.message });
      return null;
    } finally {
      done++;
      onRun?.(done, total);
    }
  };
  const lows: (Map<string, number> | null)[] = [];
  const highs: (Map<string, number> | null)[] = [];
  for (const k of keys) {
    lows.push(evalOr({ [k.key]: k.low }, k.key, 'low'));
    highs.push(evalOr({ [k.key]: k.high }, k.key, 'high'));
  }
  let allLow: Map<string, number> | null = null;
  let allHigh: Map<string, number> | null = null;
  if (keys.length > 0) {
    const lo: Partial<Record<CostKey, number>> = {};
    const hi: Partial<Record<CostKey, number>> = {};
    for (const k of keys) {
      lo[k.key] = k.low;
      hi[k.key] = k.high;
    }
    allLow = evalOr(lo, 'all', 'low');
    allHigh = evalOr(hi, 'all', 'high');
  }
  const figures: SensitivityFigure[] = baseline.map((f) => {
    let min = f.value;
    let max = f.value;
    const seen = (v: number | undefined): void => {
      if (v === undefined || !Number.isFinite(v)) return;
      if (v < min) min = v;
      if (v > max) max = v;
    };
    const drivers: SensitivityFigure['drivers'] = [];
    keys.forEach((k, i) => {
      const a = lows[i]?.get(f.key);
      const b = highs[i]?.get(f.key);
      seen(a);
      seen(b);
      const atLow = a ?? f.value;
      const atHigh = b ?? f.value;
      const swing = Math.abs(atHigh - atLow);
      if (swing > 0) drivers.push({ key: k.key, at_low: atLow, at_high: atHigh, swing });
    });
    const al = allLow?.get(f.key);
    const ah = allHigh?.get(f.key);
    drivers.sort((x, y) => y.swing - x.swing || (x.key < y.key ? -1 : 1));
    return {
      key: f.key,
      label: f.label,
      unit: f.unit,
      value: f.value,
      min,
      max,
      all_low: al ?? null,
      all_high: ah ?? null,
      drivers: drivers.slice(0, MAX_DRIVERS),
    };
  });
  return {
    method: 'one-at-a-time',
    runs: done,
    entries: keys.map((k) => ({ key: k.key, value: k.value, low: k.low, high: k.high, unit: k.unit })),
    unused: subject.unused,
    figures,
    failures,
  };
}
