// What a run needs to know about its costs besides the scenario: overrides of cost entries (the
// sensitivity run moves estimates to their bounds) and, optionally, a probe that records which
// cost-table fields the run read and which page_pool operations it charged, so the sensitivity
// run only moves the entries that can change the result (docs/model/costs.md, "Sensitivity").
import type { CpuProfileName, IommuMode, Variant } from '../../scenario/schema';
import { PP_OP_COUNT } from '../page_pool/types';
import { costTableFor, type CostOverrides, type CostTable, type CpuProfile } from './costTable';

export class CostProbe {
  /** cost-table fields read by the engine, drivers, stack and consumer */
  readonly fields = new Set<string>();
  /** page_pool operations charged, by PP_OP_* code */
  readonly ops = new Float64Array(PP_OP_COUNT);
  private readonly raw = new WeakMap<object, CostTable>();

  wrap(c: CostTable): CostTable {
    const fields = this.fields;
    const p = new Proxy(c, {
      get(target, key, receiver) {
        if (typeof key === 'string') fields.add(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    this.raw.set(p, c);
    return p;
  }

  /** The table behind a wrapped one (page_pool op cycles are tracked by ops, not by reads). */
  unwrap(c: CostTable): CostTable {
    return this.raw.get(c) ?? c;
  }
}

export interface CostSetup {
  readonly overrides?: CostOverrides;
  readonly probe?: CostProbe;
}

export function makeCostTable(
  setup: CostSetup,
  profile: CpuProfileName | CpuProfile,
  variant: Variant,
  iommu: IommuMode,
  ghz?: number,
): CostTable {
  const t = costTableFor(profile, variant, iommu, ghz, setup.overrides ?? {});
  return setup.probe ? setup.probe.wrap(t) : t;
}
