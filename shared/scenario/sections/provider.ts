// Memory providers a NIC's RX queues can be bound to: a dma-buf (devmem TCP) or an io_uring zcrx area.
import { z } from 'zod';
import { bytes, durationNs } from '../fields';

const dmabufProvider = z
  .object({
    kind: z.literal('dmabuf'),
    size: bytes(),
    queues: z.array(z.number().int().nonnegative()).min(1).describe('RX queues bound to the dma-buf (netdev bind-rx)'),
    chunks: z.number().int().min(1).max(65536).default(1).describe('scatterlist entries of the dma-buf'),
  })
  .strict();

/** io_uring/zcrx.c IO_RQ_MAX_ENTRIES: the largest refill queue without IORING_SETUP_CLAMP. */
export const IO_RQ_MAX_ENTRIES = 32768;

// io_uring zero-copy receive (IORING_REGISTER_ZCRX_IFQ): docs/model/zcrx.md.
const zcrxProvider = z
  .object({
    kind: z.literal('zcrx'),
    area_size: bytes()
      .refine((n) => n > 0 && n % 4096 === 0, { message: 'must be a positive multiple of 4KiB (io_import_area: -EINVAL otherwise)' })
      .describe('io_uring_zcrx_area_reg.len: user memory registered as the area, one net_iov per page'),
    queue: z.number().int().nonnegative().describe('io_uring_zcrx_ifq_reg.if_rxq: the RX queue the interface queue takes over'),
    rq_entries: z
      .number()
      .int()
      .min(1)
      .default(4096)
      .describe('io_uring_zcrx_ifq_reg.rq_entries: refill queue entries, rounded up to a power of two, at most IO_RQ_MAX_ENTRIES (32768)'),
    cq_entries: z
      .number()
      .int()
      .min(1)
      .max(1 << 20)
      .default(1024)
      .describe(
        'CQ ring entries of the io_uring (IORING_SETUP_CQSIZE); a RECV_ZC completion that finds it full ends the request with -ENOSPC',
      ),
    return: z
      .object({
        batch: z
          .number()
          .int()
          .min(1)
          .max(1 << 16)
          .default(32)
          .describe('CQEs reaped and buffers written to the refill queue per pass'),
        every: durationNs()
          .refine((ns) => ns > 0, { message: 'must be more than 0' })
          .describe('time between two passes of the application loop'),
      })
      .strict()
      .default({ batch: 32, every: 10_000 })
      .describe('the application returns buffers through the refill queue: up to batch per pass, one pass every `every`'),
  })
  .strict();

export const provider = z.discriminatedUnion('kind', [dmabufProvider, zcrxProvider]);
