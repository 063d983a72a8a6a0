// Which estimated cost entries a sensitivity run moves: the shared estimates (entries.ts,
// driverEntries.ts) and the estimated figures of the run's CPU profile (profiles.ts), kept only
// when moving them changes a cost the run actually used (docs/model/costs.md, "Sensitivity").
import type { CpuProfileName, IommuMode, Variant } from '../scenario/schema';
import { COST_ENTRIES, costTableFor, ppOpCycles, type CostEntryName, type CostKey, type CostTable } from '../sim/costs/costTable';
import type { CostProbe } from '../sim/costs/probe';
import { CPU_PROFILE_SPECS, PROFILE_FIGURES } from '../sim/costs/profiles';
import { isEstimate } from '../sim/costs/types';
import type { SensitivityEntry } from '../doc/sensitivityDocument';

export interface EstimatedKey extends SensitivityEntry {
  key: CostKey;
}

/** Every estimate that applies to a run on `profile`, in a stable order. */
export function estimatedKeys(profile: CpuProfileName): EstimatedKey[] {
  const out: EstimatedKey[] = [];
  for (const name of Object.keys(COST_ENTRIES).sort() as CostEntryName[]) {
    const e = COST_ENTRIES[name];
    if (isEstimate(e)) out.push({ key: name, value: e.value, low: e.range[0], high: e.range[1], unit: e.unit });
  }
  const spec = CPU_PROFILE_SPECS[profile];
  for (const f of PROFILE_FIGURES) {
    const e = spec.figures[f];
    if (isEstimate(e))
      out.push({ key: `${profile}.${f}`, value: e.value, low: e.range[0], high: e.range[1], unit: f === 'ghz' ? 'GHz' : 'cycles' });
  }
  return out;
}

/** The cost-table fields (and page_pool op cycles) that moving `key` to `v` changes. */
function changes(a: CostTable, b: CostTable, probe: CostProbe): boolean {
  for (const f of Object.keys(a) as (keyof CostTable)[]) {
    if (a[f] !== b[f] && probe.fields.has(f)) return true;
  }
  const oa = ppOpCycles(a);
  const ob = ppOpCycles(b);
  for (let op = 0; op < oa.length; op++) if (probe.ops[op] > 0 && oa[op] !== ob[op]) return true;
  return false;
}

export interface RunCostContext {
  profile: CpuProfileName;
  variants: readonly Variant[];
  iommu: IommuMode;
  ghz: number | undefined;
}

/** Split the estimates into those that can move this run's results and those it never used. */
export function relevantKeys(
  keys: EstimatedKey[],
  probe: CostProbe,
  ctx: RunCostContext,
): { used: EstimatedKey[]; unused: EstimatedKey[] } {
  const used: EstimatedKey[] = [];
  const unused: EstimatedKey[] = [];
  for (const k of keys) {
    let hit = k.key === `${ctx.profile}.ghz` && ctx.ghz === undefined; // the clock turns every cycle into time
    for (const variant of ctx.variants) {
      if (hit) break;
      const base = costTableFor(ctx.profile, variant, ctx.iommu, ctx.ghz);
      for (const v of [k.low, k.high]) {
        try {
          if (changes(base, costTableFor(ctx.profile, variant, ctx.iommu, ctx.ghz, { [k.key]: v }), probe)) {
            hit = true;
            break;
          }
        } catch {
          hit = true; // a bound that cannot be built is reported as a failure, not hidden
          break;
        }
      }
    }
    (hit ? used : unused).push(k);
  }
  return { used, unused };
}
