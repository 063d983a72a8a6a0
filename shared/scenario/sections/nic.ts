// One NIC of a scenario: driver model, rings and queues, page_pool parameters, NAPI settings, provider.
import { z } from 'zod';
import { bitRate, durationNs } from '../fields';
import { DRIVERS } from '../../doc/names';
import { coreList } from './host';
import { provider } from './provider';

export const VARIANTS = ['page', 'netmem'] as const;
export const PP_FLAG_NAMES = ['DMA_MAP', 'DMA_SYNC_DEV', 'SYSTEM_POOL', 'ALLOW_UNREADABLE_NETMEM'] as const;
export const DMA_DIRS = ['DMA_BIDIRECTIONAL', 'DMA_TO_DEVICE', 'DMA_FROM_DEVICE'] as const;
export const XDP_ACTIONS = ['none', 'drop', 'pass', 'tx', 'redirect'] as const;

const pagePoolParams = z
  .object({
    order: z.number().int().min(0).max(10).optional().describe('page_pool_params.order: each buffer is 2^order pages'),
    pool_size: z
      .number()
      .int()
      .min(0)
      .max(1 << 20)
      .optional()
      .describe('page_pool_params.pool_size: ptr_ring entries (0 means 1024; clamped at 16384)'),
    flags: z
      .union([z.array(z.enum(PP_FLAG_NAMES)), z.number().int().nonnegative()])
      .optional()
      .describe('PP_FLAG_* names without the prefix, or the raw bit mask'),
    napi: z.boolean().optional().describe('set pp.napi so skb frees in this NAPI recycle directly'),
    nid: z
      .union([z.number().int().min(0), z.literal('NUMA_NO_NODE')])
      .optional()
      .describe('page_pool_params.nid: node to allocate from; NUMA_NO_NODE follows the allocating CPU (numa_mem_id)'),
    dma_dir: z.enum(DMA_DIRS).optional().describe('page_pool_params.dma_dir (DMA_BIDIRECTIONAL when XDP_TX may send the buffer)'),
    max_len: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('page_pool_params.max_len: bytes synced for the device (PP_FLAG_DMA_SYNC_DEV)'),
    offset: z.number().int().nonnegative().optional().describe('page_pool_params.offset: where the device starts writing (headroom)'),
    nid_changed: z
      .boolean()
      .optional()
      .describe(
        'the driver calls page_pool_nid_changed(pool, numa_mem_id()) before each refill, as mlx5e_post_rx_wqes does (generic driver only)',
      ),
  })
  .strict();

// Per-NAPI settings (netdev netlink napi-set / /sys/class/net/<dev>/…): docs/model/napi.md.
const napiParams = z
  .object({
    defer_hard_irqs: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0)
      .describe('napi_defer_hard_irqs: empty polls that keep the IRQ masked (with gro_flush_timeout) before it is re-enabled'),
    gro_flush_timeout: durationNs()
      .default(0)
      .describe('gro_flush_timeout: with defer_hard_irqs, napi->timer polls again after this instead of the IRQ'),
    threaded: z.boolean().default(false).describe('threaded NAPI: the poll runs in the napi/<dev>-<id> kthread (woken by the IRQ)'),
  })
  .strict();
export const nic = z
  .object({
    name: z
      .string()
      .min(1)
      .max(15)
      .regex(/^[A-Za-z0-9_.-]+$/, { message: 'must be an interface name (IFNAMSIZ)' }),
    driver: z.enum(DRIVERS).default('generic').describe('driver model; generic is a netdevsim-like reference driver'),
    variant: z.enum(VARIANTS).default('page').describe('page: the driver before its netmem conversion; netmem: after it'),
    mode: z.string().optional().describe('driver mode: gve dqo-rda|dqo-qpl, hns3 page_pool|legacy, mt76 mmio|usb, mlx5 striding|cyclic'),
    link: bitRate(),
    queues: z.number().int().min(1).max(128).default(1).describe('RX queues (ethtool -L)'),
    ring: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe(
        "RX descriptors per queue (ethtool -G rx); driver default if absent. Each driver's set_ringparam rules apply: " +
          'gve a power of two in the device range, mlx4 256-8192 rounded up to a power of two, hns3 72-32760 rounded up to a multiple of 8, ' +
          'mt76 fixed (1536, USB 128), mlx5 16-8192 frames rounded up to a power of two, generic a power of two from 64 to 16384',
      ),
    ring_range: z
      .object({
        min: z.number().int().min(1).max(65535).optional().describe('min_rx_ring_size; absent: GVE_DEFAULT_MIN_RX_RING_SIZE (512)'),
        max: z.number().int().min(1).max(65535).describe('max_rx_ring_size'),
      })
      .strict()
      .optional()
      .describe('gve: the RX ring range the device advertises (modify-ring device option); absent: only the power-of-two rule is checked'),
    mtu: z.number().int().min(68).max(9216).default(1500),
    numa_node: z.number().int().min(0).default(0),
    irq_cores: coreList.optional().describe('queue i is served by irq_cores[i % length]; default core i'),
    header_split: z
      .boolean()
      .default(false)
      .describe('ethtool -G tcp-data-split on: headers and payload in separate buffers (devmem needs it)'),
    hds_thresh: z.number().int().nonnegative().default(0).describe('ethtool -G hds-thresh (devmem bind-rx requires 0)'),
    xdp: z.enum(XDP_ACTIONS).default('none').describe('verdict of the attached XDP program for every frame; none: no program'),
    rx_buf_len: z.number().int().positive().optional().describe('ethtool -G rx-buf-len: bytes per RX buffer; driver default if absent'),
    rx_copybreak: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('ethtool rx-copybreak: frames up to this size are copied and the buffer reused'),
    page_pool: pagePoolParams.default({}),
    napi: napiParams.default({ defer_hard_irqs: 0, gro_flush_timeout: 0, threaded: false }),
    provider: provider
      .optional()
      .describe('a memory provider: dmabuf (devmem TCP, netdev bind-rx) or zcrx (io_uring zero-copy receive on one RX queue)'),
  })
  .strict();
