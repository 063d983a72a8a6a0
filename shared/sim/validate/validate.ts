// Plain data → Scenario: the zod schema, then the cross-field rules. Errors are located when a
// YAML source is given (parseScenario), and carry line 0 when the data came from elsewhere.
import type { ScenarioError } from '../../scenario/scenarioError';
import { budgetErrors } from './budget';
import { crossChecks } from './crossChecks';
import { translateIssues } from '../../scenario/issues';
import { fromScenario, partialScenario } from '../../scenario/partial';
import { scenarioSchema, type Scenario } from '../../scenario/schema';
import type { WalkableSchema } from '../../scenario/schemaWalk';
import type { YamlSource } from '../../scenario/yamlSource';

export type ValidateResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

export function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const k = `${e.path}\u0000${e.line}\u0000${e.col}\u0000${e.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path));
}

export function validateData(data: unknown, source?: YamlSource): ValidateResult {
  if (data === null || data === undefined) {
    return {
      ok: false,
      errors: [{ path: '', line: 1, col: 1, message: 'the file is empty; a scenario is a mapping with name, duration, nics and traffic' }],
    };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const found = Array.isArray(data) ? 'a list' : `${typeof data} ${JSON.stringify(data)}`;
    return {
      ok: false,
      errors: [{ path: '', line: 1, col: 1, message: `a scenario must be a mapping (name, duration, nics, traffic, …), got ${found}` }],
    };
  }
  const r = scenarioSchema.safeParse(data);
  if (!r.success) {
    const schemaErrors = translateIssues(r.error.issues, { schema: scenarioSchema as unknown as WalkableSchema, data, source });
    // Cross-field checks on what did parse; nothing twice for a path the schema already flagged.
    const flagged = new Set(schemaErrors.map((e) => e.path));
    const cross = crossChecks(partialScenario(data as Record<string, unknown>), source).filter((e) => !flagged.has(e.path));
    return { ok: false, errors: sortErrors([...schemaErrors, ...cross]) };
  }
  const errors = crossChecks(fromScenario(r.data), source);
  if (errors.length) return { ok: false, errors: sortErrors(errors) };
  // Only a scenario that is otherwise valid is estimated: the estimate needs every section.
  const budget = budgetErrors(r.data, source);
  return budget.length ? { ok: false, errors: budget } : { ok: true, scenario: r.data };
}
