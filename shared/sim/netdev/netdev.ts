// The part of struct net_device that bind-rx and the memory-provider open/close look at
// (docs/model/devmem.md#bind-rx, #opening-a-provider-on-a-queue, #queue-restart). The engine builds one per NIC from the scenario and
// the driver's description, and plugs the driver's queue management ops in as `queueOps`.
import type { CreateResult, KernelError, MemoryProviderOps, PagePoolApi } from '../page_pool/types';

/** enum ethtool_tcp_data_split (include/uapi/linux/ethtool.h) */
export const ETHTOOL_TCP_DATA_SPLIT_UNKNOWN = 0;
export const ETHTOOL_TCP_DATA_SPLIT_DISABLED = 1;
export const ETHTOOL_TCP_DATA_SPLIT_ENABLED = 2;

/** struct netdev_rx_queue: the fields the provider code uses. */
export interface NetdevRxQueue {
  /** rxq->mp_params (mp_ops + mp_priv); null = no provider */
  mp: MemoryProviderOps | null;
  /** rxq->pool: an AF_XDP socket's buffer pool is bound to this queue */
  afXdp: boolean;
}

/**
 * One queue's memory as ndo_queue_mem_alloc built it: for our drivers, the new RX queue with its
 * ring and page_pool(s). `pools` is what page_pool_check_memory_provider looks through.
 */
export interface QueueMem {
  readonly pools: readonly PagePoolApi[];
  /** interface down: the pools are created at the next ndo_open (nothing to check yet) */
  readonly deferred?: boolean;
}

/** struct netdev_queue_mgmt_ops (reference §5.6). Present only for drivers with the queue API. */
export interface QueueMgmtOps {
  /** ndo_queue_mem_alloc: new queue memory; its page_pool reads rx[q].mp as it is created. */
  memAlloc(q: number): CreateResult<QueueMem>;
  /** ndo_queue_mem_free: free queue memory (its page_pools are destroyed, deferred while in flight). */
  memFree(mem: QueueMem): void;
  /** ndo_queue_stop: stop the running queue and hand back its memory. */
  stop(q: number): CreateResult<QueueMem>;
  /** ndo_queue_start: make `mem` the running queue q. */
  start(q: number, mem: QueueMem): KernelError | null;
}

export interface NetdevModel {
  readonly ifindex: number;
  readonly name: string;
  /** netif_device_present */
  present: boolean;
  /**
   * netdev_need_ops_lock(): the driver runs under the netdev instance lock (it has queue
   * management ops or asked for the lock). Drivers without the queue API (mlx4, mt76, hns3) don't.
   */
  opsLocked: boolean;
  /** netif_running */
  running: boolean;
  realNumRxQueues: number;
  /** dev->cfg->hds_config (ethtool tcp-data-split) */
  hdsConfig: number;
  /** dev->cfg->hds_thresh */
  hdsThresh: number;
  /** dev_xdp_prog_count */
  xdpProgCount: number;
  readonly rx: NetdevRxQueue[];
  queueOps: QueueMgmtOps | null;
  /** ndo_queue_get_dma_dev / dev.parent: a DMA device id for queue q, or null (no DMA device). */
  dmaDev(q: number): number | null;
}

export function makeRxQueues(n: number): NetdevRxQueue[] {
  const out: NetdevRxQueue[] = [];
  for (let q = 0; q < n; q++) out.push({ mp: null, afXdp: false });
  return out;
}

/** Human errno text (strerror), as ynl and iproute2 print it. */
export const STRERROR: Record<string, string> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  E2BIG: 'Argument list too long',
  EBADF: 'Bad file descriptor',
  ENOMEM: 'Cannot allocate memory',
  EFAULT: 'Bad address',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  ERANGE: 'Numerical result out of range',
  ENODATA: 'No data available',
  EOPNOTSUPP: 'Operation not supported',
};
