// A minimal engine stand-in for page_pool unit tests: simulated clock with a timer queue,
// an ExecContext to flip, per-op charge counters and a log.
import { createMemoryWorld, type MemoryWorld } from '../../shared/sim/page_pool/environment';
import { createPagePool } from '../../shared/sim/page_pool/create';
import type { PagePool } from '../../shared/sim/page_pool/pagePool';
import {
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  PP_OP_COUNT,
  NUMA_NO_NODE,
  type ExecContext,
  type MemoryProviderOps,
  type PagePoolHooks,
  type PagePoolParams,
} from '../../shared/sim/page_pool/types';
import type { PageAllocatorConfig } from '../../shared/sim/mm/pageAllocator';
import { HoldMeter } from '../../shared/sim/metadata/holdMeter';

export interface Harness extends MemoryWorld {
  hooks: PagePoolHooks;
  exec: ExecContext;
  ops: Float64Array;
  logs: { t: number; level: string; message: string }[];
  now: number;
  /** advance simulated time to `t`, running due timers in order */
  runUntil(t: number): void;
  pool(p?: Partial<PagePoolParams>, provider?: MemoryProviderOps | null, cpuid?: number): PagePool;
}

export const GiB = 1024 ** 3;

export function makeHarness(mem: Partial<PageAllocatorConfig> = {}, cpuNodes: number[] = [0, 0, 0, 0]): Harness {
  const world = createMemoryWorld({ numaNodes: 1, perNodeBytes: 4 * GiB, ...mem });
  const exec: ExecContext = { inSoftirq: true, cpu: 0, napiPollingCore: 0 };
  const ops = new Float64Array(PP_OP_COUNT);
  const logs: Harness['logs'] = [];
  const timers: { at: number; seq: number; fn: () => void }[] = [];
  let seq = 0;
  const h: Harness = {
    ...world,
    exec,
    ops,
    logs,
    now: 0,
    hooks: undefined as unknown as PagePoolHooks,
    runUntil(t: number) {
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers[0];
        if (!next || next.at > t) break;
        timers.shift();
        h.now = next.at;
        next.fn();
      }
      h.now = t;
    },
    pool(p = {}, provider = null, cpuid = -1) {
      const r = createPagePool({ ...defaultParams(), ...p }, h.hooks, provider, cpuid);
      if (!r.ok) throw new Error(`${r.error.errno}: ${r.error.message}`);
      return r.value;
    },
  };
  h.hooks = {
    exec,
    now: () => h.now,
    charge: (op, n) => {
      ops[op] += n;
    },
    schedule: (delay, fn) => {
      timers.push({ at: h.now + delay, seq: seq++, fn });
    },
    log: (level, message) => {
      logs.push({ t: h.now, level, message });
    },
    mm: world.mm,
    tables: world.tables,
    registry: world.registry,
    cpuNode: (cpu) => cpuNodes[cpu] ?? 0,
    holdMeter: new HoldMeter(),
  };
  return h;
}

export function defaultParams(): PagePoolParams {
  return {
    order: 0,
    pool_size: 256,
    flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
    nid: NUMA_NO_NODE,
    napiCore: 0,
    dma_dir: 'DMA_FROM_DEVICE',
    max_len: 4096,
    offset: 0,
    netdev: 1,
    queue_idx: 0,
  };
}
