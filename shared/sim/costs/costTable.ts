// THE cost table: every CPU cost the simulation charges, in cycles per operation, with its source.
// Calibrate inputs, never outputs: each figure is a measured micro-benchmark input from
// docs/model/costs.md (section named), decomposed by stated arithmetic, or marked
// ESTIMATE with the reason. Run results are never written here.
//
// Decomposition of the page_pool micro-benchmark (bench_page_pool_simple, docs/model/costs.md: page_pool micro-benchmarks),
// per element, per profile, with F = fast_path, P = ptr_ring, S = slow loop:
//   fast  loop = alloc_fast + recycle_direct                     → each F/2  (ESTIMATE: symmetric
//                                                                   pop/push on the same lockless array)
//   ring  loop = alloc_fast + refill_per_buf + recycle_ring       → refill_per_buf = F/2 (ESTIMATE: one
//                                                                   ring slot read + one cache store),
//                                                                   recycle_ring = P − F
//   slow  loop = alloc_fast + page_alloc(order 0, bulk) + release + page_free
//                                                                 → release = F/2 (ESTIMATE: pp bookkeeping),
//                                                                   page_alloc + page_free = S − F, split
//                                                                   evenly (ESTIMATE)
// The netmem variant adds the `netmem_is_net_iov()` test on the put path: +1 cycle (docs/model/costs.md: page_pool micro-benchmarks,
// Mina Almasry: "about 8 cycles without the changes ... regresses to 9 cycles").
import type { CpuProfileName, IommuMode, Variant } from '../../scenario/schema';
import * as PP from '../page_pool/types';
import { driverCostEntries } from '../drivers/conversion/driverCosts';

export interface CpuProfile {
  /** a shipped CpuProfileName, or the name of a calibrated profile (cpuProfileOf.ts) */
  name: string;
  label: string;
  /** TSC GHz (cycles ÷ ns of the published figure, or the stated clock) */
  ghz: number;
  /** bench_page_pool_simple per-element cycles: tasklet fast_path, ptr_ring, slow */
  fast: number;
  ptrRing: number;
  slow: number;
  /**
   * Scale for generic kernel code (driver, stack, IRQ) relative to the E5-1650 v4, taken as
   * slow(profile) / slow(E5): the page-allocator loop is the most generic kernel path measured on
   * every profile (it moves with SRSO/IBPB like call-heavy stack code does). ESTIMATE.
   */
  kernelScale: number;
  /** "atomic_inc" and "lock" (spin_lock+unlock) baselines of the same benchmark, cycles */
  atomic: number;
  lock: number;
  source: string;
}

const E5_SLOW = 238;

export function profile(p: Omit<CpuProfile, 'kernelScale' | 'atomic' | 'lock'> & { atomic?: number; lock?: number }): CpuProfile {
  const kernelScale = p.slow / E5_SLOW;
  // Where a profile has no published baseline, ESTIMATE it from the E5's (17 / 37) by kernelScale.
  return { ...p, kernelScale, atomic: p.atomic ?? 17 * kernelScale, lock: p.lock ?? 37 * kernelScale };
}

export const CPU_PROFILE_TABLE: Readonly<Record<CpuProfileName, CpuProfile>> = {
  'xeon-e5-1650-v4': profile({
    name: 'xeon-e5-1650-v4', label: 'Intel Xeon E5-1650 v4 @ 3.60GHz', ghz: 3.6, fast: 19, ptrRing: 54, slow: 238,
    atomic: 17, lock: 37, // page_pool07 baselines "17 cycles(tsc)", "37 cycles(tsc)"
    source: 'docs/model/costs.md (page_pool micro-benchmarks), xdp-project page_pool07_bench_DMA_fix.org baseline (6.13-rc6): 19 / 54 / 238 cycles',
  }),
  'epyc-9684x': profile({
    name: 'epyc-9684x', label: 'AMD EPYC 9684X, default mitigations (SRSO)', ghz: 54 / 21.256, fast: 54, ptrRing: 118, slow: 354,
    atomic: 4, lock: 37, // page_pool08 baselines
    source: 'docs/model/costs.md (page_pool micro-benchmarks), page_pool08_bench_AMD.org default: 54 / 118 / 354 cycles (21.256 ns → 2.54 GHz)',
  }),
  'epyc-9684x-ibpb': profile({
    name: 'epyc-9684x-ibpb', label: 'AMD EPYC 9684X, spec_rstack_overflow=ibpb', ghz: 14 / 5.555, fast: 14, ptrRing: 31, slow: 95,
    atomic: 4, lock: 15, // page_pool08 baselines with IBPB (atomic_inc not re-stated: same as default)
    source: 'docs/model/costs.md (page_pool micro-benchmarks), page_pool08_bench_AMD.org with IBPB: 14 / 31 / 95 cycles',
  }),
  'xeon-platinum-8580': profile({
    name: 'xeon-platinum-8580', label: 'Intel Xeon Platinum 8580', ghz: 15 / 7.537, fast: 15, ptrRing: 30,
    // No slow figure published: ESTIMATE slow = ptr_ring × (238/54), the E5 ratio.
    slow: Math.round(30 * (238 / 54)),
    source: 'docs/model/costs.md (page_pool micro-benchmarks), Dragos Tatulea via Jesper 2025-11-10: 15 / 30 cycles; slow ESTIMATED from the E5 ratio',
  }),
  'xeon-platinum-8481c': profile({
    name: 'xeon-platinum-8481c', label: 'Intel Xeon Platinum 8481C @ 2.70GHz (GCP A3)', ghz: 11 / 4.177, fast: 11, ptrRing: 51,
    // Only the no-softirq pp01/pp02 run is published; slow ESTIMATED from the E5 ratio.
    slow: Math.round(51 * (238 / 54)),
    source: 'docs/model/costs.md (page_pool micro-benchmarks), Mina Almasry 2025 (A3 VM): pp01 11 cycles, pp02 51 cycles; slow ESTIMATED',
  }),
  'seed-8-cycle': profile({
    name: 'seed-8-cycle', label: 'devmem cover-letter host ("8 cycle fast path")', ghz: 3.0, fast: 8,
    // Only the fast path is published; ptr_ring and slow ESTIMATED by the E5 ratios; GHz unknown (3.0 ESTIMATE).
    ptrRing: Math.round(8 * (54 / 19)), slow: Math.round(8 * (238 / 19)),
    source: 'docs/model/costs.md (page_pool micro-benchmarks), devmem TCP cover letter: "about 8 cycles without the changes ... 9 cycles"',
  }),
};

/** Everything the simulation charges, cycles per operation (already scaled to the profile). */
export interface BaseCosts {
  // ---- page_pool (net/core/page_pool.c) ----
  pp_alloc_fast: number;        // pop from the alloc cache
  pp_refill_per_buf: number;    // move one ptr_ring entry into the cache (page_pool_refill_alloc_cache)
  pp_recycle_direct: number;    // push into the alloc cache (page_pool_recycle_in_cache)
  pp_recycle_ring: number;      // produce into the ptr_ring under the producer lock
  pp_release: number;           // page_pool_return_netmem bookkeeping (without unmap / put_page)
  pp_slow_per_page: number;     // pp info init + cache push of one bulk-allocated page
  pp_netmem_check: number;      // netmem variant: netmem_is_net_iov() on the put path
  // ---- page allocator (mm/page_alloc.c) ----
  page_alloc_order0: number;    // per page of alloc_pages_bulk
  page_free_order0: number;     // put_page reaching zero, order 0
  page_alloc_per_order: number; // extra alloc+free cycles per order step (high order)
  page_alloc_below_low: number; // extra cycles when the node is below its low watermark (reclaim/fallback)
  // ---- DMA (by IOMMU mode), per buffer ----
  dma_map: number;
  dma_unmap: number;
  dma_sync: number;
  // ---- NAPI / IRQ ----
  irq: number;
  napi_poll: number;
  // ---- driver (generic) ----
  drv_rx_desc: number;          // read one completion, sync for CPU, prefetch header
  drv_refill_desc: number;      // write one RX descriptor (excl. the page_pool call)
  drv_doorbell: number;         // MMIO tail write, once per refill batch
  xdp_prog: number;             // run a trivial XDP program (XDP_DROP)
  // ---- stack ----
  skb_build: number;            // napi_build_skb from the per-CPU skb cache
  skb_free: number;             // skb head back to the napi skb cache
  gro_per_pkt: number;          // dev_gro_receive: flow lookup and merge
  ip_tcp_per_skb: number;       // ip_rcv + tcp_v4_rcv + queue to socket, per (GRO'ed) skb
  ip_udp_per_skb: number;       // ip_rcv + udp_rcv + queue to socket
  app_recv_call: number;        // recvmsg syscall, per skb read
  copy_per_byte: number;        // copy to user, per byte (skb_copy_datagram_iter)
  put_page: number;             // put_page of a non-pp page (not reaching zero)
  // ---- devmem TCP ----
  devmem_token: number;         // recvmsg(MSG_SOCK_DEVMEM), per frag: sk_user_frags store + put_cmsg of a dmabuf_cmsg
  devmem_dontneed_call: number; // setsockopt(SO_DEVMEM_DONTNEED) syscall + copy_from_user of the token array
  devmem_dontneed_frag: number; // per frag returned: xa_erase (the put itself is charged by page_pool)
}

/**
 * Driver-specific entries: add fields here and their values in `driverCosts()`
 * below, each with its source. Keep this section driver-only.
 */
export interface DriverCosts {
  [key: `drv_${string}`]: number;
}

export interface CostTable extends BaseCosts, DriverCosts {
  readonly profile: string;
  /** the profile the costs were derived from */
  readonly cpu: CpuProfile;
  readonly ghz: number;
  readonly variant: Variant;
  readonly iommu: IommuMode;
  /** Time interrupt moderation holds an IRQ after the first completion (ns). */
  readonly irq_coalesce_ns: number;
}

/**
 * page_pool operation codes (page_pool/types.ts PP_OP_*) → cycles, for the pool's charge hook.
 * Built once per run; indexing a Float64Array keeps the hot path cheap.
 */
export function ppOpCycles(c: CostTable): Float64Array {
  const p = c.cpu;
  const k = p.kernelScale;
  const t = new Float64Array(PP.PP_OP_COUNT);
  t[PP.PP_OP_ALLOC_FAST] = c.pp_alloc_fast;
  t[PP.PP_OP_REFILL_CALL] = 20 * k; // ESTIMATE: ring-empty check + loop setup, amortised over ≤ 64 entries
  t[PP.PP_OP_REFILL_ENTRY] = c.pp_refill_per_buf;
  t[PP.PP_OP_SLOW_BULK_CALL] = 50 * k; // ESTIMATE: alloc_pages_bulk_node entry (pcp list lock), per call
  t[PP.PP_OP_SLOW_PAGE] = c.pp_slow_per_page + c.page_alloc_order0;
  // order-3 "approx 500 cycles" alloc+free (docs/model/costs.md: page allocator): half of it for the allocation.
  t[PP.PP_OP_HIGH_ORDER_PAGE] = c.pp_slow_per_page + 250 * k;
  t[PP.PP_OP_DMA_MAP] = c.dma_map;
  t[PP.PP_OP_DMA_UNMAP] = c.dma_unmap;
  t[PP.PP_OP_DMA_SYNC_DEV] = c.dma_sync;
  t[PP.PP_OP_RECYCLE_DIRECT] = c.pp_recycle_direct;
  t[PP.PP_OP_RECYCLE_RING] = c.pp_recycle_ring;
  t[PP.PP_OP_RELEASE] = c.pp_release;
  t[PP.PP_OP_PUT_PAGE] = c.page_free_order0;
  t[PP.PP_OP_NETMEM_CHECK] = c.pp_netmem_check;
  t[PP.PP_OP_PP_REF_ATOMIC] = p.atomic;
  t[PP.PP_OP_PROVIDER_ALLOC] = 100 * k; // ESTIMATE: gen_pool_alloc of one 4K chunk + niov attach
  t[PP.PP_OP_PROVIDER_RELEASE] = 50 * k; // ESTIMATE: gen_pool_free of one chunk
  t[PP.PP_OP_FRAG_ALLOC] = 5 * k; // ESTIMATE: frag offset/users bookkeeping
  t[PP.PP_OP_BULK_LOCK] = p.lock;
  return t;
}

/** Cycles → ns at the profile clock. */
export function cyclesToNs(costs: CostTable, cycles: number): number {
  return cycles / costs.ghz;
}

// DMA mapping costs in ns per 4 KiB buffer (docs/model/costs.md: DMA and IOMMU, Qinxin Xia dma_map_benchmark: single map
// 1.0 µs / unmap 1.3 µs for 8 × 4K → 125 / 162.5 ns per 4K [derived]). Taken as the strict
// (synchronous IOTLB invalidation) cost. Lazy (DMA-FQ) ESTIMATE: the NVMe figure (lazy 16.4 vs
// passthrough 16.5 vs strict 2.8 M IOPS) says lazy is close to no IOMMU; we keep 30 % of the map
// (IOVA alloc from the rcache + PTE write) and 10 % of the unmap (flush queued, not waited for).
// Off: dma-direct, a phys→dma translation: ESTIMATE 10 / 5 cycles.
const DMA_NS: Record<IommuMode, { map: number; unmap: number } | null> = {
  strict: { map: 125, unmap: 162.5 },
  lazy: { map: 125 * 0.3, unmap: 162.5 * 0.1 },
  off: null,
  // Identity default domain: dma_map_page_attrs takes dma-direct (the device does not use
  // dma-iommu), the same CPU path as no IOMMU (docs/model/iommu.md#passthrough).
  passthrough: null,
};

export function costTableFor(profileName: CpuProfileName | CpuProfile, variant: Variant, iommu: IommuMode, ghzOverride?: number): CostTable {
  const p = typeof profileName === 'string' ? CPU_PROFILE_TABLE[profileName] : profileName;
  if (!p) throw new RangeError(`unknown CPU profile ${String(profileName)}`);
  const ghz = ghzOverride ?? p.ghz;
  const k = p.kernelScale;
  const F = p.fast;
  const dma = DMA_NS[iommu];
  const base: BaseCosts = {
    pp_alloc_fast: F / 2,
    pp_refill_per_buf: F / 2,
    pp_recycle_direct: F / 2,
    pp_recycle_ring: p.ptrRing - F,
    pp_release: F / 2,
    pp_slow_per_page: F / 2,
    pp_netmem_check: variant === 'netmem' ? 1 : 0,
    page_alloc_order0: (p.slow - F) / 2,
    page_free_order0: (p.slow - F) / 2,
    // order-3 alloc+free "approx 500 cycles" vs order-0 "231 cycles" (docs/model/costs.md: page allocator, Jesper 2016):
    // (500 − 231) / 3 per order step, scaled to the profile.
    page_alloc_per_order: ((500 - 231) / 3) * k,
    // "something like 2500 cycles" for the order fallback under pressure (docs/model/costs.md: page allocator).
    page_alloc_below_low: 2500 * k,
    dma_map: dma ? dma.map * ghz : 10 * k,
    dma_unmap: dma ? dma.unmap * ghz : 5 * k,
    // ESTIMATE: x86 is DMA-coherent; dma_sync_single_for_device is a call that does no cache work.
    dma_sync: 4 * k,
    // ESTIMATE: hard IRQ entry/exit + raise NET_RX softirq + softirq entry, ≈ 0.5 µs on the E5.
    irq: 1800 * k,
    // ESTIMATE: net_rx_action / napi_poll bookkeeping per poll (incl. gro flush).
    napi_poll: 300 * k,
    // ESTIMATE: per completion: descriptor read, dma sync for CPU, one LLC-hit header prefetch
    // (DDIO; a full miss is 32 ns on an E5-2650, docs/model/costs.md: memory and caches).
    drv_rx_desc: 60 * k,
    drv_refill_desc: 15 * k,
    drv_doorbell: 100 * k,
    // ESTIMATE: XDP paper, 1 core XDP_DROP 25.6 Mpps (docs/model/costs.md: XDP and recycling results) ≈ 120 cycles per packet for the
    // whole driver path; the program itself a small part.
    xdp_prog: 20 * k,
    // slab bulk "kmem-bulk ... 64 cycles(tsc)" per elem (docs/model/costs.md: slab) for the skb head, + ESTIMATE 40 init.
    skb_build: (64 + 40) * k,
    skb_free: 64 * k,
    // ESTIMATE: per-packet GRO flow match and frag merge.
    gro_per_pkt: 120 * k,
    // ESTIMATE: ~42 Gbit/s per core TCP RX incl. copy (Cai'21, docs/model/costs.md: devmem TCP and io_uring zcrx) leaves a few hundred
    // cycles per skb for IP+TCP once the copy is taken out.
    ip_tcp_per_skb: 600 * k,
    ip_udp_per_skb: 350 * k,
    app_recv_call: 500 * k,
    // ≈ 8 GB/s single-thread copy (McCalpin proxy, docs/model/costs.md: memory and caches [derived, uncertain]) at the profile clock.
    copy_per_byte: ghz / 8,
    // one atomic decrement: "atomic_inc 17 cycles" on the E5 (docs/model/costs.md: page_pool micro-benchmarks, baselines).
    put_page: 17 * k,
    // ESTIMATE: an xarray store (batched under one xa_lock by tcp_xa_pool) and a 24-byte put_cmsg.
    devmem_token: 60 * k,
    // ESTIMATE: a syscall round trip like recvmsg's (app_recv_call) for setsockopt.
    devmem_dontneed_call: 500 * k,
    // ESTIMATE: xa_erase of one id, under the xarray lock taken once per batch of 16.
    devmem_dontneed_frag: 20 * k,
  };
  return { ...base, ...driverCosts(p, iommu, variant), profile: p.name, cpu: p, ghz, variant, iommu, irq_coalesce_ns: IRQ_COALESCE_NS };
}

/** ESTIMATE: typical adaptive interrupt moderation at high rate (ethtool -c rx-usecs ≈ 8). */
export const IRQ_COALESCE_NS = 8_000;

// ======================= driver-specific costs =======================
// Add one line per entry: `drv_<driver>_<what>: cycles * p.kernelScale, // source`.
// Entries, sources and ESTIMATE marks live in shared/sim/drivers/conversion/driverCosts.ts, which
// also states what the page → netmem conversion changes per operation.
function driverCosts(p: CpuProfile, iommu: IommuMode, variant: Variant): DriverCosts {
  void iommu;
  return driverCostEntries(p.kernelScale, variant);
}
// ======================= end of driver-specific costs =======================
