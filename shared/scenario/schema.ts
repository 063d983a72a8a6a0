// The scenario schema: the one authority for what a scenario file may say.
// Parsed values carry base units (ns, bytes, bit/s). Unknown keys are errors everywhere
// (`.strict()`): a typo must never be silently ignored.
import { z } from 'zod';
import { bitRate, bytes, durationNs, packetRate, powerOfTwo } from './fields';
import { cpuProfileData } from './cpuProfileData';

export const CPU_PROFILES = [
  'xeon-e5-1650-v4', 'epyc-9684x', 'epyc-9684x-ibpb', 'xeon-platinum-8580', 'xeon-platinum-8481c', 'seed-8-cycle',
] as const;
export const DRIVERS = ['generic', 'gve', 'mlx4', 'mt76', 'hns3'] as const;
export const VARIANTS = ['page', 'netmem'] as const;
export const IOMMU_MODES = ['off', 'lazy', 'strict'] as const;
export const PP_FLAG_NAMES = ['DMA_MAP', 'DMA_SYNC_DEV', 'SYSTEM_POOL', 'ALLOW_UNREADABLE_NETMEM'] as const;
export const DMA_DIRS = ['DMA_BIDIRECTIONAL', 'DMA_TO_DEVICE', 'DMA_FROM_DEVICE'] as const;
export const XDP_ACTIONS = ['none', 'drop', 'pass', 'tx', 'redirect'] as const;

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
  // `true` means the x86 default DMA domain (lazy invalidation, DMA-FQ).
  iommu: z.union([z.enum(IOMMU_MODES), z.boolean()]).default('off')
    .describe('off; lazy (DMA-FQ, the x86 default; true means lazy); strict (IOTLB invalidation on every unmap)')
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
}).strict();

const provider = z.object({
  kind: z.literal('dmabuf'),
  size: bytes(),
  queues: z.array(z.number().int().nonnegative()).min(1).describe('RX queues bound to the dma-buf (netdev bind-rx)'),
  chunks: z.number().int().min(1).max(65536).default(1).describe('scatterlist entries of the dma-buf'),
}).strict();

const nic = z.object({
  name: z.string().min(1).max(15).regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be an interface name (IFNAMSIZ)' }),
  driver: z.enum(DRIVERS).default('generic').describe('driver model; generic is a netdevsim-like reference driver'),
  variant: z.enum(VARIANTS).default('page').describe('page: the driver before its netmem conversion; netmem: after it'),
  mode: z.string().optional().describe('driver mode: gve dqo-rda|dqo-qpl, hns3 page_pool|legacy, mt76 mmio|usb'),
  link: bitRate(),
  queues: z.number().int().min(1).max(128).default(1).describe('RX queues (ethtool -L)'),
  ring: powerOfTwo(64, 16384).optional().describe('RX descriptors per queue; driver default if absent'),
  mtu: z.number().int().min(68).max(9216).default(1500),
  numa_node: z.number().int().min(0).default(0),
  irq_cores: coreList.optional().describe('queue i is served by irq_cores[i % length]; default core i'),
  header_split: z.boolean().default(false).describe('ethtool -G tcp-data-split on: headers and payload in separate buffers (devmem needs it)'),
  hds_thresh: z.number().int().nonnegative().default(0).describe('ethtool -G hds-thresh (devmem bind-rx requires 0)'),
  xdp: z.enum(XDP_ACTIONS).default('none').describe('verdict of the attached XDP program for every frame; none: no program'),
  rx_buf_len: z.number().int().positive().optional().describe('ethtool -G rx-buf-len: bytes per RX buffer; driver default if absent'),
  rx_copybreak: z.number().int().nonnegative().optional().describe('ethtool rx-copybreak: frames up to this size are copied and the buffer reused'),
  page_pool: pagePoolParams.default({}),
  provider: provider.optional().describe('devmem TCP: a dma-buf memory provider bound to some RX queues'),
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
  dontneed: z.object({ batch: z.number().int().min(1).max(128).default(128), every: durationNs() }).strict().optional()
    .describe('devmem: return tokens with SO_DEVMEM_DONTNEED, up to batch (MAX_DONTNEED_TOKENS = 128) per call, every interval'),
}).strict();

const memoryPressure = z.object({
  node: z.number().int().min(0).default(0),
  allocate: bytes().optional(),
  release: bytes().optional(),
  over: durationNs().default(0),
}).strict();

const event = z.union([
  z.object({ at: durationNs(), memory_pressure: memoryPressure }).strict(),
  z.object({ at: durationNs(), consumer_stall: z.object({ nic: z.string(), for: durationNs() }).strict() }).strict(),
  z.object({ at: durationNs(), ifdown: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), ifup: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), bind: z.object({ nic: z.string(), queues: z.array(z.number().int().nonnegative()).optional() }).strict() }).strict(),
  z.object({ at: durationNs(), unbind: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), socket_close: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), token_stall: z.object({ nic: z.string(), for: durationNs().optional() }).strict() }).strict(),
]);

/** Scalar path → list of values, e.g. `variant: [page, netmem]`, `nics[0].ring: [256, 512]`. */
const compare = z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1));

export const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).describe('seeds every random stream: same seed, same result'),
  duration: durationNs().refine((ns) => ns > 0 && ns <= 3600e9, { message: 'must be more than 0 and at most 1h' }),
  sample: durationNs().default(1_000_000).refine((ns) => ns >= 1000, { message: 'must be at least 1us' }),
  host: host.default({ cpu: { profile: 'xeon-e5-1650-v4', cores: 16 }, memory: { numa_nodes: 1, per_node: 64 * 1024 ** 3 }, iommu: 'off' }),
  nics: z.array(nic).min(1).max(16),
  traffic: z.array(traffic).min(1).describe('what arrives on the wire, per NIC'),
  consumer: z.array(consumer).default([]).describe('the applications reading the received data, per NIC'),
  events: z.array(event).default([]).describe('timeline: each event runs at its `at`, in any order written'),
  compare: compare.optional().describe('runs to compare: scalar path → values, e.g. variant: [page, netmem] or nics[0].ring: [256, 1024]'),
  repeat: z.number().int().min(1).max(100).default(1).describe('runs per compare point, each with its own derived seed'),
}).strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type NicConfig = Scenario['nics'][number];
export type TrafficConfig = Scenario['traffic'][number];
export type ConsumerConfig = Scenario['consumer'][number];
export type ScenarioEvent = Scenario['events'][number];
export type PagePoolParamsConfig = NicConfig['page_pool'];
export type ReadLatency = ConsumerConfig['read_latency'];
export type CpuProfileName = (typeof CPU_PROFILES)[number];
export type DriverName = (typeof DRIVERS)[number];
export type Variant = (typeof VARIANTS)[number];
export type IommuMode = (typeof IOMMU_MODES)[number];
