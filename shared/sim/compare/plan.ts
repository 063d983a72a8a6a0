// A compare plan: every (point, repeat) of a scenario's matrix as a concrete scenario, built with
// the scenario module's applyOverrides on the scenario's plain data (so values are written as in
// the file, `ring: 512`, `host.iommu: strict`, and validated like the file itself).
import { applyOverrides, formatScenarioError } from '../../scenario/parse';
import type { Scenario } from '../../scenario/schema';
import type { ComparePoint, CompareValue } from '../result/compareDocument';
import { expandMatrix } from './expand';

export interface PlannedRun {
  point: number;
  repeat: number;
  scenario: Scenario;
}

export interface ComparePlan {
  scenarioName: string;
  matrix: Record<string, CompareValue[]>;
  repeat: number;
  points: ComparePoint[];
  /** point-major, repeat-minor: runs[point * repeat + r] */
  runs: PlannedRun[];
}

export class ComparePlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComparePlanError';
  }
}

/**
 * `doc` is the scenario's plain data (ParseResult.doc), `scenario` its parsed form.
 * `repeat` overrides the scenario's own `repeat`.
 */
export function planCompare(doc: unknown, scenario: Scenario, repeat?: number): ComparePlan {
  const reps = repeat ?? scenario.repeat;
  const matrix = scenario.compare ?? {};
  const { points } = expandMatrix(matrix, scenario.seed, reps);
  const runs: PlannedRun[] = [];
  for (const pt of points) {
    for (let r = 0; r < reps; r++) {
      const o = applyOverrides(doc, { ...pt.overrides, seed: pt.seeds[r] });
      if (!o.ok) {
        throw new ComparePlanError(`compare point "${pt.label}": ${o.errors.map((e) => formatScenarioError(e)).join('; ')}`);
      }
      // Each run is the plain scenario of its point: no matrix, one repeat.
      const s: Scenario = { ...o.scenario, repeat: 1 };
      delete s.compare;
      runs.push({ point: pt.index, repeat: r, scenario: s });
    }
  }
  return { scenarioName: scenario.name, matrix, repeat: reps, points, runs };
}
