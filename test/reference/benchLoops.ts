// The three loops of bench_page_pool_simple (tools/testing/selftests/net/bench/page_pool/
// bench_page_pool_simple.c), driven against the page_pool model and billed with the cycles the
// engine charges for each page_pool operation (ppOpCycles, as engine/driverContext.ts poolHooks):
// cycles per element of page_pool operations alone. Pool as the benchmark makes it: order 0,
// pool_size 1024, flags 0 (no DMA), NUMA_NO_NODE, softirq context (tasklet).
//   fast_path: alloc + page_pool_recycle_direct            ("XDP_DROP use-case")
//   ptr_ring : alloc + page_pool_put_page(…, false)         (normal return path, via ptr_ring)
//   slow     : alloc + release to the page allocator       (page made non-recyclable by an extra
//              reference, so the put releases it: recycle_released_refcnt, release, put_page)
import { makeHarness } from '../page_pool/harness';
import { costTableFor, ppOpCycles, type CostOverrides } from '../../shared/sim/costs/costTable';
import type { CpuProfileName, Variant } from '../../shared/scenario/schema';
import { NUMA_NO_NODE, PP_OP_COUNT } from '../../shared/sim/page_pool/types';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

export type BenchLoop = 'fast_path' | 'ptr_ring' | 'slow';

export function benchLoopCycles(
  profile: CpuProfileName,
  variant: Variant,
  loop: BenchLoop,
  overrides: CostOverrides = {},
  loops = 64 * 200,
): number {
  const h = makeHarness();
  h.exec.inSoftirq = true;
  h.exec.cpu = 0;
  h.exec.napiPollingCore = -1; // a tasklet, not a NAPI poll: only recycle_direct is direct
  const pool = h.pool({ pool_size: 1024, flags: 0, nid: NUMA_NO_NODE, napiCore: -1, max_len: 0 });
  const cycles = ppOpCycles(costTableFor(profile, variant, 'off', undefined, overrides));
  const step = (): void => {
    const ref = pool.allocNetmems();
    if (ref === 0) throw new Error('bench loop: allocation failed');
    if (loop === 'fast_path') {
      pool.recycleDirectNetmem(ref);
    } else if (loop === 'ptr_ring') {
      pool.putFullNetmem(ref, false);
    } else {
      const page = netmemIndex(ref);
      h.mm.pageRefInc(page);
      pool.putFullNetmem(ref, false);
      h.mm.pageRefDec(page);
    }
  };
  // Warm-up as the module does (64 pages prefilled), then one refill period, then measure
  // whole refill periods (64 elements each).
  for (let i = 0; i < 64; i++) pool.recycleDirectNetmem(pool.allocNetmems());
  for (let i = 0; i < 64 * 4; i++) step();
  const before = Float64Array.from(h.ops);
  for (let i = 0; i < loops; i++) step();
  let total = 0;
  for (let op = 0; op < PP_OP_COUNT; op++) total += (h.ops[op] - before[op]) * cycles[op];
  return total / loops;
}
