// Assemble the compare@1 document from a plan and its finished runs (ordered by matrix
// position and repeat, never by completion order).
import { COMPARE_FORMAT, type CompareDocument } from '../../doc/compareDocument';
import type { RunDocument } from '../../doc/runDocument';
import type { ComparePlan } from './plan';
import { compareTable } from './compareTable';

export function buildCompareDocument(
  plan: ComparePlan,
  docs: readonly RunDocument[],
  meta: CompareDocument['meta'],
  version: string,
): CompareDocument {
  if (docs.length !== plan.runs.length) throw new RangeError(`compare: ${docs.length} run documents for ${plan.runs.length} planned runs`);
  const runs: RunDocument[][] = plan.points.map(() => []);
  plan.runs.forEach((r, i) => {
    runs[r.point][r.repeat] = docs[i];
  });
  return {
    format: COMPARE_FORMAT,
    tool: { name: 'netmem-workbench', version },
    scenario_name: plan.scenarioName,
    matrix: plan.matrix,
    repeat: plan.repeat,
    points: plan.points,
    runs,
    table: compareTable(runs),
    meta,
  };
}
