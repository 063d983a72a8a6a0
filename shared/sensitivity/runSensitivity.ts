// `run --sensitivity`: the run, then the same scenario with the estimated cost entries it used
// moved to their bounds (sweep.ts), as an optional section of the run document.
import type { Scenario } from '../scenario/schema';
import { runScenario, type RunOptions } from '../sim/engine/run';
import { CostProbe } from '../sim/costs/probe';
import type { RunDocument } from '../doc/runDocument';
import { headlineFigures } from './headline';
import { estimatedKeys, relevantKeys } from './keys';
import { sweep } from './sweep';

export interface SensitivityOptions {
  /** options of the baseline run (progress, clock, meta) */
  run?: RunOptions;
  /** after each sensitivity run */
  onRun?(done: number, total: number): void;
}

/** Run the scenario with a cost probe, then the sensitivity set; the document carries both. */
export function runWithSensitivity(scenario: Scenario, opts: SensitivityOptions = {}): RunDocument {
  const probe = new CostProbe();
  const doc = runScenario(scenario, { ...opts.run, costs: { probe } });
  const host = scenario.host;
  const { used, unused } = relevantKeys(estimatedKeys(host.cpu.profile), probe, {
    profile: host.cpu.profile,
    variants: [...new Set(scenario.nics.map((n) => n.variant))],
    iommu: host.iommu,
    ghz: host.cpu.ghz,
  });
  const sensitivity = sweep(
    {
      keys: used,
      unused: unused.map((k) => k.key),
      evaluate: (overrides) => headlineFigures(runScenario(scenario, { costs: { overrides } })),
    },
    headlineFigures(doc),
    opts.onRun,
  );
  return { ...doc, sensitivity };
}
