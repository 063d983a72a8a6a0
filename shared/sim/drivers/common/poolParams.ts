// A driver's page_pool_params: its defaults (from the reference) with the scenario's `page_pool`
// overrides on top, and the conversion to the engine's PagePoolParams for page_pool_create.
import type { NicConfig } from '../../../scenario/schema';
import {
  NUMA_NO_NODE,
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  PP_FLAG_SYSTEM_POOL,
  type DmaDir,
  type PagePoolParams,
} from '../../page_pool/types';
import { providerQueues } from '../../providers/registry';

/** The params a driver states (DriverDescription.page_pool), napi as a boolean. */
export interface DriverPoolParams {
  order: number;
  pool_size: number;
  flags: number;
  nid: number;
  napi: boolean;
  dma_dir: DmaDir;
  max_len: number;
  offset: number;
}

const FLAG_BITS: Record<string, number> = {
  DMA_MAP: PP_FLAG_DMA_MAP,
  DMA_SYNC_DEV: PP_FLAG_DMA_SYNC_DEV,
  SYSTEM_POOL: PP_FLAG_SYSTEM_POOL,
  ALLOW_UNREADABLE_NETMEM: PP_FLAG_ALLOW_UNREADABLE_NETMEM,
};

export function flagNames(flags: number): string[] {
  return Object.entries(FLAG_BITS)
    .filter(([, bit]) => (flags & bit) !== 0)
    .map(([name]) => name);
}

/** Scenario `page_pool:` keys override the driver's defaults one by one (an experiment knob). */
export function applyPoolOverrides(nic: NicConfig, defaults: DriverPoolParams): DriverPoolParams {
  const o = nic.page_pool;
  let flags = defaults.flags;
  if (o.flags !== undefined) {
    flags = typeof o.flags === 'number' ? o.flags : o.flags.reduce((m, n) => m | FLAG_BITS[n], 0);
  }
  return {
    order: o.order ?? defaults.order,
    pool_size: o.pool_size ?? defaults.pool_size,
    flags,
    nid: o.nid === undefined ? defaults.nid : o.nid === 'NUMA_NO_NODE' ? NUMA_NO_NODE : o.nid,
    napi: o.napi ?? defaults.napi,
    dma_dir: o.dma_dir ?? defaults.dma_dir,
    max_len: o.max_len ?? defaults.max_len,
    offset: o.offset ?? defaults.offset,
  };
}

/** page_pool_params for page_pool_create: pp.napi → the queue's NAPI core. */
export function toPagePoolParams(p: DriverPoolParams, napiCore: number, netdev: number, queueIdx: number): PagePoolParams {
  return {
    order: p.order,
    pool_size: p.pool_size,
    flags: p.flags,
    nid: p.nid,
    napiCore: p.napi ? napiCore : -1,
    dma_dir: p.dma_dir,
    max_len: p.max_len,
    offset: p.offset,
    netdev,
    queue_idx: queueIdx,
  };
}

/** Whether the scenario binds a memory provider (devmem dma-buf) to this queue of the NIC. */
export function queueHasProvider(nic: NicConfig, queue: number): boolean {
  return nic.provider !== undefined && providerQueues(nic.provider).includes(queue);
}
