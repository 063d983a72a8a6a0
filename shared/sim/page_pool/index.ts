// Public entry points of the page_pool model.
export * from './types';
export { createPagePool, pagePoolRingSize } from './create';
export { PagePool } from './pagePool';
export { PagePoolRegistry } from './registry';
export { createMemoryWorld, pageAllocatorConfigFromHost, type MemoryWorld } from './environment';
export { napiPpPutPage } from './skbRecycle';
export { checkPoolInvariants, checkAllInvariants } from './invariants';
export { DMA_CACHE_ALIGNMENT } from './frag';
export {
  pagePoolGetDo,
  pagePoolGetDump,
  pagePoolStatsGetDo,
  pagePoolStatsGetDump,
  type PagePoolNlInfo,
  type PagePoolNlStats,
} from './netlink';
