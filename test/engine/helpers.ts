// Test helpers: scenarios from YAML files or inline objects, run to a RunDocument.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, formatScenarioError } from '../../shared/sim/validate/parse';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../shared/scenario/schema';
import { runScenario } from '../../shared/sim/engine/run';
import type { PagePoolStats, RunDocument } from '../../shared/doc/runDocument';

export const ROOT = join(__dirname, '..', '..');

export function scenarioFile(name: string, patch: Partial<Scenario> = {}): Scenario {
  const text = readFileSync(join(ROOT, 'scenarios', name), 'utf8');
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.errors.map((e) => formatScenarioError(e, name)).join('\n'));
  return { ...r.scenario, ...patch };
}

export function scenario(input: ScenarioInput): Scenario {
  return scenarioSchema.parse(input);
}

export function run(s: Scenario): RunDocument {
  return runScenario(s);
}

/** Sum one counter over every pool of the run. */
export function total(doc: RunDocument, stat: keyof PagePoolStats): number {
  return doc.pools.reduce((s, p) => s + p.stats[stat], 0);
}
