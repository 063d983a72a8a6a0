// THE cost table: every CPU cost the simulation charges, in cycles per operation on the simulated
// profile, built from the profile's measured figures (profiles.ts) and the shared entries
// (entries.ts, driverEntries.ts), each with its publication or its estimate and range
// (docs/model/costs.md). Run results are never written back here.
//
// The bench_page_pool_simple loops of a profile (F fast, P ptr_ring, S slow) are split so that the
// model's own operation counts in each loop add back to the published total (the pool takes 64
// pages per refill or bulk call, PP_ALLOC_CACHE_REFILL in net/core/page_pool.c, so one alloc in 64
// is the refill/slow call itself and 63 pop the cache):
//   fast = alloc_fast + recycle_direct
//   ring = 63/64 alloc_fast + refill_call/64 + refill_entry + recycle_ring     → recycle_ring
//   slow = 63/64 alloc_fast + bulk_call/64 + slow_page + release + page alloc + page free
//                                                                           → page alloc + free
// test/reference/benchLoops.test.ts drives the loops through the page_pool model and checks the
// totals against the published figures for every profile.
import type { CpuProfileName, IommuMode, Variant } from '../../scenario/schema';
import { CPU_PROFILES } from '../../scenario/schema';
import * as PP from '../page_pool/types';
import {
  DEVMEM_ENTRIES,
  DMA_ENTRIES,
  GENERIC_DRIVER_ENTRIES,
  NAPI_ENTRIES,
  PAGE_ALLOC_ENTRIES,
  PAGE_POOL_ENTRIES,
  SCALING_ENTRIES,
  STACK_ENTRIES,
} from './entries';
import { DRIVER_ENTRIES, type DriverEntry } from './driverEntries';
import { ZCRX_ENTRIES } from './providerEntries';
import { CPU_PROFILE_SPECS, E5_SLOW, type BenchContext, type ProfileFigureName } from './profiles';
import type { CostEntry } from './types';

/** Every shared entry by name (one entry per operation: a duplicate name would not compile). */
export const COST_ENTRIES = {
  ...PAGE_POOL_ENTRIES,
  ...PAGE_ALLOC_ENTRIES,
  ...DMA_ENTRIES,
  ...NAPI_ENTRIES,
  ...GENERIC_DRIVER_ENTRIES,
  ...STACK_ENTRIES,
  ...DEVMEM_ENTRIES,
  ...SCALING_ENTRIES,
  ...DRIVER_ENTRIES,
  ...ZCRX_ENTRIES,
} as const satisfies Record<string, CostEntry>;
export type CostEntryName = keyof typeof COST_ENTRIES;

/** What a sensitivity run may move: a shared entry, or a figure of a profile. */
export type CostKey = CostEntryName | `${CpuProfileName}.${ProfileFigureName}`;
export type CostOverrides = Readonly<Partial<Record<CostKey, number>>>;

export interface CpuProfile {
  /** a shipped CpuProfileName, or the name of a calibrated profile (cpuProfileOf.ts) */
  name: string;
  label: string;
  measuredOn: string;
  context: BenchContext;
  /** TSC GHz */
  ghz: number;
  /** bench_page_pool_simple cycles per element: fast_path, ptr_ring, slow */
  fast: number;
  ptrRing: number;
  slow: number;
  /** atomic_inc and spin_lock+unlock baselines of the same benchmark, cycles */
  atomic: number;
  lock: number;
  /** generic kernel code relative to the E5 (entries.ts kernel_scale_exponent) */
  kernelScale: number;
}

export function resolveProfile(name: CpuProfileName, o: CostOverrides = {}): CpuProfile {
  const spec = CPU_PROFILE_SPECS[name];
  if (!spec) throw new RangeError(`unknown CPU profile ${String(name)}`);
  const fig = (f: ProfileFigureName): number => o[`${name}.${f}`] ?? spec.figures[f].value;
  const alpha = o.kernel_scale_exponent ?? COST_ENTRIES.kernel_scale_exponent.value;
  const slow = fig('slow');
  return {
    name,
    label: spec.label,
    measuredOn: spec.measuredOn,
    context: spec.context,
    ghz: fig('ghz'),
    fast: fig('fast'),
    ptrRing: fig('ptrRing'),
    slow,
    atomic: fig('atomic'),
    lock: fig('lock'),
    kernelScale: Math.pow(slow / E5_SLOW[spec.context], alpha),
  };
}

/** Figures of a profile calibrated from a bench_page_pool_simple run (tasklet loops, cli calibrate). */
export interface CalibratedFigures {
  name: string;
  label: string;
  ghz: number;
  fast: number;
  ptrRing: number;
  slow: number;
  /** atomic_inc / lock baselines; absent: the E5's 17 / 37 cycles, as the shipped profiles estimate them */
  atomic?: number;
  lock?: number;
  source: string;
}

/** A calibrated profile: its figures stand in for a shipped profile's, kernelScale from its tasklet slow loop. */
export function calibratedProfile(d: CalibratedFigures): CpuProfile {
  const k = Math.pow(d.slow / E5_SLOW.tasklet, COST_ENTRIES.kernel_scale_exponent.value);
  const e5 = CPU_PROFILE_SPECS['xeon-e5-1650-v4'].figures;
  return {
    name: d.name,
    label: d.label,
    measuredOn: d.source,
    context: 'tasklet',
    ghz: d.ghz,
    fast: d.fast,
    ptrRing: d.ptrRing,
    slow: d.slow,
    atomic: d.atomic ?? e5.atomic.value,
    lock: d.lock ?? e5.lock.value,
    kernelScale: k,
  };
}

export const CPU_PROFILE_TABLE: Readonly<Record<CpuProfileName, CpuProfile>> = Object.fromEntries(
  CPU_PROFILES.map((n) => [n, resolveProfile(n)]),
) as Record<CpuProfileName, CpuProfile>;

type Driver = Record<DriverEntry, number>;

/** Everything the simulation charges, cycles per operation on the profile. */
export interface CostTable extends Driver {
  readonly profile: string;
  /** the profile the costs were derived from */
  readonly cpu: CpuProfile;
  readonly ghz: number;
  readonly variant: Variant;
  readonly iommu: IommuMode;
  readonly kernelScale: number;
  // ---- page_pool (net/core/page_pool.c) ----
  pp_alloc_fast: number; // pop from the alloc cache
  pp_refill_call: number; // page_pool_refill_alloc_cache call, per ≤ 64 entries
  pp_refill_per_buf: number; // move one ptr_ring entry into the cache
  pp_recycle_direct: number; // push into the alloc cache (page_pool_recycle_in_cache)
  pp_recycle_ring: number; // produce into the ptr_ring
  pp_bulk_lock: number; // one ptr_ring producer lock for a bulk put (the profile's spin lock)
  pp_release: number; // page_pool_return_netmem bookkeeping (without unmap / put_page)
  pp_slow_bulk_call: number; // alloc_pages_bulk_node call
  pp_slow_per_page: number; // pp info init + cache push of one bulk-allocated page
  pp_netmem_check: number; // netmem variant: netmem_is_net_iov() on the put path
  pp_provider_alloc: number;
  pp_provider_release: number;
  pp_frag_alloc: number;
  page_ref_atomic: number; // one atomic on a refcount (page->_refcount, pp_ref_count): atomic_inc
  // ---- page allocator (mm/page_alloc.c) ----
  page_alloc_order0: number;
  page_free_order0: number;
  page_alloc_per_order: number; // extra alloc cycles per order above 0
  page_free_per_order: number; // extra free cycles per order above 0
  page_alloc_below_low: number; // extra per allocation while the node is below its low watermark
  // ---- DMA, per buffer ----
  dma_map: number;
  dma_unmap: number;
  dma_sync: number;
  // ---- NAPI / IRQ ----
  irq: number;
  napi_poll: number;
  napi_thread_wakeup: number; // threaded NAPI: waking the kthread from the IRQ (docs/model/napi.md)
  busy_poll_loop: number; // one napi_busy_loop iteration around the poll
  /** time interrupt moderation holds an IRQ after the first completion (ns) */
  readonly irq_coalesce_ns: number;
  // ---- driver (generic) ----
  drv_rx_desc: number;
  drv_refill_desc: number;
  drv_doorbell: number;
  xdp_prog: number;
  /** netmem_is_net_iov() in a driver helper (0 in the page variant) */
  drv_netmem_lsb_check: number;
  // ---- stack ----
  skb_build: number;
  skb_free: number;
  napi_alloc_frag: number;
  gro_per_pkt: number;
  ip_tcp_per_skb: number;
  ip_udp_per_skb: number;
  app_recv_call: number;
  copy_per_byte: number;
  // ---- devmem TCP ----
  devmem_token: number;
  devmem_dontneed_call: number;
  devmem_dontneed_frag: number;
  // ---- io_uring zcrx (providerEntries.ts) ----
  zcrx_cqe: number;
  zcrx_refill_entry: number;
  zcrx_user_rqe: number;
  zcrx_user_pass: number;
}

/** The cycles of one entry on a profile (kernelScale k, clock ghz), after overrides. */
function entryCycles(name: CostEntryName, o: CostOverrides, k: number, ghz: number): number {
  const e: CostEntry = COST_ENTRIES[name];
  const v = o[name] ?? e.value;
  switch (e.unit) {
    case 'e5-cycles':
      return v * k;
    case 'ns':
      return v * ghz;
    case 'cycles':
    case 'ratio':
      return v;
  }
}

/** `profile`: a shipped profile by name (its figures may be overridden) or a calibrated one. */
export function costTableFor(
  profile: CpuProfileName | CpuProfile,
  variant: Variant,
  iommu: IommuMode,
  ghzOverride?: number,
  overrides: CostOverrides = {},
): CostTable {
  const p = typeof profile === 'string' ? resolveProfile(profile, overrides) : profile;
  const profileName = p.name;
  const ghz = ghzOverride ?? p.ghz;
  const k = p.kernelScale;
  const e = (n: CostEntryName): number => entryCycles(n, overrides, k, ghz);
  const F = p.fast;
  const alloc = F * e('pp_alloc_share');
  const refillEntry = F * e('pp_refill_entry_share');
  const refillCall = e('pp_refill_call');
  const bulkCall = e('pp_slow_bulk_call');
  const slowPage = F * e('pp_slow_page_share');
  const release = F * e('pp_release_share');
  const cacheShare = (PP.PP_ALLOC_CACHE_REFILL - 1) / PP.PP_ALLOC_CACHE_REFILL;
  const recycleRing = p.ptrRing - cacheShare * alloc - refillCall / PP.PP_ALLOC_CACHE_REFILL - refillEntry;
  const pagePair = p.slow - cacheShare * alloc - bulkCall / PP.PP_ALLOC_CACHE_REFILL - slowPage - release;
  if (!(recycleRing > 0) || !(pagePair > 0)) {
    throw new RangeError(
      `cost table for ${profileName}: the page_pool shares leave no cycles for the ptr_ring put (${recycleRing.toFixed(1)}) or the page allocator (${pagePair.toFixed(1)})`,
    );
  }
  const allocShare = e('page_alloc_share');
  const orderStep = (e('page_order3_vs_order0') - 1) / 3; // per order, of the order-0 pair
  const strict = iommu === 'strict';
  const lazy = iommu === 'lazy';
  const dmaMap = strict ? e('dma_map_strict') : lazy ? e('dma_map_strict') * e('dma_lazy_map_share') : e('dma_off_map');
  const dmaUnmap = strict ? e('dma_unmap_strict') : lazy ? e('dma_unmap_strict') * e('dma_lazy_unmap_share') : e('dma_off_unmap');
  const netmemCheck = variant === 'netmem' ? e('netmem_is_net_iov') : 0;
  const slabHalf = e('slab_bulk_pair') / 2;
  return {
    profile: p.name,
    cpu: p,
    ghz,
    variant,
    iommu,
    kernelScale: k,
    pp_alloc_fast: alloc,
    pp_refill_call: refillCall,
    pp_refill_per_buf: refillEntry,
    pp_recycle_direct: F - alloc,
    pp_recycle_ring: recycleRing,
    pp_bulk_lock: p.lock,
    pp_release: release,
    pp_slow_bulk_call: bulkCall,
    pp_slow_per_page: slowPage,
    pp_netmem_check: netmemCheck,
    pp_provider_alloc: e('pp_provider_alloc'),
    pp_provider_release: e('pp_provider_release'),
    pp_frag_alloc: e('pp_frag_alloc'),
    page_ref_atomic: p.atomic,
    page_alloc_order0: pagePair * allocShare,
    page_free_order0: pagePair * (1 - allocShare),
    page_alloc_per_order: pagePair * allocShare * orderStep,
    page_free_per_order: pagePair * (1 - allocShare) * orderStep,
    page_alloc_below_low: e('page_alloc_below_low'),
    dma_map: dmaMap,
    dma_unmap: dmaUnmap,
    dma_sync: e('dma_sync'),
    irq: e('irq'),
    napi_poll: e('napi_poll'),
    napi_thread_wakeup: e('napi_thread_wakeup'),
    busy_poll_loop: e('busy_poll_loop'),
    irq_coalesce_ns: overrides.irq_coalesce ?? COST_ENTRIES.irq_coalesce.value,
    drv_rx_desc: e('drv_rx_desc'),
    drv_refill_desc: e('drv_refill_desc'),
    drv_doorbell: e('drv_doorbell'),
    xdp_prog: e('xdp_prog'),
    drv_netmem_lsb_check: netmemCheck,
    drv_compound_head: e('drv_compound_head'),
    drv_page_address: e('drv_page_address'),
    drv_gve_buf_state: e('drv_gve_buf_state'),
    drv_gve_qpl_used_scan: e('drv_gve_qpl_used_scan'),
    drv_mlx4_flip_check: e('drv_mlx4_flip_check'),
    drv_mlx5_umr_wqe: e('drv_mlx5_umr_wqe'),
    drv_mlx5_umr_mtt: e('drv_mlx5_umr_mtt'),
    drv_mlx5_xdpsq_xmit: e('drv_mlx5_xdpsq_xmit'),
    drv_hns3_reuse_check: e('drv_hns3_reuse_check'),
    skb_build: slabHalf + e('skb_init'),
    skb_free: slabHalf,
    napi_alloc_frag: e('napi_alloc_frag'),
    gro_per_pkt: e('gro_per_pkt'),
    ip_tcp_per_skb: e('ip_tcp_per_skb'),
    ip_udp_per_skb: e('ip_udp_per_skb'),
    app_recv_call: e('app_recv_call'),
    copy_per_byte: e('copy_ns_per_byte'),
    devmem_token: e('devmem_token'),
    devmem_dontneed_call: e('devmem_dontneed_call'),
    devmem_dontneed_frag: e('devmem_dontneed_frag'),
    zcrx_cqe: e('zcrx_cqe'),
    zcrx_refill_entry: e('zcrx_refill_entry'),
    zcrx_user_rqe: e('zcrx_user_rqe'),
    zcrx_user_pass: e('zcrx_user_pass'),
  };
}

/** Cycles of allocating / freeing one page of `order` with the page allocator. */
export function pageAllocCycles(c: CostTable, order: number): number {
  return c.page_alloc_order0 + order * c.page_alloc_per_order;
}
export function pageFreeCycles(c: CostTable, order: number): number {
  return c.page_free_order0 + order * c.page_free_per_order;
}

/**
 * page_pool operation codes (page_pool/types.ts PP_OP_*) → cycles, for the pool's charge hook.
 * Built once per run; indexing a Float64Array keeps the hot path cheap.
 */
export function ppOpCycles(c: CostTable): Float64Array {
  const t = new Float64Array(PP.PP_OP_COUNT);
  t[PP.PP_OP_ALLOC_FAST] = c.pp_alloc_fast;
  t[PP.PP_OP_REFILL_CALL] = c.pp_refill_call;
  t[PP.PP_OP_REFILL_ENTRY] = c.pp_refill_per_buf;
  t[PP.PP_OP_SLOW_BULK_CALL] = c.pp_slow_bulk_call;
  t[PP.PP_OP_SLOW_PAGE] = c.pp_slow_per_page + c.page_alloc_order0;
  t[PP.PP_OP_HIGH_ORDER_PAGE] = c.pp_slow_per_page + c.page_alloc_order0;
  t[PP.PP_OP_ALLOC_ORDER_STEP] = c.page_alloc_per_order;
  t[PP.PP_OP_FREE_ORDER_STEP] = c.page_free_per_order;
  t[PP.PP_OP_DMA_MAP] = c.dma_map;
  t[PP.PP_OP_DMA_UNMAP] = c.dma_unmap;
  t[PP.PP_OP_DMA_SYNC_DEV] = c.dma_sync;
  t[PP.PP_OP_RECYCLE_DIRECT] = c.pp_recycle_direct;
  t[PP.PP_OP_RECYCLE_RING] = c.pp_recycle_ring;
  t[PP.PP_OP_RELEASE] = c.pp_release;
  t[PP.PP_OP_PUT_PAGE] = c.page_free_order0;
  t[PP.PP_OP_NETMEM_CHECK] = c.pp_netmem_check;
  t[PP.PP_OP_PP_REF_ATOMIC] = c.page_ref_atomic;
  t[PP.PP_OP_PROVIDER_ALLOC] = c.pp_provider_alloc;
  t[PP.PP_OP_PROVIDER_RELEASE] = c.pp_provider_release;
  t[PP.PP_OP_FRAG_ALLOC] = c.pp_frag_alloc;
  t[PP.PP_OP_BULK_LOCK] = c.pp_bulk_lock;
  return t;
}

/** Cycles → ns at the profile clock. */
export function cyclesToNs(costs: CostTable, cycles: number): number {
  return cycles / costs.ghz;
}

/** Time interrupt moderation holds an IRQ (entries.ts irq_coalesce). */
export const IRQ_COALESCE_NS = COST_ENTRIES.irq_coalesce.value;
