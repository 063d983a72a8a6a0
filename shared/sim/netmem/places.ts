// Where a page_pool buffer is (conservation model, docs/model/README.md#conservation).
// Every buffer owned by a pool is in exactly one place; an OUT buffer is held by references
// from holders (the driver/NIC ring, the stack, the user). The kernel has no such field:
// this is bookkeeping that lets the simulator prove pages are neither lost nor duplicated.

/** Back in the page allocator (page) or in the provider's free list (net_iov); no pool owns it. */
export const PLACE_FREE = 0;
/**
 * Owned by the pool and idle: in its lockless alloc cache (pool->alloc.cache) or in its ptr_ring.
 * Which of the two is the container's to say (the pool's cache array or its ring slots, where the
 * invariant checker looks), so page_pool_refill_alloc_cache moves a run from the ring to the cache
 * as a block copy, with no write per buffer.
 */
export const PLACE_POOL = 1;
/** Handed out: held by references counted per holder in the word (see also STATE_OUT_SOLE). */
export const PLACE_OUT = 3;

/** Holders of references on an OUT buffer, upstream to downstream. */
export const HOLDER_NIC_RING = 0; // posted to an RX descriptor or held by the driver
export const HOLDER_STACK = 1; // skb frag in the stack or in a socket queue
export const HOLDER_USER = 2; // devmem token held by the application
export const NHOLDERS = 3;
export type Holder = typeof HOLDER_NIC_RING | typeof HOLDER_STACK | typeof HOLDER_USER;

/**
 * The word of a buffer handed out with one reference whose holder is the container that holds the
 * buffer: a NIC ring slot or the driver (nic_ring), or an skb (stack). The word does not say which:
 * the driver → skb hand-over writes nothing per buffer, only the pool's class counts move, and a
 * buffer's holder is read off the containers when a view needs it (page_pool/invariants.ts with the
 * engine's skb table). What page_pool_alloc hands out; a second reference, a user's reference or a
 * pool frag page takes the counted form (PLACE_OUT with holder counts) until the buffer leaves OUT.
 * Its place is OUT: placeOf() reads bit 1 as OUT.
 */
export const STATE_OUT_SOLE = 2;
/** The place field's bit that both OUT forms set (PLACE_OUT 3, STATE_OUT_SOLE 2; FREE 0, POOL 1). */
export const STATE_OUT_BIT = 2;
/** The slot of the per-pool out counts (id * OUT_STRIDE + slot) that counts the pool's OUT buffers in the counted form. */
export const OUT_COUNTED = 3;

/**
 * In the counted form a buffer's place and its three holder counts share one Int32 word
 * (NetmemDescTable.state), so a move is one load and one store: place in bits 0-1, nic_ring
 * count in bits 2-12 (≤ 2047), stack count in bits 13-23 (≤ 2047), user count in bits 24-31
 * (≤ 255). A count is never negative (a drop below 0 throws first); one past its limit throws as
 * a model bug (descTable.ts).
 */
export const STATE_PLACE_MASK = 3;
// The word constants the hot paths use, written as literals: the ahead-of-time build (esbuild)
// folds a constant into the code that uses it only while the module's top is nothing but such
// literals (the arrays come after them); a constant it does not fold stays a module variable, a
// context load and a number check per use. Checked against HOLD_SHIFT / HOLD_MAX below.
/** the nic_ring count's bits: HOLD_MAX[nic] << HOLD_SHIFT[nic] */
export const STATE_NIC_MASK = 8188;
/** the stack count's bits: HOLD_MAX[stack] << HOLD_SHIFT[stack] */
export const STATE_STACK_MASK = 16769024;
/** the user count's bits: HOLD_MAX[user] << HOLD_SHIFT[user] (bit 31 set: negative as an Int32) */
export const STATE_USER_MASK = -16777216;
/** added to a word to move one reference from nic_ring to stack: (1 << HOLD_SHIFT[stack]) - (1 << HOLD_SHIFT[nic]) */
export const STATE_NIC_TO_STACK = 8188;
/** Per-pool out counts are indexed id * OUT_STRIDE + holder: a shift, not a multiply by 3. */
export const OUT_STRIDE = 4;
/** bit shift and largest count of each holder's field in the state word */
export const HOLD_SHIFT = [2, 13, 24] as const;
export const HOLD_MAX = [2047, 2047, 255] as const;
if (
  STATE_NIC_MASK !== HOLD_MAX[HOLDER_NIC_RING] << HOLD_SHIFT[HOLDER_NIC_RING] ||
  STATE_STACK_MASK !== HOLD_MAX[HOLDER_STACK] << HOLD_SHIFT[HOLDER_STACK] ||
  STATE_USER_MASK !== HOLD_MAX[HOLDER_USER] << HOLD_SHIFT[HOLDER_USER] ||
  STATE_NIC_TO_STACK !== (1 << HOLD_SHIFT[HOLDER_STACK]) - (1 << HOLD_SHIFT[HOLDER_NIC_RING]) ||
  (STATE_OUT_SOLE & STATE_OUT_BIT) === 0 ||
  (PLACE_OUT & STATE_OUT_BIT) === 0 ||
  ((PLACE_FREE | PLACE_POOL) & STATE_OUT_BIT) !== 0 ||
  OUT_COUNTED < NHOLDERS ||
  OUT_COUNTED >= OUT_STRIDE
) {
  throw new Error('netmem/places.ts: a state-word constant does not match HOLD_SHIFT / HOLD_MAX');
}

/** A state word from its fields (tests and views; the hot paths add and subtract 1 << HOLD_SHIFT[holder]). */
export function packState(place: number, nic: number, stack: number, user: number): number {
  return place | (nic << 2) | (stack << 13) | (user << 24);
}

export const PLACE_NAMES = ['free', 'pool (alloc_cache or ptr_ring)', 'out (sole reference)', 'out'] as const;
export const HOLDER_NAMES = ['nic_ring', 'stack', 'user'] as const;
