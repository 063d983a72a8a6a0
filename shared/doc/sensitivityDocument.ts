// The optional sensitivity section of a run document (`sensitivity`): how far each headline
// figure moves when the estimated cost entries go to the ends of their ranges, and which entries
// move it most. Method and limits: docs/model/costs.md, "Sensitivity".

/** One estimated entry the run moved. `key` is an entry name or `<profile>.<figure>`. */
export interface SensitivityEntry {
  key: string;
  value: number;
  low: number;
  high: number;
  unit: string;
}

/** One entry's effect on one figure: the figure with the entry at its low and at its high bound. */
export interface SensitivityDriver {
  key: string;
  at_low: number;
  at_high: number;
  /** |at_high − at_low| */
  swing: number;
}

export interface SensitivityFigure {
  /** e.g. `nic/eth0/gbps` */
  key: string;
  label: string;
  unit: string;
  value: number;
  /** smallest and largest value over the baseline and the one-at-a-time runs */
  min: number;
  max: number;
  /** every moved entry at its low bound, then every one at its high bound (the corners) */
  all_low: number | null;
  all_high: number | null;
  /** the entries that move this figure, largest swing first (tornado order), at most 8 */
  drivers: SensitivityDriver[];
}

export interface SensitivityResult {
  /** 'one-at-a-time' (each estimate to its low and high bound, the others at their values) plus all-low and all-high */
  method: 'one-at-a-time';
  runs: number;
  entries: SensitivityEntry[];
  /** estimated entries this run never charged, so not moved */
  unused: string[];
  figures: SensitivityFigure[];
  /** runs that could not be built (a bound leaves no cycles for another operation) */
  failures: { key: string; bound: 'low' | 'high'; message: string }[];
}
