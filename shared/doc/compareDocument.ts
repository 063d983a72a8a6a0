// The compare document: one scenario expanded over its `compare` matrix (and `repeat`),
// `"format": "netmem-workbench/compare@1"`. Consumed by the compare view and the compare report.
//
// Statistics conventions (stated once, used everywhere):
// - every metric of every matrix point is summarised over its repeats as mean, sample standard
//   deviation (n − 1 in the denominator; 0 when n = 1), min and max;
// - `spread` is that sample standard deviation;
// - the delta of a point is taken against point 0 (the first run of the matrix), mean minus mean;
// - a delta is `meaningful` only when |delta| exceeds the combined spread of the two points
//   (stddev of point 0 + stddev of this point, i.e. the ±1σ bands do not overlap). With a single
//   repeat the spread is unknown: `spread_known` is false and no delta is meaningful (a change
//   cannot be told from noise without a spread).
import type { RunDocument } from './runDocument';

export const COMPARE_FORMAT = 'netmem-workbench/compare@1' as const;

export type CompareValue = string | number | boolean;

/** One point of the expanded matrix: the overrides applied to the base scenario. */
export interface ComparePoint {
  /** position in the cartesian product (row-major over the matrix keys in file order) */
  index: number;
  /** short human label, e.g. `variant=netmem driver=hns3` */
  label: string;
  /** path → value, in matrix key order, e.g. { variant: 'netmem', 'nics[0].ring': 512 } */
  overrides: Record<string, CompareValue>;
  /** seed of each repeat: repeat 0 keeps the scenario seed, later ones are derived from it */
  seeds: number[];
}

export type MetricGroup = 'throughput' | 'drops' | 'cpu' | 'page_pool' | 'memory' | 'metadata' | 'driver';

export interface MetricDef {
  /** stable key, e.g. `nic/eth0/gbps`, `nic/eth0/pp/alloc_fast`, `nic/eth0/metadata/memdesc_bytes` */
  key: string;
  label: string;
  unit: string;
  group: MetricGroup;
  /** direction a reader prefers; 'none' for neutral counters */
  better: 'higher' | 'lower' | 'none';
}

export interface MetricStat {
  n: number;
  mean: number;
  /** sample standard deviation (n − 1); 0 when n = 1 */
  stddev: number;
  min: number;
  max: number;
  /** one value per repeat, in repeat order */
  values: number[];
}

export interface MetricDelta {
  /** mean(point) − mean(point 0) */
  abs: number;
  /** abs / |mean(point 0)|; null when point 0's mean is 0 */
  rel: number | null;
  /** stddev(point 0) + stddev(point); the threshold |abs| must exceed */
  spread: number;
  spread_known: boolean;
  meaningful: boolean;
  /**
   * Paired view: every point runs the same repeat seeds (common random numbers), so
   * repeat r of this point and repeat r of point 0 saw the same traffic draw. mean and sample
   * stddev of the per-repeat differences; `meaningful` when |mean| exceeds that stddev and the
   * differences are not all zero. Present when both points have ≥ 2 repeats. A small, steady
   * difference (e.g. +1 cycle/packet from netmem_is_net_iov()) shows here even when the seed-to-
   * seed spread hides it in the unpaired rule above.
   */
  paired?: { mean: number; stddev: number; meaningful: boolean };
}

export interface CompareCell {
  /** null when the metric does not exist for that point (e.g. no page_pool in hns3 legacy mode) */
  stat: MetricStat | null;
  /** null for point 0 and where either side has no value */
  delta: MetricDelta | null;
}

export interface CompareRow {
  metric: MetricDef;
  /** aligned with `points` */
  cells: CompareCell[];
}

export interface CompareDocument {
  format: typeof COMPARE_FORMAT;
  tool: { name: 'netmem-workbench'; version: string };
  /** the base scenario's name and the matrix as written */
  scenario_name: string;
  matrix: Record<string, CompareValue[]>;
  repeat: number;
  points: ComparePoint[];
  /** runs[point][repeat]; ordered by matrix position and repeat, never by completion */
  runs: RunDocument[][];
  table: CompareRow[];
  /** wall-clock figures only here, as in the run document */
  meta: { wall_ms: number; workers: number; started_at: string };
}
