// A compare plan: every (point, repeat) of a scenario's matrix as a concrete scenario, built with
// the scenario module's applyOverrides on the scenario's plain data (so values are written as in
// the file, `ring: 512`, `host.iommu: strict`, and validated like the file itself).
import { applyOverrides, formatScenarioError } from '../validate/parse';
import type { Scenario } from '../../scenario/schema';
import type { ComparePoint, CompareValue } from '../../doc/compareDocument';
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
      const o = pointScenario(doc, pt.overrides, pt.seeds[r]);
      if (!o.ok) throw new ComparePlanError(`compare point "${pt.label}": ${o.message}`);
      runs.push({ point: pt.index, repeat: r, scenario: o.scenario });
    }
  }
  return { scenarioName: scenario.name, matrix, repeat: reps, points, runs };
}

/**
 * The plain scenario of one (point, repeat): the point's overrides and the repeat's seed applied to
 * the scenario's data, with no matrix and one repeat. A queue worker derives its run from the same
 * text, overrides and seed with this function, so a distributed run is the local run.
 */
export function pointScenario(
  doc: unknown,
  overrides: Record<string, CompareValue>,
  seed: number,
): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const o = applyOverrides(doc, { ...overrides, seed });
  if (!o.ok) return { ok: false, message: o.errors.map((e) => formatScenarioError(e)).join('; ') };
  const s: Scenario = { ...o.scenario, repeat: 1 };
  delete s.compare;
  return { ok: true, scenario: s };
}
