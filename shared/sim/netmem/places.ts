// Where a page_pool buffer is (conservation model, docs/model/README.md#conservation).
// Every buffer owned by a pool is in exactly one place; an OUT buffer is held by references
// from holders (the driver/NIC ring, the stack, the user). The kernel has no such field:
// this is bookkeeping that lets the simulator prove pages are neither lost nor duplicated.

/** Back in the page allocator (page) or in the provider's free list (net_iov); no pool owns it. */
export const PLACE_FREE = 0;
/** In the pool's lockless alloc cache (pool->alloc.cache). */
export const PLACE_ALLOC_CACHE = 1;
/** In the pool's ptr_ring. */
export const PLACE_PTR_RING = 2;
/** Handed out: held by references counted per holder. */
export const PLACE_OUT = 3;

/** Holders of references on an OUT buffer, upstream to downstream. */
export const HOLDER_NIC_RING = 0; // posted to an RX descriptor or held by the driver
export const HOLDER_STACK = 1; // skb frag in the stack or in a socket queue
export const HOLDER_USER = 2; // devmem token held by the application
export const NHOLDERS = 3;
export type Holder = typeof HOLDER_NIC_RING | typeof HOLDER_STACK | typeof HOLDER_USER;

export const PLACE_NAMES = ['free', 'alloc_cache', 'ptr_ring', 'out'] as const;
export const HOLDER_NAMES = ['nic_ring', 'stack', 'user'] as const;
