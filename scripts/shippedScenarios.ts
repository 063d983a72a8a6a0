// Every shipped scenario as the tool runs it: scenarios/*.yaml, scenarios/reference/*.yaml and
// every point of scenarios/compare/*.yaml (repeat 0, the scenario's own seed). Shared by the
// metadata table script and the test that checks the metadata of every shipped run.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { formatScenarioError, parseScenario } from '../shared/sim/validate/parse';
import type { Scenario } from '../shared/scenario/schema';
import { planCompare } from '../shared/sim/compare/plan';

export const SCENARIO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../scenarios');

export interface ShippedRun {
  /** e.g. `reference/gve-devmem-200g`, `compare/gve-page-vs-netmem#variant=netmem` */
  name: string;
  scenario: Scenario;
}

export function shippedRuns(): ShippedRun[] {
  const out: ShippedRun[] = [];
  for (const dir of ['', 'reference', 'compare']) {
    const d = path.join(SCENARIO_ROOT, dir);
    for (const f of readdirSync(d)
      .filter((n) => n.endsWith('.yaml'))
      .sort()) {
      const file = `${dir ? `${dir}/` : ''}${f}`;
      const r = parseScenario(readFileSync(path.join(d, f), 'utf8'));
      if (!r.ok) throw new Error(r.errors.map((e) => formatScenarioError(e, file)).join('\n'));
      const base = file.replace(/\.yaml$/, '');
      if (dir !== 'compare') {
        out.push({ name: base, scenario: r.scenario });
        continue;
      }
      const plan = planCompare(r.doc, r.scenario, 1);
      for (const run of plan.runs) out.push({ name: `${base}#${plan.points[run.point].label}`, scenario: run.scenario });
    }
  }
  return out;
}
