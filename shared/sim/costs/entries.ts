// The cost entries shared by every profile: one entry per operation, each with its publication or
// its estimate and range (docs/model/costs.md lists them all). Profile-specific figures (the three
// bench_page_pool_simple loops, atomic_inc, spin lock, clock) are in profiles.ts; how an entry
// becomes the cycles charged is in costTable.ts.
//
// Sections: page_pool, page allocator, DMA, NAPI/IRQ, driver (generic), stack, devmem, scaling.
// Driver-specific entries are in driverEntries.ts. Add an entry to the union and the record of
// its section; the compiler then asks for its value wherever the table is built.
import type { CostEntry, Publication } from './types';

export type PagePoolEntry =
  | 'pp_alloc_share'
  | 'pp_refill_entry_share'
  | 'pp_refill_call'
  | 'pp_slow_bulk_call'
  | 'pp_slow_page_share'
  | 'pp_release_share'
  | 'netmem_is_net_iov'
  | 'pp_provider_alloc'
  | 'pp_provider_release'
  | 'pp_frag_alloc';
export type PageAllocEntry = 'page_alloc_share' | 'page_order3_vs_order0' | 'page_alloc_below_low';
export type DmaEntry =
  'dma_map_strict' | 'dma_unmap_strict' | 'dma_lazy_map_share' | 'dma_lazy_unmap_share' | 'dma_off_map' | 'dma_off_unmap' | 'dma_sync';
export type NapiEntry = 'irq' | 'napi_poll' | 'irq_coalesce' | 'napi_thread_wakeup' | 'busy_poll_loop';
export type GenericDriverEntry = 'drv_rx_desc' | 'drv_refill_desc' | 'drv_doorbell' | 'xdp_prog';
export type StackEntry =
  | 'slab_bulk_pair'
  | 'skb_init'
  | 'napi_alloc_frag'
  | 'gro_per_pkt'
  | 'ip_tcp_per_skb'
  | 'ip_udp_per_skb'
  | 'app_recv_call'
  | 'copy_ns_per_byte';
export type DevmemEntry = 'devmem_token' | 'devmem_dontneed_call' | 'devmem_dontneed_frag';
export type ScalingEntry = 'kernel_scale_exponent';

const JESPER_2016: Publication['publication'] =
  'Jesper Dangaard Brouer and Mel Gorman, linux-mm thread on order-0 page allocator bulking, December 2016 (lore:20161202131344.12ce594c@redhat.com and replies)';
const SLAB_BULK: Publication['publication'] =
  'Jesper Dangaard Brouer, "net: kfree_skb_list use kmem_cache_free_bulk" (commit message, 2023; benchmark in xdp-project areas/mem/kfree_skb_list01.org)';
// DMA_BENCH: Qinxin Xia, "dma-mapping benchmark: add support for dma_map_sg" series, 2025
// (tools/testing/selftests/dma/dma_map_benchmark.c commit messages).
const DEVMEM_CL: Publication['publication'] =
  'Mina Almasry, "[PATCH net-next v18 00/14] Device Memory TCP" cover letter, lore:20240805212536.2172174-1-almasrymina@google.com';

function est(value: number, unit: CostEntry['unit'], range: readonly [number, number], estimate: string): CostEntry {
  return { value, unit, estimate, range };
}

// ======================= page_pool (net/core/page_pool.c) =======================
// The three bench loops of a profile (F fast, P ptr_ring, S slow) are measured totals; how they
// split between the operations the model counts is estimated by these shares (of F).
export const PAGE_POOL_ENTRIES: Readonly<Record<PagePoolEntry, CostEntry>> = {
  pp_alloc_share: est(
    0.5,
    'ratio',
    [0.3, 0.7],
    'share of the fast loop spent in the alloc-cache pop (the rest is page_pool_recycle_direct): a pop and a push on the same array cost alike',
  ),
  pp_refill_entry_share: est(
    0.5,
    'ratio',
    [0.25, 1],
    'one ptr_ring entry moved into the cache (page_pool_refill_alloc_cache), as a share of the fast loop: one ring slot read, one cache store',
  ),
  pp_refill_call: est(
    20,
    'e5-cycles',
    [10, 60],
    'page_pool_refill_alloc_cache call: consumer lock, empty check, loop set-up; once per ≤ 64 entries',
  ),
  pp_slow_bulk_call: est(50, 'e5-cycles', [20, 150], 'alloc_pages_bulk_node entry: zone and pcp list lock, once per 64 pages'),
  pp_slow_page_share: est(
    0.5,
    'ratio',
    [0.25, 1],
    'per bulk-allocated page: page_pool_set_pp_info and the cache push, as a share of the fast loop',
  ),
  pp_release_share: est(
    0.5,
    'ratio',
    [0.25, 1.5],
    'page_pool_return_netmem bookkeeping without unmap and put_page, as a share of the fast loop',
  ),
  netmem_is_net_iov: {
    value: 1,
    unit: 'cycles',
    source: {
      publication: DEVMEM_CL,
      location: 'performance section',
      description:
        'tasklet fast path about 8 cycles before the series, 9 with it: the netmem_is_net_iov() low-bit test on the put path; the same test in a driver helper (netmem_address, the prefetch guard, netmem_compound_head) costs the same',
    },
  },
  pp_provider_alloc: est(
    100,
    'e5-cycles',
    [50, 300],
    'mp_ops->alloc_netmems of the dmabuf provider: gen_pool_alloc of one chunk and the net_iov attach',
  ),
  pp_provider_release: est(50, 'e5-cycles', [20, 150], 'mp_ops->release_netmem: gen_pool_free of one chunk'),
  pp_frag_alloc: est(5, 'e5-cycles', [2, 15], 'page_pool_alloc_frag offset and pp_ref_count bias bookkeeping per fragment'),
};

// ======================= page allocator (mm/page_alloc.c) =======================
// The order-0 alloc+free pair is what is left of a profile's slow loop once the page_pool
// operations are taken out (costTable.ts); these entries split and extend it.
export const PAGE_ALLOC_ENTRIES: Readonly<Record<PageAllocEntry, CostEntry>> = {
  page_alloc_share: est(
    0.5,
    'ratio',
    [0.35, 0.65],
    'share of the order-0 alloc+free pair spent allocating (bulk pcp pop) rather than freeing',
  ),
  page_order3_vs_order0: {
    value: 500 / 231,
    unit: 'ratio',
    source: {
      publication: JESPER_2016,
      location: 'order-0 and order-3 alloc_pages + __free_pages measurements',
      description:
        'order-3 alloc+free approx 500 cycles against 231 for order 0 on the same machine: ×2.16; orders between are interpolated linearly (an estimate)',
    },
  },
  page_alloc_below_low: est(
    2500,
    'e5-cycles',
    [500, 10000],
    'no published figure for an allocation while the node is below its low watermark (kswapd wake-up, slow path); the only published pressure figure, about 2500 cycles for an order fallback under pressure (same 2016 thread), gives the order of magnitude; range ÷5 to ×4',
  ),
};

// ======================= DMA (kernel/dma/, drivers/iommu/) =======================
export const DMA_ENTRIES: Readonly<Record<DmaEntry, CostEntry>> = {
  // Measured on a HiSilicon SMMU with 8 threads contending (DMA_BENCH, dma_map_benchmark -m 0 -g 8
  // -t 8: map 1.0 µs, unmap 1.3 µs per 8 × 4K granule); the simulated hosts are x86 with VT-d or
  // AMD-Vi, for which no per-page figure is published, so the transfer is an estimate.
  dma_map_strict: est(
    125,
    'ns',
    [62.5, 250],
    "strict-mode map of one 4K page, from Qinxin Xia's dma_map_benchmark single-mode output (dma-mapping benchmark series, 2025; HiSilicon, 8 threads): 1.0 µs per 8 × 4K → 125 ns; range ÷2 to ×2 for another IOMMU and less or more contention",
  ),
  dma_unmap_strict: est(
    162.5,
    'ns',
    [81, 325],
    'strict-mode unmap of one 4K page with its synchronous IOTLB invalidation, from the same dma_map_benchmark output: 1.3 µs per 8 × 4K → 162.5 ns; range ÷2 to ×2',
  ),
  dma_lazy_map_share: est(
    0.3,
    'ratio',
    [0.1, 0.6],
    'lazy (DMA-FQ) map as a share of strict: IOVA from the per-CPU rcache and the PTE write remain',
  ),
  dma_lazy_unmap_share: est(
    0.1,
    'ratio',
    [0.02, 0.3],
    'lazy unmap as a share of strict: the invalidation is queued to the flush queue, not waited for',
  ),
  dma_off_map: est(10, 'e5-cycles', [3, 30], 'dma-direct map without an IOMMU: a phys-to-dma translation'),
  dma_off_unmap: est(5, 'e5-cycles', [2, 15], 'dma-direct unmap on a coherent x86: a call that does no work'),
  dma_sync: est(4, 'e5-cycles', [1, 20], 'dma_sync_single_for_device on a DMA-coherent x86: a call that does no cache work'),
};

// ======================= NAPI / IRQ (net/core/dev.c) =======================
export const NAPI_ENTRIES: Readonly<Record<NapiEntry, CostEntry>> = {
  irq: est(1800, 'e5-cycles', [900, 3600], 'hard IRQ entry and exit, raising NET_RX and the softirq entry: about 0.5 µs on the E5'),
  napi_poll: est(300, 'e5-cycles', [150, 600], 'net_rx_action and napi_poll bookkeeping per poll, including the GRO flush'),
  irq_coalesce: est(
    8000,
    'ns',
    [2000, 32000],
    'time adaptive interrupt moderation holds an IRQ at high rate (ethtool -c rx-usecs ≈ 8); a delay, not scaled by the clock',
  ),
  napi_thread_wakeup: est(
    1500,
    'e5-cycles',
    [750, 4000],
    'threaded NAPI: try_to_wake_up of the napi/<dev>-<id> kthread from the IRQ and two context switches on an idle-ish core, ≈ 0.4 µs on the E5 (the scale of `irq`)',
  ),
  busy_poll_loop: est(
    100,
    'e5-cycles',
    [50, 300],
    'one napi_busy_loop iteration around the poll: BH off/on, skb_defer_free_flush, need_resched, cpu_relax',
  ),
};

// ======================= driver, generic part =======================
export const GENERIC_DRIVER_ENTRIES: Readonly<Record<GenericDriverEntry, CostEntry>> = {
  drv_rx_desc: est(
    60,
    'e5-cycles',
    [30, 120],
    'per completion: descriptor read, sync for CPU, one LLC-hit header prefetch (DDIO); a full miss would be ~32 ns',
  ),
  drv_refill_desc: est(
    15,
    'e5-cycles',
    [8, 40],
    'write one RX descriptor (address and length, 16–32 bytes) into a ring line already in cache',
  ),
  drv_doorbell: est(100, 'e5-cycles', [50, 400], 'one posted MMIO tail write per refill batch, with its write barrier'),
  xdp_prog: est(
    20,
    'e5-cycles',
    [10, 60],
    'a trivial XDP program (return XDP_DROP) through bpf_prog_run_xdp: the dispatcher call and the program',
  ),
};

// ======================= stack (net/core/skbuff.c, net/ipv4/) =======================
export const STACK_ENTRIES: Readonly<Record<StackEntry, CostEntry>> = {
  slab_bulk_pair: {
    value: 64,
    unit: 'e5-cycles',
    source: {
      publication: SLAB_BULK,
      location: 'slab_bulk_test01 at bulk 16, kmem-bulk line',
      description:
        'kmem_cache bulk alloc and free of one object, 64 cycles per element (both directions together); the napi skb cache allocates and frees skb heads in bulk: half is charged at build, half at free',
    },
  },
  skb_init: est(40, 'e5-cycles', [20, 80], 'napi_build_skb initialising the skb head and shared info (about two cache lines of stores)'),
  napi_alloc_frag: est(30, 'e5-cycles', [15, 80], 'napi_alloc_frag of a small buffer: a page_frag_cache bump, a refill once per page'),
  gro_per_pkt: est(120, 'e5-cycles', [60, 300], 'dev_gro_receive: flow hash lookup among ≤ 8 held flows and the frag merge'),
  ip_tcp_per_skb: est(
    600,
    'e5-cycles',
    [300, 1200],
    'ip_rcv + tcp_v4_rcv + socket queueing per (GRO) skb, without the copy: what ~42 Gbit/s per core of TCP RX with copy (Cai et al., SIGCOMM 2021) leaves once the copy is taken out',
  ),
  ip_udp_per_skb: est(
    350,
    'e5-cycles',
    [200, 700],
    'ip_rcv + udp_rcv + socket queueing: the TCP path without the TCP state machine and ACK generation',
  ),
  app_recv_call: est(500, 'e5-cycles', [250, 1500], 'one recvmsg system call round trip with its socket lock, per skb read'),
  copy_ns_per_byte: est(
    0.125,
    'ns',
    [0.0625, 0.25],
    'copy to user of a packet not in cache: about 8 GB/s on one core (latency-bound streaming, 10 outstanding L1 misses × 64 B / ~75 ns); range 4–16 GB/s',
  ),
};

// ======================= devmem TCP (net/ipv4/tcp.c, net/core/devmem.c) =======================
export const DEVMEM_ENTRIES: Readonly<Record<DevmemEntry, CostEntry>> = {
  devmem_token: est(
    60,
    'e5-cycles',
    [30, 150],
    'recvmsg(MSG_SOCK_DEVMEM) per frag: an xarray store (batched under one xa_lock) and a 24-byte put_cmsg',
  ),
  devmem_dontneed_call: est(
    500,
    'e5-cycles',
    [250, 1500],
    'setsockopt(SO_DEVMEM_DONTNEED): a system call round trip like recvmsg and copy_from_user of the token array',
  ),
  devmem_dontneed_frag: est(
    20,
    'e5-cycles',
    [10, 60],
    'per token returned: xa_erase under a lock taken once per batch (the page_pool put itself is charged by page_pool)',
  ),
};

// ======================= scaling of generic kernel code =======================
export const SCALING_ENTRIES: Readonly<Record<ScalingEntry, CostEntry>> = {
  kernel_scale_exponent: est(
    1,
    'ratio',
    [0.5, 1.5],
    'generic kernel code (driver, stack, IRQ) on a profile costs (its slow loop ÷ the E5 slow loop of the same context)^exponent times the E5 cycles: the page-allocator loop is the most call-heavy path measured on every profile; 1 assumes stack code moves with it exactly',
  ),
};
