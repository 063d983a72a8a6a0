// The application reading a NIC's data: read latency, where it frees, cores, socket buffer, busy polling, devmem tokens.
import { z } from 'zod';
import { bytes, durationNs } from '../fields';
import { coreList } from './host';

const latency = z.union([
  durationNs(),
  z.object({ fixed: durationNs() }).strict(),
  z.object({ exponential: z.object({ mean: durationNs() }).strict() }).strict(),
  z.object({ lognormal: z.object({ median: durationNs(), p99: durationNs() }).strict() }).strict(),
]);

export const consumer = z
  .object({
    nic: z.string(),
    read_latency: latency.default(0),
    free_on: z
      .enum(['app_core', 'napi_core'])
      .default('app_core')
      .describe('app_core: the application frees on its own core (ptr_ring); napi_core: freed in softirq on the NAPI core'),
    app_cores: coreList.optional().describe('cores the application reads on'),
    rcvbuf: bytes()
      .refine((n) => n >= 2048, { message: 'must be at least 2KiB (SOCK_MIN_RCVBUF)' })
      .optional()
      .describe(
        'per-socket receive buffer (sk_rcvbuf), one socket per flow: bytes queued and not yet read are charged to it. ' +
          'TCP: the receive window closes when it is full and the sender stops sending that flow until the application reads ' +
          '(default net.ipv4.tcp_rmem[2] = 6MiB, the autotuning limit). UDP: datagrams arriving at a full socket are dropped ' +
          '(rcvbuf_errors; default net.core.rmem_default = 212992)',
      ),
    busy_poll: z
      .object({
        usecs: durationNs()
          .refine((ns) => ns > 0, { message: 'must be more than 0' })
          .describe('SO_BUSY_POLL / net.core.busy_read: how long recvmsg polls the NAPI after its socket ran empty'),
        budget: z.number().int().min(1).max(64).default(8).describe('frames per busy poll (BUSY_POLL_BUDGET 8; SO_BUSY_POLL_BUDGET)'),
        prefer_busy_poll: z
          .boolean()
          .default(false)
          .describe(
            'SO_PREFER_BUSY_POLL: at the end of a busy poll the IRQ stays masked and napi->timer (defer_hard_irqs, gro_flush_timeout) takes over',
          ),
      })
      .strict()
      .optional()
      .describe('busy polling: the application core polls the NAPI of its queue (napi_busy_loop)'),
    dontneed: z
      .object({ batch: z.number().int().min(1).max(128).default(128), every: durationNs() })
      .strict()
      .optional()
      .describe('devmem: return tokens with SO_DEVMEM_DONTNEED, up to batch (MAX_DONTNEED_TOKENS = 128) per call, every interval'),
  })
  .strict();
