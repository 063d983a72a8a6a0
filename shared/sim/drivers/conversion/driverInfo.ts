// NicResult.driver_info: what the driver states (description: buffer scheme, pool params,
// capabilities with structured reasons) plus the driver counters the run measured, summed over
// queues. Metadata bytes are measured by the engine, not here (metadata/holdMeter.ts).
import type { DriverDescription, RxQueueDriver } from '../driver';
import { flagNames } from '../common/poolParams';
import { CONVERSION_FACTS } from './conversionFacts';

/** Sum numeric leaves of plain objects (per-queue counters → per-NIC totals). */
function addCounters(into: Record<string, number>, from: unknown): void {
  if (from === null || typeof from !== 'object') return;
  for (const [k, v] of Object.entries(from as Record<string, unknown>)) {
    if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
  }
}

export function buildDriverInfo(desc: DriverDescription, queues: readonly RxQueueDriver[]): Record<string, unknown> {
  const counters: Record<string, number> = {};
  const reuseRules: Record<string, number> = {};
  for (const q of queues) {
    const info = q.info ? q.info() : null;
    if (info) {
      addCounters(counters, info.counters);
      addCounters(reuseRules, info.reuse_rules);
    }
  }
  const reuseTotal = Object.values(reuseRules).reduce((a, b) => a + b, 0);
  return {
    mode: desc.mode,
    ring: desc.ring,
    buffer_bytes: desc.buffer_bytes,
    buffers_per_page: desc.buffers_per_page,
    uses_page_pool: desc.uses_page_pool,
    page_pool: { ...desc.page_pool, flags: flagNames(desc.page_pool.flags) },
    refill: desc.refill,
    rx_gfp: desc.rx_gfp,
    recycle_paths: desc.recycle_paths,
    capabilities: desc.capabilities,
    conversion: CONVERSION_FACTS[desc.driver],
    counters,
    ...(reuseTotal > 0
      ? {
          reuse_rules: reuseRules,
          // legacy hns3: share of handed-over buffers whose page stayed with the driver (rules a–d)
          reuse_ratio: (reuseTotal - (reuseRules.e ?? 0)) / reuseTotal,
        }
      : {}),
  };
}
