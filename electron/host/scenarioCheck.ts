// A scenario text checked short of running it: the parser (schema, cross-field, compare values),
// then what the driver models refuse for each NIC and for each compare point. Used by the CLI's
// file reader and by queue workers, which get the text over the queue.
import { DEFAULT_MAX_BYTES, parseScenario, scenarioErrorAt } from '../../shared/sim/validate/parse';
import type { Scenario } from '../../shared/scenario/schema';
import type { ScenarioError } from '../../shared/scenario/scenarioError';
import { driverRefusals } from './driverCheck';
import { matrixProblems } from './matrixCheck';

export type CheckResult = { ok: true; scenario: Scenario; doc: unknown } | { ok: false; errors: ScenarioError[] };

/**
 * Everything short of running: the parser (schema, cross-field, compare values), then what the
 * driver models refuse for each NIC and for each compare point. Usable by any Node host.
 */
export function checkScenarioText(text: string, maxBytes = DEFAULT_MAX_BYTES): CheckResult {
  const r = parseScenario(text, { maxBytes });
  if (!r.ok) return r;
  const refused = driverRefusals(r.scenario).map((d) => scenarioErrorAt(text, ['nics', d.nic], d.message));
  if (refused.length) return { ok: false, errors: refused };
  const matrix = matrixProblems(text, r.doc, r.scenario);
  if (matrix.length) return { ok: false, errors: matrix };
  return r;
}
