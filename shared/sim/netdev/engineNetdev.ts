// A NetdevModel over a NIC of the running engine: the scenario's ethtool state (tcp-data-split,
// hds-thresh, XDP) and the driver's capabilities (queue API ⇒ instance lock), and queue
// management ops that restart one queue through the engine so its driver re-creates the
// page_pool, which picks up rx[q].mp (page_pool_init reads rxq->mp_params).
import type { EngineApi } from '../engine/engineApi';
import { DriverConfigError } from '../drivers/common/errors';
import type { CreateResult } from '../page_pool/types';
import {
  ETHTOOL_TCP_DATA_SPLIT_DISABLED,
  ETHTOOL_TCP_DATA_SPLIT_ENABLED,
  makeRxQueues,
  type NetdevModel,
  type QueueMem,
  type QueueMgmtOps,
} from './netdev';

/**
 * How a driver's ndo_queue_mem_alloc reports a page_pool_create failure. GVE maps every ring
 * allocation failure to -ENOMEM (gve_rx_dqo.c gve_rx_alloc_ring_dqo: `if (IS_ERR(pool)) goto err;`
 * … `err: … return -ENOMEM;`), so the provider's -E2BIG for an order-1 pool reaches user space
 * as -ENOMEM on GVE (page_pool logs the -E2BIG). A driver that returns PTR_ERR(pool) passes it on.
 */
const MEM_ALLOC_ERRNO: Record<string, 'ENOMEM' | 'propagate'> = { gve: 'ENOMEM' };

export function netdevFromEngine(engine: EngineApi, nic: number, ifindex: number): NetdevModel {
  const cfg = engine.nicConfig(nic);
  const desc = engine.nicDescription(nic);
  const caps = desc.capabilities;
  const dev: NetdevModel = {
    ifindex,
    name: cfg.name,
    present: true,
    opsLocked: caps.queue_mgmt_ops,
    get running() {
      return engine.isUp(nic);
    },
    set running(_v: boolean) {
      /* follows the engine's ifup/ifdown */
    },
    realNumRxQueues: cfg.queues,
    hdsConfig: cfg.header_split && caps.header_split ? ETHTOOL_TCP_DATA_SPLIT_ENABLED : ETHTOOL_TCP_DATA_SPLIT_DISABLED,
    hdsThresh: cfg.hds_thresh,
    xdpProgCount: cfg.xdp !== 'none' ? 1 : 0,
    rx: makeRxQueues(cfg.queues),
    queueOps: null,
    // One PCI function: every queue DMAs through the same device.
    dmaDev: () => ifindex,
  };
  if (caps.queue_mgmt_ops) dev.queueOps = engineQueueOps(engine, nic, dev, MEM_ALLOC_ERRNO[cfg.driver] ?? 'propagate');
  return dev;
}

/**
 * The engine restarts a queue as stop (buffers back, old pool destroyed — deferred while in
 * flight) then start (new pool, buffers posted). So `memAlloc` does the whole swap and the
 * other ops have nothing left to do. Difference from the kernel, stated: the kernel allocates
 * the new memory before stopping the old queue, so a failed allocation leaves the old queue
 * running untouched; here a failure is rolled back by a second restart without the provider
 * (a fresh normal pool), which is what the old queue had.
 */
function engineQueueOps(engine: EngineApi, nic: number, dev: NetdevModel, errnoPolicy: 'ENOMEM' | 'propagate'): QueueMgmtOps {
  const done: QueueMem = { pools: [] };
  return {
    memAlloc(q: number): CreateResult<QueueMem> {
      engine.setQueueProvider(nic, q, dev.rx[q].mp);
      if (!engine.isUp(nic)) return { ok: true, value: { pools: [], deferred: true } };
      try {
        engine.restartQueue(nic, q);
      } catch (e) {
        if (!(e instanceof DriverConfigError)) throw e;
        engine.setQueueProvider(nic, q, null);
        engine.restartQueue(nic, q);
        const errno = errnoPolicy === 'ENOMEM' ? 'ENOMEM' : e.errno;
        const how =
          errnoPolicy === 'ENOMEM' && e.errno !== 'ENOMEM'
            ? ` (driver reports -ENOMEM for any ring allocation failure; page_pool said -${e.errno})`
            : '';
        return { ok: false, error: { errno, message: `[no extack] ndo_queue_mem_alloc failed: ${e.message}${how}` } };
      }
      return { ok: true, value: { pools: engine.queueDriver(nic, q).pools } };
    },
    memFree(): void {
      /* the engine's stop destroyed the old pool */
    },
    stop(): CreateResult<QueueMem> {
      return { ok: true, value: done };
    },
    start(): null {
      return null;
    },
  };
}
