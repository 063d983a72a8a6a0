// The scenario schema: the one authority for what a scenario file may say.
// Parsed values carry base units (ns, bytes, bit/s). Unknown keys are errors everywhere
// (`.strict()`): a typo must never be silently ignored.
import { z } from 'zod';
import { bitRate, bytes, durationNs, packetRate } from './fields';
import { cpuProfileData } from './cpuProfileData';
import { DRIVERS, type DriverName, type ProviderKind } from '../doc/names';

export { DRIVERS, type DriverName };

export const CPU_PROFILES = [
  'xeon-e5-1650-v4', 'epyc-9684x', 'epyc-9684x-ibpb', 'xeon-platinum-8580', 'xeon-platinum-8481c', 'seed-8-cycle',
] as const;
export const VARIANTS = ['page', 'netmem'] as const;
export const IOMMU_MODES = ['off', 'passthrough', 'lazy', 'strict'] as const;
export const PP_FLAG_NAMES = ['DMA_MAP', 'DMA_SYNC_DEV', 'SYSTEM_POOL', 'ALLOW_UNREADABLE_NETMEM'] as const;
export const DMA_DIRS = ['DMA_BIDIRECTIONAL', 'DMA_TO_DEVICE', 'DMA_FROM_DEVICE'] as const;
export const XDP_ACTIONS = ['none', 'drop', 'pass', 'tx', 'redirect'] as const;

/**
 * Names are shown in tables, file names and reports: no control characters (NUL, newline, …) and
 * no U+FFFD, which is what a reader leaves of bytes that were not valid UTF-8.
 */
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f\ufffd]*$/;
const PRINTABLE_MESSAGE = 'must be printable text: no control characters (NUL, newline, tab…) and no U+FFFD (bytes that were not valid UTF-8)';

const coreList = z.array(z.number().int().nonnegative()).min(1);

const host = z.object({
  cpu: z.object({
    profile: z.enum(CPU_PROFILES).default('xeon-e5-1650-v4').describe('CPU profile: the cycle costs of the cost table'),
    ghz: z.number().positive().max(10).optional().describe('clock; defaults to the profile\'s'),
    cores: z.number().int().min(1).max(1024).default(16).describe('cores 0..cores-1 run NAPI (irq_cores) and the application (app_cores)'),
    profile_file: z.string().min(1).max(4096).optional()
      .describe('a profile written by `cli calibrate`, relative to the scenario file and inside its directory; replaces profile'),
    profile_data: cpuProfileData.optional()
      .describe('a calibrated profile inline; filled from profile_file when the scenario is loaded'),
  }).strict().default({ profile: 'xeon-e5-1650-v4', cores: 16 }),
  memory: z.object({
    numa_nodes: z.number().int().min(1).max(8).default(1).describe('NUMA nodes, each with per_node bytes of memory'),
    per_node: bytes().default(64 * 1024 ** 3),
    watermarks: z.object({ min: bytes(), low: bytes(), high: bytes() }).strict().optional()
      .describe('per node; defaults scale with node size as min_free_kbytes does'),
  }).strict().default({ numa_nodes: 1, per_node: 64 * 1024 ** 3 }),
  page_size: bytes().default(4096)
    .refine((n) => n === 4096 || n === 16384 || n === 65536, { message: 'must be 4KiB, 16KiB or 64KiB (CONFIG_ARM64_*_PAGES; x86-64 is 4KiB)' })
    .describe('PAGE_SIZE of the host kernel: 4KiB (x86-64, arm64 default), 16KiB or 64KiB (arm64, e.g. Kunpeng servers)'),
  // `true` means the x86 default DMA domain (lazy invalidation, DMA-FQ).
  iommu: z.union([z.enum(IOMMU_MODES), z.boolean()]).default('off')
    .describe('off (no IOMMU: dma-direct); passthrough (iommu.passthrough=1: identity domain, dma-direct too); '
      + 'lazy (DMA-FQ, the x86 default; true means lazy: IOVA + page-table write, IOTLB flushed in batches); '
      + 'strict (iommu.strict=1: the IOTLB is invalidated synchronously on every unmap)')
    .transform((v) => (v === true ? 'lazy' : v === false ? 'off' : v)),
}).strict();

const pagePoolParams = z.object({
  order: z.number().int().min(0).max(10).optional().describe('page_pool_params.order: each buffer is 2^order pages'),
  pool_size: z.number().int().min(0).max(1 << 20).optional().describe('page_pool_params.pool_size: ptr_ring entries (0 means 1024; clamped at 16384)'),
  flags: z.union([z.array(z.enum(PP_FLAG_NAMES)), z.number().int().nonnegative()]).optional()
    .describe('PP_FLAG_* names without the prefix, or the raw bit mask'),
  napi: z.boolean().optional().describe('set pp.napi so skb frees in this NAPI recycle directly'),
  nid: z.union([z.number().int().min(0), z.literal('NUMA_NO_NODE')]).optional()
    .describe('page_pool_params.nid: node to allocate from; NUMA_NO_NODE follows the allocating CPU (numa_mem_id)'),
  dma_dir: z.enum(DMA_DIRS).optional().describe('page_pool_params.dma_dir (DMA_BIDIRECTIONAL when XDP_TX may send the buffer)'),
  max_len: z.number().int().nonnegative().optional().describe('page_pool_params.max_len: bytes synced for the device (PP_FLAG_DMA_SYNC_DEV)'),
  offset: z.number().int().nonnegative().optional().describe('page_pool_params.offset: where the device starts writing (headroom)'),
  nid_changed: z.boolean().optional()
    .describe('the driver calls page_pool_nid_changed(pool, numa_mem_id()) before each refill, as mlx5e_post_rx_wqes does (generic driver only)'),
}).strict();

// Per-NAPI settings (netdev netlink napi-set / /sys/class/net/<dev>/…): docs/model/napi.md.
const napiParams = z.object({
  defer_hard_irqs: z.number().int().min(0).max(2 ** 31 - 1).default(0)
    .describe('napi_defer_hard_irqs: empty polls that keep the IRQ masked (with gro_flush_timeout) before it is re-enabled'),
  gro_flush_timeout: durationNs().default(0)
    .describe('gro_flush_timeout: with defer_hard_irqs, napi->timer polls again after this instead of the IRQ'),
  threaded: z.boolean().default(false).describe('threaded NAPI: the poll runs in the napi/<dev>-<id> kthread (woken by the IRQ)'),
}).strict();

const dmabufProvider = z.object({
  kind: z.literal('dmabuf'),
  size: bytes(),
  queues: z.array(z.number().int().nonnegative()).min(1).describe('RX queues bound to the dma-buf (netdev bind-rx)'),
  chunks: z.number().int().min(1).max(65536).default(1).describe('scatterlist entries of the dma-buf'),
}).strict();

/** io_uring/zcrx.c IO_RQ_MAX_ENTRIES: the largest refill queue without IORING_SETUP_CLAMP. */
export const IO_RQ_MAX_ENTRIES = 32768;

// io_uring zero-copy receive (IORING_REGISTER_ZCRX_IFQ): docs/model/zcrx.md.
const zcrxProvider = z.object({
  kind: z.literal('zcrx'),
  area_size: bytes().refine((n) => n > 0 && n % 4096 === 0, { message: 'must be a positive multiple of 4KiB (io_import_area: -EINVAL otherwise)' })
    .describe('io_uring_zcrx_area_reg.len: user memory registered as the area, one net_iov per page'),
  queue: z.number().int().nonnegative().describe('io_uring_zcrx_ifq_reg.if_rxq: the RX queue the interface queue takes over'),
  rq_entries: z.number().int().min(1).default(4096)
    .describe('io_uring_zcrx_ifq_reg.rq_entries: refill queue entries, rounded up to a power of two, at most IO_RQ_MAX_ENTRIES (32768)'),
  cq_entries: z.number().int().min(1).max(1 << 20).default(1024)
    .describe('CQ ring entries of the io_uring (IORING_SETUP_CQSIZE); a RECV_ZC completion that finds it full ends the request with -ENOSPC'),
  return: z.object({
    batch: z.number().int().min(1).max(1 << 16).default(32).describe('CQEs reaped and buffers written to the refill queue per pass'),
    every: durationNs().refine((ns) => ns > 0, { message: 'must be more than 0' }).describe('time between two passes of the application loop'),
  }).strict().default({ batch: 32, every: 10_000 })
    .describe('the application returns buffers through the refill queue: up to batch per pass, one pass every `every`'),
}).strict();

const provider = z.discriminatedUnion('kind', [dmabufProvider, zcrxProvider]);

const nic = z.object({
  name: z.string().min(1).max(15).regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be an interface name (IFNAMSIZ)' }),
  driver: z.enum(DRIVERS).default('generic').describe('driver model; generic is a netdevsim-like reference driver'),
  variant: z.enum(VARIANTS).default('page').describe('page: the driver before its netmem conversion; netmem: after it'),
  mode: z.string().optional().describe('driver mode: gve dqo-rda|dqo-qpl, hns3 page_pool|legacy, mt76 mmio|usb, mlx5 striding|cyclic'),
  link: bitRate(),
  queues: z.number().int().min(1).max(128).default(1).describe('RX queues (ethtool -L)'),
  ring: z.number().int().min(1).max(65535).optional()
    .describe('RX descriptors per queue (ethtool -G rx); driver default if absent. Each driver\'s set_ringparam rules apply: '
      + 'gve a power of two in the device range, mlx4 256-8192 rounded up to a power of two, hns3 72-32760 rounded up to a multiple of 8, '
      + 'mt76 fixed (1536, USB 128), mlx5 16-8192 frames rounded up to a power of two, generic a power of two from 64 to 16384'),
  ring_range: z.object({
    min: z.number().int().min(1).max(65535).optional().describe('min_rx_ring_size; absent: GVE_DEFAULT_MIN_RX_RING_SIZE (512)'),
    max: z.number().int().min(1).max(65535).describe('max_rx_ring_size'),
  }).strict().optional()
    .describe('gve: the RX ring range the device advertises (modify-ring device option); absent: only the power-of-two rule is checked'),
  mtu: z.number().int().min(68).max(9216).default(1500),
  numa_node: z.number().int().min(0).default(0),
  irq_cores: coreList.optional().describe('queue i is served by irq_cores[i % length]; default core i'),
  header_split: z.boolean().default(false).describe('ethtool -G tcp-data-split on: headers and payload in separate buffers (devmem needs it)'),
  hds_thresh: z.number().int().nonnegative().default(0).describe('ethtool -G hds-thresh (devmem bind-rx requires 0)'),
  xdp: z.enum(XDP_ACTIONS).default('none').describe('verdict of the attached XDP program for every frame; none: no program'),
  rx_buf_len: z.number().int().positive().optional().describe('ethtool -G rx-buf-len: bytes per RX buffer; driver default if absent'),
  rx_copybreak: z.number().int().nonnegative().optional().describe('ethtool rx-copybreak: frames up to this size are copied and the buffer reused'),
  page_pool: pagePoolParams.default({}),
  napi: napiParams.default({ defer_hard_irqs: 0, gro_flush_timeout: 0, threaded: false }),
  provider: provider.optional().describe('a memory provider: dmabuf (devmem TCP, netdev bind-rx) or zcrx (io_uring zero-copy receive on one RX queue)'),
}).strict();

const packetSize = z.union([
  z.number().int().min(60).max(65535),
  z.literal('imix'),
  z.object({
    weighted: z.array(z.object({ size: z.number().int().min(60).max(65535), weight: z.number().positive() }).strict()).min(1),
  }).strict(),
]);

const arrival = z.union([
  z.enum(['constant', 'poisson']),
  z.object({ on_off: z.object({ on: durationNs(), off: durationNs() }).strict() }).strict(),
]);

const traffic = z.object({
  nic: z.string(),
  // A packet rate parses to `{ pps }` so it stays distinguishable from a bit rate (both are numbers).
  rate: z.union([z.literal('line'), bitRate(), packetRate().transform((pps) => ({ pps }))]).default('line'),
  packet_size: packetSize.default(1518).describe('Ethernet frame bytes incl. FCS, excl. preamble/IFG'),
  arrival: arrival.default('constant'),
  flows: z.number().int().min(1).max(1 << 20).default(1).describe('flows, spread over the queues by RSS unless steer_to is given'),
  steer_to: z.array(z.number().int().nonnegative()).min(1).optional().describe('ntuple-steer these flows to queues'),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  start: durationNs().default(0),
  stop: durationNs().optional(),
}).strict();

const latency = z.union([
  durationNs(),
  z.object({ fixed: durationNs() }).strict(),
  z.object({ exponential: z.object({ mean: durationNs() }).strict() }).strict(),
  z.object({ lognormal: z.object({ median: durationNs(), p99: durationNs() }).strict() }).strict(),
]);

const consumer = z.object({
  nic: z.string(),
  read_latency: latency.default(0),
  free_on: z.enum(['app_core', 'napi_core']).default('app_core')
    .describe('app_core: the application frees on its own core (ptr_ring); napi_core: freed in softirq on the NAPI core'),
  app_cores: coreList.optional().describe('cores the application reads on'),
  rcvbuf: bytes().refine((n) => n >= 2048, { message: 'must be at least 2KiB (SOCK_MIN_RCVBUF)' }).optional()
    .describe('per-socket receive buffer (sk_rcvbuf), one socket per flow: bytes queued and not yet read are charged to it. '
      + 'TCP: the receive window closes when it is full and the sender stops sending that flow until the application reads '
      + '(default net.ipv4.tcp_rmem[2] = 6MiB, the autotuning limit). UDP: datagrams arriving at a full socket are dropped '
      + '(rcvbuf_errors; default net.core.rmem_default = 212992)'),
  busy_poll: z.object({
    usecs: durationNs().refine((ns) => ns > 0, { message: 'must be more than 0' })
      .describe('SO_BUSY_POLL / net.core.busy_read: how long recvmsg polls the NAPI after its socket ran empty'),
    budget: z.number().int().min(1).max(64).default(8).describe('frames per busy poll (BUSY_POLL_BUDGET 8; SO_BUSY_POLL_BUDGET)'),
    prefer_busy_poll: z.boolean().default(false)
      .describe('SO_PREFER_BUSY_POLL: at the end of a busy poll the IRQ stays masked and napi->timer (defer_hard_irqs, gro_flush_timeout) takes over'),
  }).strict().optional().describe('busy polling: the application core polls the NAPI of its queue (napi_busy_loop)'),
  dontneed: z.object({ batch: z.number().int().min(1).max(128).default(128), every: durationNs() }).strict().optional()
    .describe('devmem: return tokens with SO_DEVMEM_DONTNEED, up to batch (MAX_DONTNEED_TOKENS = 128) per call, every interval'),
}).strict();

const memoryPressure = z.object({
  node: z.number().int().min(0).default(0),
  allocate: bytes().optional(),
  release: bytes().optional(),
  over: durationNs().default(0),
}).strict();

// The debugfs knobs of a fault_attr (lib/fault-inject.c): docs/model/fault-injection.md. Each
// event writes the knobs it names; the others keep their values (initially probability 0,
// interval 1, times 1, space 0: FAULT_ATTR_INITIALIZER).
const faultAttrFields = {
  probability: z.number().int().min(0).max(100).optional().describe('percent of candidate calls that fail'),
  interval: z.number().int().min(1).optional().describe('only every interval-th call is a candidate'),
  times: z.number().int().min(-1).optional().describe('failures left; -1 unlimited'),
  space: z.number().int().min(0).optional().describe('calls pass while space exceeds the call size (1)'),
};

/** Functions fail_function may inject into (ALLOW_ERROR_INJECTION in 6.18); none clears the list. */
export const FAIL_FUNCTIONS = ['page_pool_alloc_netmems', 'none'] as const;

const failFunction = z.object({
  inject: z.enum(FAIL_FUNCTIONS).optional()
    .describe('/sys/kernel/debug/fail_function/inject: page_pool_alloc_netmems returns NULL on entry; none empties the list'),
  ...faultAttrFields,
}).strict();

const dmaMapError = z.object(faultAttrFields).strict()
  .describe('dma_mapping_error() is true for page_pool_dma_map: the page is freed and the allocation does not count it');

const event = z.union([
  z.object({ at: durationNs(), memory_pressure: memoryPressure }).strict(),
  z.object({ at: durationNs(), consumer_stall: z.object({ nic: z.string(), for: durationNs() }).strict() }).strict(),
  z.object({ at: durationNs(), ifdown: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), ifup: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), bind: z.object({ nic: z.string(), queues: z.array(z.number().int().nonnegative()).optional() }).strict() }).strict(),
  z.object({ at: durationNs(), unbind: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), socket_close: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), token_stall: z.object({ nic: z.string(), for: durationNs().optional() }).strict() }).strict(),
  z.object({ at: durationNs(), fail_function: failFunction }).strict(),
  z.object({ at: durationNs(), dma_map_error: dmaMapError }).strict(),
  z.object({ at: durationNs(), unregister: z.object({ nic: z.string() }).strict()
    .describe('unregister_netdevice: the NIC is closed and gone for the rest of the run; pools with buffers in flight are orphaned to lo') }).strict(),
  z.object({ at: durationNs(), netns_exit: z.object({}).strict()
    .describe('the network namespace goes away: every NIC leaves it, then lo unregisters and orphaned pools become invisible (NET_PTR_POISON)') }).strict(),
  z.object({ at: durationNs(), irq_affinity: z.object({
    nic: z.string(), queue: z.number().int().nonnegative(), core: z.number().int().nonnegative(),
  }).strict().describe('/proc/irq/N/smp_affinity_list of the queue\'s IRQ: its NAPI runs on `core` from its next IRQ') }).strict(),
]);

/** Scalar path → list of values, e.g. `variant: [page, netmem]`, `nics[0].ring: [256, 512]`. */
const compare = z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1));

export const scenarioSchema = z.object({
  name: z.string().min(1).regex(PRINTABLE, { message: PRINTABLE_MESSAGE }),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).describe('seeds every random stream: same seed, same result'),
  duration: durationNs().refine((ns) => ns > 0 && ns <= 3600e9, { message: 'must be more than 0 and at most 1h' }),
  sample: durationNs().default(1_000_000).refine((ns) => ns >= 1000, { message: 'must be at least 1us' }),
  host: host.default({ cpu: { profile: 'xeon-e5-1650-v4', cores: 16 }, memory: { numa_nodes: 1, per_node: 64 * 1024 ** 3 }, page_size: 4096, iommu: 'off' }),
  nics: z.array(nic).min(1).max(16),
  traffic: z.array(traffic).min(1).describe('what arrives on the wire, per NIC'),
  consumer: z.array(consumer).default([]).describe('the applications reading the received data, per NIC'),
  events: z.array(event).default([]).describe('timeline: each event runs at its `at`, in any order written'),
  compare: compare.optional().describe('runs to compare: scalar path → values, e.g. variant: [page, netmem] or nics[0].ring: [256, 1024]'),
  series: z.enum(['full', 'decimated']).optional()
    .describe('full (the default): every sample is kept (refused when the series would exceed the memory budget); decimated: at most 8192 rows per column, '
      + 'each bucket of samples kept as its minimum then its maximum, so spikes survive; counters and totals stay exact'),
  repeat: z.number().int().min(1).max(100).default(1).describe('runs per compare point, each with its own derived seed'),
}).strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type NicConfig = Scenario['nics'][number];
export type TrafficConfig = Scenario['traffic'][number];
export type ConsumerConfig = Scenario['consumer'][number];
export type ScenarioEvent = Scenario['events'][number];
export type PagePoolParamsConfig = NicConfig['page_pool'];
export type ProviderConfig = NonNullable<NicConfig['provider']>;
export type ZcrxConfig = Extract<ProviderConfig, { kind: 'zcrx' }>;
export type DmabufConfig = Extract<ProviderConfig, { kind: 'dmabuf' }>;
export type ReadLatency = ConsumerConfig['read_latency'];
export type CpuProfileName = (typeof CPU_PROFILES)[number];
export type Variant = (typeof VARIANTS)[number];
export type IommuMode = (typeof IOMMU_MODES)[number];

// The provider kinds the schema accepts are the contract's list, no more and no fewer.
type SameKinds = [ProviderConfig['kind']] extends [ProviderKind] ? ([ProviderKind] extends [ProviderConfig['kind']] ? true : false) : false;
const providerKindsMatch: SameKinds = true;
void providerKindsMatch;

// The run document's `scenario` is this type (shared/doc/scenarioType.ts).
declare module '../doc/scenarioType' {
  interface ScenarioTypeRegistry { scenario: Scenario }
}
