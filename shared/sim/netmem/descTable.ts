// struct netmem_desc as struct-of-arrays (docs/model/netmem.md#the-descriptor-netmem_desc): the page_pool fields that
// struct page, netmem_desc and struct net_iov share at identical offsets, plus the simulator's
// place/holder bookkeeping (places.ts). Base class of the page table (mm/pageTable.ts) and the
// net_iov table (netIovTable.ts); entries are indices, arrays grow by doubling, and callers must
// re-read array fields after anything that can grow the table (never cache them across calls).
import { HOLDER_NIC_RING, HOLDER_STACK, HOLDER_USER, NHOLDERS, PLACE_FREE, PLACE_OUT } from './places';
import type { PoolPlaceCounts } from './poolPlaceCounts';

// Module-local copies: test runners and tsx compile imports to getter calls, which would sit on
// the per-packet path; a local const is read once.
const NH = NHOLDERS;
const H_NIC = HOLDER_NIC_RING;
const H_STACK = HOLDER_STACK;
const H_USER = HOLDER_USER;
const P_FREE = PLACE_FREE;
const P_OUT = PLACE_OUT;

/**
 * BIAS_MAX = LONG_MAX >> 1 = 2^62 - 1 (page_pool.c, frag API). It exceeds 2^53, so pp_ref_count
 * is stored exactly as `biased ? BIAS_MAX + delta : delta` with an int32 delta: the frag API only
 * ever sets BIAS_MAX, subtracts small counts from it, or subtracts (BIAS_MAX - frag_users) to drain.
 */
export const BIAS_MAX = (1n << 62n) - 1n;

export class NetmemDescTable {
  capacity: number;
  readonly counts: PoolPlaceCounts;
  /** `pp`: id of the owning page_pool, 0 = none. */
  ppId: Int32Array;
  /** pp_magic carries PP_SIGNATURE (netmem_is_pp): 1 / 0. */
  ppMagic: Uint8Array;
  /** pp_ref_count, exact: biased ? BIAS_MAX + ppRefDelta : ppRefDelta */
  ppRefBiased: Uint8Array;
  ppRefDelta: Int32Array;
  /** dma_addr (IOVA or bus address; < 2^53 in the model) and whether the pool mapped it. */
  dmaAddr: Float64Array;
  dmaMapped: Uint8Array;
  /** PLACE_* */
  place: Uint8Array;
  /** references per holder: holds[i * NH + holder] */
  holds: Int32Array;

  constructor(counts: PoolPlaceCounts, initialCapacity: number) {
    const cap = Math.max(16, initialCapacity | 0);
    this.capacity = cap;
    this.counts = counts;
    this.ppId = new Int32Array(cap);
    this.ppMagic = new Uint8Array(cap);
    this.ppRefBiased = new Uint8Array(cap);
    this.ppRefDelta = new Int32Array(cap);
    this.dmaAddr = new Float64Array(cap);
    this.dmaMapped = new Uint8Array(cap);
    this.place = new Uint8Array(cap);
    this.holds = new Int32Array(cap * NH);
  }

  /** Grow every array to at least `minCap` entries (doubling). Subclasses extend growArrays. */
  ensureCapacity(minCap: number): void {
    if (minCap <= this.capacity) return;
    let cap = this.capacity;
    while (cap < minCap) cap *= 2;
    this.growArrays(cap);
    this.capacity = cap;
  }

  protected growArrays(cap: number): void {
    this.ppId = growI32(this.ppId, cap);
    this.ppMagic = growU8(this.ppMagic, cap);
    this.ppRefBiased = growU8(this.ppRefBiased, cap);
    this.ppRefDelta = growI32(this.ppRefDelta, cap);
    this.dmaAddr = growF64(this.dmaAddr, cap);
    this.dmaMapped = growU8(this.dmaMapped, cap);
    this.place = growU8(this.place, cap);
    this.holds = growI32(this.holds, cap * NH);
  }

  /** Reset the netmem_desc fields of entry i (page leaves the allocator / niov created). */
  clearDesc(i: number): void {
    this.ppId[i] = 0;
    this.ppMagic[i] = 0;
    this.ppRefBiased[i] = 0;
    this.ppRefDelta[i] = 0;
    this.dmaAddr[i] = 0;
    this.dmaMapped[i] = 0;
    this.place[i] = P_FREE;
    const h = i * NH;
    this.holds[h] = 0;
    this.holds[h + 1] = 0;
    this.holds[h + 2] = 0;
  }

  // ---- pp_ref_count (exact) ----

  /** Exact pp_ref_count (for display, tests and invariant checks; not for the hot path). */
  ppRefCount(i: number): bigint {
    const d = BigInt(this.ppRefDelta[i]);
    return this.ppRefBiased[i] ? BIAS_MAX + d : d;
  }

  /** atomic_long_set(pp_ref_count, v) for a small v. */
  ppRefSet(i: number, v: number): void {
    this.ppRefBiased[i] = 0;
    this.ppRefDelta[i] = v;
  }

  /** atomic_long_set(pp_ref_count, BIAS_MAX) */
  ppRefSetBias(i: number): void {
    this.ppRefBiased[i] = 1;
    this.ppRefDelta[i] = 0;
  }

  /** pp_ref_count == v for a small v (a biased count is never small). */
  ppRefEquals(i: number, v: number): boolean {
    return this.ppRefBiased[i] === 0 && this.ppRefDelta[i] === v;
  }

  /** atomic_long_sub_return(nr) for a small nr; returns whether the result is exactly 0. */
  ppRefSubIsZero(i: number, nr: number): boolean {
    const d = this.ppRefDelta[i] - nr;
    this.ppRefDelta[i] = d;
    return this.ppRefBiased[i] === 0 && d === 0;
  }

  /** pp_ref_count < 0 (WARN in page_pool_unref_netmem). */
  ppRefNegative(i: number): boolean {
    return this.ppRefBiased[i] === 0 && this.ppRefDelta[i] < 0;
  }

  /**
   * Frag drain: subtract (BIAS_MAX - fragUsers). Exact only on a biased count, which is the
   * only state the frag API drains (page_pool_drain_frag / page_pool_free_frag).
   * Returns the resulting (small) pp_ref_count.
   */
  ppRefDrainBias(i: number, fragUsers: number): number {
    if (this.ppRefBiased[i] === 0) throw new Error(`netmem desc ${i}: drain of an unbiased pp_ref_count`);
    const v = this.ppRefDelta[i] + fragUsers;
    this.ppRefBiased[i] = 0;
    this.ppRefDelta[i] = v;
    return v;
  }

  // ---- place and holders (simulator bookkeeping) ----

  /** Most downstream holder of an OUT entry; an OUT entry with no holder is the driver's (nic_ring). */
  outClass(i: number): number {
    const h = i * NH;
    if (this.holds[h + H_USER] > 0) return H_USER;
    if (this.holds[h + H_STACK] > 0) return H_STACK;
    return H_NIC;
  }

  /** Entry goes OUT with `n` references held by `holder` (alloc path, provider alloc). */
  enterOut(i: number, holder: number, n: number): void {
    const h = i * NH;
    this.holds[h] = 0;
    this.holds[h + 1] = 0;
    this.holds[h + 2] = 0;
    this.holds[h + holder] = n;
    this.place[i] = P_OUT;
    this.counts.out[this.ppId[i] * NH + (n > 0 ? holder : H_NIC)]++;
  }

  /** enterOut(i, HOLDER_NIC_RING, 1): the per-packet page_pool alloc hands one buffer to the driver. */
  enterOutNic(i: number): void {
    const holds = this.holds;
    const h = i * NH;
    holds[h + H_NIC] = 1;
    holds[h + H_STACK] = 0;
    holds[h + H_USER] = 0;
    this.place[i] = P_OUT;
    this.counts.out[this.ppId[i] * NH + H_NIC]++;
  }

  /** Entry leaves OUT for `place` (recycled or released); its holder counts must be zero. */
  leaveOut(i: number, place: number): void {
    this.counts.out[this.ppId[i] * NH + this.outClass(i)]--;
    this.place[i] = place;
  }

  /**
   * The last pp reference, held by `holder`, is dropped: the entry leaves OUT and is in transit
   * (marked FREE) until the pool puts it in its cache or ring or releases it. Returns false,
   * changing nothing, if the holder counts do not say "exactly one reference, held by holder".
   */
  releaseLastHold(i: number, holder: number): boolean {
    const h = i * NH;
    const holds = this.holds;
    if (holds[h + holder] !== 1 || holds[h] + holds[h + 1] + holds[h + 2] !== 1) return false;
    holds[h + holder] = 0;
    this.counts.out[this.ppId[i] * NH + holder]--;
    this.place[i] = P_FREE;
    return true;
  }

  /** Add n references for holder (e.g. page_pool_ref_netmem by the stack or a devmem token). */
  addHold(i: number, holder: number, n: number): void {
    const before = this.outClass(i);
    this.holds[i * NH + holder] += n;
    this.reclass(i, before);
  }

  /** Drop n references of holder; throws if the holder does not hold that many (model bug). */
  dropHold(i: number, holder: number, n: number): void {
    const k = i * NH + holder;
    const left = this.holds[k] - n;
    if (left < 0) throw new Error(`netmem desc ${i}: ${n} reference(s) dropped by a holder that has ${this.holds[k]}`);
    const before = this.outClass(i);
    this.holds[k] = left;
    this.reclass(i, before);
  }

  /** Move one reference from holder `from` to holder `to` (driver → stack, …). */
  moveHold(i: number, from: number, to: number): void {
    const kf = i * NH + from;
    if (this.holds[kf] <= 0) throw new Error(`netmem desc ${i}: no reference held by holder ${from} to move`);
    const before = this.outClass(i);
    this.holds[kf]--;
    this.holds[i * NH + to]++;
    this.reclass(i, before);
  }

  /**
   * moveHold(i, HOLDER_NIC_RING, HOLDER_STACK) without the two outClass walks: the per-packet
   * driver → skb hand-over. Same result and same counters; the class changes only when neither
   * the user nor the stack held a reference before (nic_ring → stack).
   */
  moveNicToStack(i: number): void {
    const holds = this.holds;
    const h = i * NH;
    const nic = holds[h + H_NIC];
    if (nic <= 0) throw new Error(`netmem desc ${i}: no reference held by holder ${H_NIC} to move`);
    const stack = holds[h + H_STACK];
    holds[h + H_NIC] = nic - 1;
    holds[h + H_STACK] = stack + 1;
    if (holds[h + H_USER] > 0 || stack > 0 || stack + 1 <= 0 || this.place[i] !== P_OUT) return;
    const base = this.ppId[i] * NH;
    this.counts.out[base + H_NIC]--;
    this.counts.out[base + H_STACK]++;
  }

  /** Sum of references over holders. */
  holdTotal(i: number): number {
    const h = i * NH;
    return this.holds[h] + this.holds[h + 1] + this.holds[h + 2];
  }

  private reclass(i: number, before: number): void {
    if (this.place[i] !== P_OUT) return;
    const after = this.outClass(i);
    if (after === before) return;
    const base = this.ppId[i] * NH;
    this.counts.out[base + before]--;
    this.counts.out[base + after]++;
  }
}

export function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
export function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
export function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
