// The one driver interface. A driver model owns its RX queues' buffer scheme: how it posts
// buffers to the NIC ring (page_pool calls, frag packing, its own reuse tricks), how it turns
// completions into skbs or XDP verdicts, and when it refills and rings the doorbell.
// The engine owns time, cores, the NIC hardware, the stack and the application.
import type { NicConfig, Variant } from '../../scenario/schema';
import type { DriverName } from '../../doc/names';
import type { NetmemRef } from '../netmem/netmemRef';
import type { PagePoolApi, PagePoolParams, CreateResult } from '../page_pool/types';
import type { CostTable } from '../costs/costTable';
import type { RxRing } from '../nic/rxRing';
import type { PageAllocatorApi } from '../mm/types';
import type { NetmemTables } from '../netmem/netmemTables';

/** Why a converted driver can or cannot take unreadable net_iov buffers (docs/model/netmem.md#converting-a-driver-to-netmem). */
export interface UnreadableCapability {
  ok: boolean;
  /** machine-readable reasons: 'no_header_split' | 'va_based_buffers' | 'no_queue_api' | 'page_variant' … */
  reasons: string[];
  /** one sentence a maintainer would accept */
  explanation: string;
}

export interface DriverCapabilities {
  xdp: boolean;
  header_split: boolean;
  queue_mgmt_ops: boolean;
  unreadable_netmem: UnreadableCapability;
}

/** Static facts a driver states about itself for a NIC config (defaults applied). */
export interface DriverDescription {
  driver: DriverName;
  variant: Variant;
  mode: string;
  ring: number;
  /** bytes of each posted buffer (truesize) and how many share a page */
  buffer_bytes: number;
  buffers_per_page: number;
  page_pool: Omit<PagePoolParams, 'napiCore' | 'netdev' | 'queue_idx'> & { napi: boolean };
  /** whether the mode uses page_pool at all (GVE QPL, hns3 legacy do not) */
  uses_page_pool: boolean;
  refill: string;
  /** gfp of the RX buffer allocations and where the driver passes it (docs/model/memory-gfp.md) */
  rx_gfp: string;
  recycle_paths: string[];
  capabilities: DriverCapabilities;
}

/** What the engine offers a driver queue. All per-packet calls are allocation-free. */
export interface DriverContext {
  readonly nic: NicConfig;
  readonly queue: number;
  /** core that runs this queue's IRQ and NAPI now (an irq_affinity event moves it) */
  readonly napiCore: number;
  readonly costs: CostTable;
  readonly mm: PageAllocatorApi;
  now(): number;
  /**
   * Bytes of L2–L4 headers of a frame of NIC-wide `flow` (nic/headers.ts): what eth_get_headlen
   * finds when a driver parses the frame (hns3 pulls that much into the skb head).
   */
  frameHeaderLen(flow: number): number;
  /** numa_mem_id(): the memory node of the CPU running the driver now (the polling CPU in NAPI) */
  numaMemId(): number;
  /**
   * add cycles to the current core's bill (the NAPI core while polling), in `stage` of this NIC's
   * cycles_by_stage (shared/doc/cycleStages.ts; STAGE_DRIVER when absent)
   */
  charge(cycles: number, stage?: number): void;
  /** charge `cycles`, of which `part` counts in `stage` and the rest in `rest` (STAGE_DRIVER when absent) */
  chargeSplit(cycles: number, stage: number, part: number, rest?: number): void;
  /**
   * Cycles of one page-allocator allocation of `order` made by the driver itself (not through
   * page_pool): the page_pool slow path's per-page cost, plus the below-low-watermark surcharge
   * when the NIC's node is under pressure (docs/model/costs.md).
   */
  pageAllocCycles(order: number): number;
  /** page_pool_create with the kernel's checks; the engine registers the pool for output */
  createPagePool(params: PagePoolParams, role: 'data' | 'header'): CreateResult<PagePoolApi>;
  /**
   * Hand a received packet to the stack (napi_gro_receive / netif_receive_skb).
   * The frags (refs with their pool, or non-pp pages) move from the driver to the skb;
   * `readable` false marks an unreadable (devmem) skb. `copiedBytes` were copied into
   * the linear head (copybreak) and hold no buffer.
   * `flow`: the frame's flow id, `ring.headFlow`, for GRO; when absent
   * the engine reads the flow of the frame at the ring's head.
   */
  deliverSkb(frags: Int32Array, nfrags: number, bytes: number, readable: boolean, flow?: number): void;
  /**
   * `count` frames of NIC-wide `flow` and `frameLen` bytes (a completion run), each in one
   * buffer: ring slots `first`.. (wrapping at `mask`) give its ref (`refs`). Per frame: charge `drvCycles`
   * (STAGE_DRIVER), then deliverSkb of that one readable buffer. `ppId`: the id of the page_pool
   * every buffer of the run comes from, when the driver can promise one (0 otherwise). Returns
   * the run's frame bytes.
   */
  deliverFrames(
    refs: Int32Array,
    frameLen: number,
    first: number,
    mask: number,
    count: number,
    flow: number,
    drvCycles: number,
    ppId: number,
  ): number;
  /** XDP verdict of the attached program for the next frame (scenario nic.xdp). */
  readonly xdpAction: 'none' | 'drop' | 'pass' | 'tx' | 'redirect';
  /** count a driver-level drop or failure under its qstat/ethtool name, e.g. 'rx_alloc_fail' */
  count(name: string, n?: number): void;
  /** log an event (kernel text where the kernel prints one) */
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /**
   * The run's buffer tables, for page_pool fields drivers read directly
   * (mlx4's flip test reads pp_ref_count through netmem_desc).
   */
  readonly tables: NetmemTables;
  /** Netdev id for page_pool_params.netdev (0 = none). */
  readonly ifindex: number;
  /**
   * netif_rxq_has_unreadable_mp(): a memory provider is installed on
   * this RX queue right now (GVE sizes its ZC pools by it).
   */
  queueHasUnreadableProvider?(): boolean;
}

/** One RX queue of a driver. */
export interface RxQueueDriver {
  /** The NIC descriptor ring this queue posts buffers to. */
  readonly ring: RxRing;
  /** Pools this queue created (data pool, and header pool where split is on). */
  readonly pools: readonly PagePoolApi[];
  /** ndo_open / ndo_queue_start: create pools, fill the ring. */
  start(): void;
  /** NAPI poll: consume up to `budget` completions, refill per driver policy; returns work done. */
  napiPoll(budget: number): number;
  /** ndo_stop / ndo_queue_stop: give posted buffers back (allow_direct=false), destroy pools. */
  stop(): void;
  /** netmem refs currently owned by the driver (ring slots, flip halves) for accounting. */
  heldBuffers(): number;
  /**
   * Driver facts measured by the run, merged into NicResult.driver_info: driver counters.
   */
  info?(): Record<string, unknown>;
}

export interface DriverModel {
  readonly name: string;
  /** `pageSize`: the host's PAGE_SIZE (host.page_size), 4 KiB when not given */
  describe(nic: NicConfig, pageSize?: number): DriverDescription;
  createQueue(ctx: DriverContext): RxQueueDriver;
}

export type { NetmemRef };
