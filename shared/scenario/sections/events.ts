// The scenario timeline: memory pressure, stalls, link and binding changes, fault injection, IRQ affinity.
import { z } from 'zod';
import { bytes, durationNs } from '../fields';

const memoryPressure = z
  .object({
    node: z.number().int().min(0).default(0),
    allocate: bytes().optional(),
    release: bytes().optional(),
    over: durationNs().default(0),
  })
  .strict();

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

const failFunction = z
  .object({
    inject: z
      .enum(FAIL_FUNCTIONS)
      .optional()
      .describe('/sys/kernel/debug/fail_function/inject: page_pool_alloc_netmems returns NULL on entry; none empties the list'),
    ...faultAttrFields,
  })
  .strict();

const dmaMapError = z
  .object(faultAttrFields)
  .strict()
  .describe('dma_mapping_error() is true for page_pool_dma_map: the page is freed and the allocation does not count it');

export const event = z.union([
  z.object({ at: durationNs(), memory_pressure: memoryPressure }).strict(),
  z.object({ at: durationNs(), consumer_stall: z.object({ nic: z.string(), for: durationNs() }).strict() }).strict(),
  z.object({ at: durationNs(), ifdown: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), ifup: z.object({ nic: z.string() }).strict() }).strict(),
  z
    .object({ at: durationNs(), bind: z.object({ nic: z.string(), queues: z.array(z.number().int().nonnegative()).optional() }).strict() })
    .strict(),
  z.object({ at: durationNs(), unbind: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), socket_close: z.object({ nic: z.string() }).strict() }).strict(),
  z.object({ at: durationNs(), token_stall: z.object({ nic: z.string(), for: durationNs().optional() }).strict() }).strict(),
  z.object({ at: durationNs(), fail_function: failFunction }).strict(),
  z.object({ at: durationNs(), dma_map_error: dmaMapError }).strict(),
  z
    .object({
      at: durationNs(),
      unregister: z
        .object({ nic: z.string() })
        .strict()
        .describe(
          'unregister_netdevice: the NIC is closed and gone for the rest of the run; pools with buffers in flight are orphaned to lo',
        ),
    })
    .strict(),
  z
    .object({
      at: durationNs(),
      netns_exit: z
        .object({})
        .strict()
        .describe(
          'the network namespace goes away: every NIC leaves it, then lo unregisters and orphaned pools become invisible (NET_PTR_POISON)',
        ),
    })
    .strict(),
  z
    .object({
      at: durationNs(),
      irq_affinity: z
        .object({
          nic: z.string(),
          queue: z.number().int().nonnegative(),
          core: z.number().int().nonnegative(),
        })
        .strict()
        .describe("/proc/irq/N/smp_affinity_list of the queue's IRQ: its NAPI runs on `core` from its next IRQ"),
    })
    .strict(),
]);
