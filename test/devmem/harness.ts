// Test harness: a memory world with B's page_pool, a netdev model and a minimal driver with the
// queue management API (memAlloc creates the queue's page_pool, which picks up rx[q].mp, and
// posts `ring` buffers to a fake NIC ring; stop/start swap the running queue; memFree returns
// the posted buffers and destroys the pool). Timers run when the test advances time.
import { createMemoryWorld, type MemoryWorld } from '../../shared/sim/page_pool/environment';
import { createPagePool } from '../../shared/sim/page_pool/create';
import {
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  type PagePoolApi,
  type PagePoolHooks,
} from '../../shared/sim/page_pool/types';
import { DevmemHost } from '../../shared/sim/providers/dmabuf/bindRx';
import { ETHTOOL_TCP_DATA_SPLIT_ENABLED, makeRxQueues, type NetdevModel, type QueueMem } from '../../shared/sim/netdev/netdev';
import type { NetmemRef } from '../../shared/sim/netmem/netmemRef';
import { HoldMeter } from '../../shared/sim/metadata/holdMeter';

export interface TestQueueMem extends QueueMem {
  readonly pools: PagePoolApi[];
  posted: NetmemRef[];
}

export interface Harness {
  world: MemoryWorld;
  hooks: PagePoolHooks;
  host: DevmemHost;
  dev: NetdevModel;
  running: (TestQueueMem | null)[];
  logs: { level: string; message: string }[];
  now: { t: number };
  advance(ns: number): void;
  /** pool order the fake driver uses (to test E2BIG) */
  cfg: { order: number; ring: number; ignoreProvider: boolean; memAllocErrno: 'propagate' | 'ENOMEM' };
}

export function makeHarness(opts: { queues?: number; ring?: number } = {}): Harness {
  const world = createMemoryWorld({ numaNodes: 1, perNodeBytes: 1024 ** 3 });
  const now = { t: 0 };
  const timers: { at: number; fn: () => void }[] = [];
  const logs: { level: string; message: string }[] = [];
  const hooks: PagePoolHooks = {
    exec: { inSoftirq: false, cpu: 1, napiPollingCore: -1 },
    now: () => now.t,
    charge: () => {},
    schedule: (d, fn) => {
      timers.push({ at: now.t + d, fn });
    },
    log: (level, message) => {
      logs.push({ level, message });
    },
    mm: world.mm,
    tables: world.tables,
    registry: world.registry,
    cpuNode: () => 0,
    holdMeter: new HoldMeter(),
  };
  const nq = opts.queues ?? 4;
  const cfg = { order: 0, ring: opts.ring ?? 64, ignoreProvider: false, memAllocErrno: 'propagate' as 'propagate' | 'ENOMEM' };
  const running: (TestQueueMem | null)[] = [];
  const dev: NetdevModel = {
    ifindex: 2,
    name: 'eth0',
    present: true,
    opsLocked: true,
    running: true,
    realNumRxQueues: nq,
    hdsConfig: ETHTOOL_TCP_DATA_SPLIT_ENABLED,
    hdsThresh: 0,
    xdpProgCount: 0,
    rx: makeRxQueues(nq),
    dmaDev: () => 1,
    queueOps: {
      memAlloc(q) {
        const mp = cfg.ignoreProvider ? null : dev.rx[q].mp;
        const r = createPagePool(
          {
            order: cfg.order,
            pool_size: 256,
            flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_ALLOW_UNREADABLE_NETMEM,
            nid: 0,
            napiCore: 0,
            dma_dir: 'DMA_FROM_DEVICE',
            max_len: 4096,
            offset: 0,
            netdev: dev.ifindex,
            queue_idx: q,
          },
          hooks,
          mp,
        );
        if (!r.ok) {
          return {
            ok: false,
            error:
              cfg.memAllocErrno === 'ENOMEM' ? { errno: 'ENOMEM', message: 'driver maps any ring allocation failure to -ENOMEM' } : r.error,
          };
        }
        const mem: TestQueueMem = { pools: [r.value], posted: [] };
        for (let k = 0; k < cfg.ring; k++) {
          const ref = r.value.allocNetmems();
          if (ref === 0) break;
          mem.posted.push(ref);
        }
        return { ok: true, value: mem };
      },
      memFree(mem) {
        const m = mem as TestQueueMem;
        for (const ref of m.posted) m.pools[0].putFullNetmem(ref, false);
        m.posted.length = 0;
        m.pools[0].destroy(now.t);
      },
      stop(q) {
        const m = running[q];
        if (!m) return { ok: false, error: { errno: 'EINVAL', message: 'queue not running' } };
        running[q] = null;
        return { ok: true, value: m };
      },
      start(q, mem) {
        running[q] = mem as TestQueueMem;
        return null;
      },
    },
  };
  const host = new DevmemHost(world.tables.niov, { now: () => now.t, log: (level, message) => logs.push({ level, message }) });
  host.addNetdev(dev);
  // ifup: every queue starts with a normal pool
  for (let q = 0; q < nq; q++) {
    const r = dev.queueOps!.memAlloc(q);
    if (!r.ok) throw new Error(r.error.message);
    running.push(r.value as TestQueueMem);
  }
  const advance = (ns: number) => {
    const end = now.t + ns;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now.t = next.at;
      next.fn();
    }
    now.t = end;
  };
  return { world, hooks, host, dev, running, logs, now, advance, cfg };
}

export function rxQueues(...ids: number[]): { id: number; type: number }[] {
  return ids.map((id) => ({ id, type: 0 }));
}
