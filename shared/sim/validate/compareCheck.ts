// The `compare` matrix: every key must be an override path that exists in this scenario, and
// every value must give a valid scenario when substituted alone. Checked once the base is valid.
import type { ScenarioError } from '../../scenario/scenarioError';
import { resolveOverrideTargets, setOverrides } from './overrides';
import { validateData } from './validate';
import { formatPath, locate, type YamlSource } from '../../scenario/yamlSource';

const NOT_COMPARABLE = new Set(['compare', 'repeat']);

export function compareChecks(doc: Record<string, unknown>, source?: YamlSource): ScenarioError[] {
  const matrix = doc.compare as Record<string, unknown[]> | undefined;
  if (!matrix) return [];
  const errors: ScenarioError[] = [];
  const at = (path: (string | number)[], message: string, atKey: boolean) => {
    const p = locate(source, path, atKey);
    errors.push({ path: formatPath(path), line: p.line, col: p.col, message });
  };
  const base = { ...doc };
  delete base.compare;
  for (const [key, values] of Object.entries(matrix)) {
    if (NOT_COMPARABLE.has(key)) {
      at(['compare', key], `"${key}" cannot be compared`, true);
      continue;
    }
    const t = resolveOverrideTargets(base, key);
    if (!t.ok) {
      at(['compare', key], t.message, true);
      continue;
    }
    values.forEach((value, j) => {
      const set = setOverrides(base, { [key]: value });
      if (!set.ok) {
        for (const e of set.errors) at(['compare', key, j], e.message, false);
        return;
      }
      const r = validateData(set.doc);
      if (r.ok) return;
      // One message per distinct problem, even when the key applies to several NICs.
      const seen = new Set<string>();
      for (const e of r.errors) {
        const generic = e.message;
        if (seen.has(generic)) continue;
        seen.add(generic);
        at(['compare', key, j], `as ${e.path || 'the scenario'}: ${e.message}`, false);
      }
    });
  }
  return errors;
}
