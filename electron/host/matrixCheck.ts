// A compare matrix is checked point by point before anything runs: the matrix must fit the run
// limit (expandMatrix), and every point — each combination of values, not only each value
// alone — must be a scenario the drivers accept. Errors are located at the `compare` key.
import type { ScenarioError } from '../../shared/api';
import { applyOverrides, scenarioErrorAt } from '../../shared/sim/validate/parse';
import type { Scenario } from '../../shared/scenario/schema';
import { expandMatrix } from '../../shared/sim/compare/expand';
import { driverRefusals } from './driverCheck';

export function matrixProblems(text: string, doc: unknown, scenario: Scenario): ScenarioError[] {
  if (!scenario.compare) return [];
  let points;
  try {
    points = expandMatrix(scenario.compare, scenario.seed, scenario.repeat).points;
  } catch (e) {
    if (e instanceof RangeError) return [scenarioErrorAt(text, ['compare'], e.message)];
    throw e;
  }
  const errors: ScenarioError[] = [];
  const seen = new Set<string>();
  const add = (message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    errors.push(scenarioErrorAt(text, ['compare'], message));
  };
  for (const pt of points) {
    // Each value alone was validated by the parser; a combination can still break a rule.
    const o = applyOverrides(doc, pt.overrides);
    if (!o.ok) {
      for (const e of o.errors) add(`point ${pt.label}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
      continue;
    }
    for (const r of driverRefusals(o.scenario)) add(`point ${pt.label}: ${r.message}`);
  }
  return errors;
}
