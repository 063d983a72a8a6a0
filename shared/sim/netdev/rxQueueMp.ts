// Installing and removing a memory provider on one RX queue, and the queue restart it triggers
// (net/core/netdev_rx_queue.c [6.18]: __net_mp_open_rxq, __net_mp_close_rxq,
// netdev_rx_queue_restart; net/core/page_pool_user.c page_pool_check_memory_provider;
// docs/model/devmem.md#opening-a-provider-on-a-queue, #queue-restart).
import type { KernelError, MemoryProviderOps } from '../page_pool/types';
import { ETHTOOL_TCP_DATA_SPLIT_ENABLED, type NetdevModel, type QueueMem } from './netdev';

function err(errno: KernelError['errno'], message: string): KernelError {
  return { errno, message };
}

/**
 * page_pool_check_memory_provider: when the queue has a provider, some page_pool the new queue
 * memory created must carry that provider (mp_priv) for this queue, else the driver ignored it
 * (-ENODATA, no extack message in the kernel).
 */
export function checkMemoryProvider(dev: NetdevModel, q: number, mem: QueueMem): KernelError | null {
  const mp = dev.rx[q].mp;
  if (!mp || mem.deferred) return null;
  for (const pool of mem.pools) {
    if (pool.provider === mp && pool.params.queue_idx === q) return null;
  }
  return err('ENODATA', `[no extack] driver's new page_pool for rx queue ${q} did not pick up the memory provider`);
}

/**
 * netdev_rx_queue_restart: all four queue ops are required (-EOPNOTSUPP); allocate the new
 * queue memory (the driver's new page_pool picks up rx[q].mp); check the provider was honoured
 * (-ENODATA); if running, stop the old queue and start the new one (on a start failure restart
 * the old one, WARN "RX queue %d may be unhealthy" if that fails too); free the old memory.
 */
export function rxQueueRestart(dev: NetdevModel, q: number, warn: (m: string) => void): KernelError | null {
  const ops = dev.queueOps;
  if (!ops) return err('EOPNOTSUPP', '[no extack] driver has no queue management ops');
  const alloc = ops.memAlloc(q);
  if (!alloc.ok) return alloc.error;
  const newMem = alloc.value;
  const bad = checkMemoryProvider(dev, q, newMem);
  if (bad) {
    ops.memFree(newMem);
    return bad;
  }
  if (!dev.running) {
    // Interface down: nothing runs, the new memory simply replaces the old (swap + free old).
    return null;
  }
  const stopped = ops.stop(q);
  if (!stopped.ok) {
    ops.memFree(newMem);
    return stopped.error;
  }
  const startErr = ops.start(q, newMem);
  if (startErr) {
    if (ops.start(q, stopped.value)) {
      warn(`WARNING: Failed to restart old queue in error path. RX queue ${q} may be unhealthy.`);
      ops.memFree(stopped.value);
    }
    ops.memFree(newMem);
    return startErr;
  }
  ops.memFree(stopped.value);
  return null;
}

/**
 * __net_mp_open_rxq: the kernel's checks in its order, each with its extack message, then
 * store the provider in the queue and restart it. On failure the params are cleared again.
 */
export function netMpOpenRxq(dev: NetdevModel, q: number, mp: MemoryProviderOps, warn: (m: string) => void): KernelError | null {
  if (!dev.opsLocked) return err('EOPNOTSUPP', '[no extack] driver does not use the netdev instance lock');
  if (q >= dev.realNumRxQueues) return err('ERANGE', 'rx queue index out of range');
  if (dev.hdsConfig !== ETHTOOL_TCP_DATA_SPLIT_ENABLED) return err('EINVAL', 'tcp-data-split is disabled');
  if (dev.hdsThresh !== 0) return err('EINVAL', 'hds-thresh is not zero');
  if (dev.xdpProgCount > 0) return err('EEXIST', 'unable to custom memory provider to device with XDP program attached');
  const rxq = dev.rx[q];
  if (rxq.mp) return err('EEXIST', 'designated queue already memory provider bound');
  if (rxq.afXdp) return err('EBUSY', 'designated queue already in use by AF_XDP');
  rxq.mp = mp;
  const r = rxQueueRestart(dev, q, warn);
  if (r) rxq.mp = null;
  return r;
}

/**
 * __net_mp_close_rxq: clear the provider and restart the queue without it (a new normal
 * page_pool; the old one is destroyed, deferred while its net_iovs are in flight). The kernel
 * WARNs on a mismatching provider and on any restart error other than -ENETDOWN.
 */
export function netMpCloseRxq(dev: NetdevModel, q: number, mp: MemoryProviderOps, warn: (m: string) => void): void {
  if (q >= dev.realNumRxQueues) {
    warn(`WARNING: __net_mp_close_rxq: rx queue ${q} out of range`);
    return;
  }
  const rxq = dev.rx[q];
  if (!dev.present && !rxq.mp) return;
  if (rxq.mp !== mp) {
    warn(`WARNING: __net_mp_close_rxq: rx queue ${q} is bound to another memory provider`);
    return;
  }
  rxq.mp = null;
  const r = rxQueueRestart(dev, q, warn);
  if (r) warn(`WARNING: __net_mp_close_rxq: restart of rx queue ${q} failed: -${r.errno}`);
}
