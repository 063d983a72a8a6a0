// struct netmem_desc as struct-of-arrays (docs/model/netmem.md#the-descriptor-netmem_desc): the page_pool fields that
// struct page, netmem_desc and struct net_iov share at identical offsets, plus the simulator's
// place/holder bookkeeping (places.ts), one state word per entry (a sole reference's holder is
// its container's, not the word's). Base class of the page table (mm/pageTable.ts) and the
// net_iov table (netIovTable.ts); entries are indices, arrays grow by doubling, and callers must
// re-read array fields after anything that can grow the table (never cache them across calls).
import {
  HOLD_MAX as MAX,
  HOLD_SHIFT as SHIFT,
  OUT_COUNTED as COUNTED,
  HOLDER_NIC_RING as H_NIC,
  HOLDER_STACK as H_STACK,
  HOLDER_USER as H_USER,
  OUT_STRIDE,
  PLACE_FREE as P_FREE,
  PLACE_OUT as P_OUT,
  STATE_NIC_MASK as M_NIC,
  STATE_NIC_TO_STACK as NIC_TO_STACK,
  STATE_OUT_SOLE as SOLE,
  STATE_PLACE_MASK as ST_PLACE,
  STATE_STACK_MASK as M_STACK,
  STATE_USER_MASK as M_USER,
} from './places';
import type { PoolPlaceCounts } from './poolPlaceCounts';
import { growF64, growI32, growU8 } from '../util/growTyped';

// The out counts are indexed (pp << 2) + holder: a literal shift for OUT_STRIDE, since a multiply
// is an overflow check in optimized code.
if (OUT_STRIDE !== 4) throw new Error('PoolPlaceCounts: the out-count index assumes OUT_STRIDE 4');

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
  /** place and holder counts, one word per entry (layout in places.ts) */
  state: Int32Array;

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
    this.state = new Int32Array(cap);
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
    this.state = growI32(this.state, cap);
  }

  /** Reset the netmem_desc fields of entry i (page leaves the allocator / niov created). */
  clearDesc(i: number): void {
    this.ppId[i] = 0;
    this.ppMagic[i] = 0;
    this.ppRefBiased[i] = 0;
    this.ppRefDelta[i] = 0;
    this.dmaAddr[i] = 0;
    this.dmaMapped[i] = 0;
    this.state[i] = P_FREE;
  }

  /** clearDesc() of entries first .. end - 1, a field at a time. */
  clearDescRange(first: number, end: number): void {
    this.ppId.fill(0, first, end);
    this.ppMagic.fill(0, first, end);
    this.ppRefBiased.fill(0, first, end);
    this.ppRefDelta.fill(0, first, end);
    this.dmaAddr.fill(0, first, end);
    this.dmaMapped.fill(0, first, end);
    this.state.fill(P_FREE, first, end);
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

  // ---- place and holders (simulator bookkeeping, one state word: places.ts) ----

  /** PLACE_* of entry i (a sole reference is OUT). */
  placeOf(i: number): number {
    const p = this.state[i] & ST_PLACE;
    return p | (p >>> 1);
  }

  /** Set the place of entry i, keeping its holder counts (callers keep the out counts right). */
  setPlace(i: number, place: number): void {
    this.state[i] = (this.state[i] & ~ST_PLACE) | place;
  }

  /** Entry i is OUT with one reference whose holder is its container's (STATE_OUT_SOLE). */
  isSole(i: number): boolean {
    return this.state[i] === SOLE;
  }

  /**
   * References `holder` holds on entry i. A sole reference is never the user's; whether the NIC
   * ring or an skb holds it is the containers' to say (soleHolder), so asking throws.
   */
  holdOf(i: number, holder: number): number {
    const w = this.state[i];
    if (w === SOLE) {
      if (holder === H_USER) return 0;
      throw soleHolder(i);
    }
    return (w >>> SHIFT[holder]) & MAX[holder];
  }

  /** Most downstream holder of an OUT entry in the counted form; an OUT entry with no holder is the driver's (nic_ring). */
  outClass(i: number): number {
    const w = this.state[i];
    if (w === SOLE) throw soleHolder(i);
    return classOf(w);
  }

  /** Entry goes OUT with `n` references held by `holder` (alloc path, provider alloc): one driver reference is a sole one. */
  enterOut(i: number, holder: number, n: number): void {
    if (n < 0 || n > MAX[holder]) throw tooManyHeld(i, holder, n);
    if (holder === H_NIC && n === 1) {
      this.enterOutNic(i, this.ppId[i]);
      return;
    }
    this.state[i] = P_OUT | (n << SHIFT[holder]);
    const base = this.ppId[i] << 2;
    this.counts.out[base + (n > 0 ? holder : H_NIC)]++;
    this.counts.out[base + COUNTED]++;
  }

  /**
   * enterOut(i, HOLDER_NIC_RING, 1) for a buffer of pool `id` (its pp id, which the caller knows):
   * the per-packet page_pool alloc hands one buffer to the driver, a sole reference.
   */
  enterOutNic(i: number, id: number): void {
    this.state[i] = SOLE;
    this.counts.out[id << 2]++;
  }

  /**
   * A sole reference held by `heldBy` (the caller knows the container) takes the counted form:
   * the same class, its holder now in the word. A counted entry is left as it is.
   */
  countHolds(i: number, heldBy: number): void {
    if (this.state[i] !== SOLE) return;
    this.state[i] = P_OUT | (1 << SHIFT[heldBy]);
    this.counts.out[(this.ppId[i] << 2) + COUNTED]++;
  }

  /** Entry leaves OUT for `place` (recycled or released); its holder counts must be zero (the counted form). */
  leaveOut(i: number, place: number): void {
    const w = this.state[i];
    if (w === SOLE) throw soleHolder(i);
    const base = this.ppId[i] << 2;
    this.counts.out[base + classOf(w)]--;
    this.counts.out[base + COUNTED]--;
    this.state[i] = (w & ~ST_PLACE) | place;
  }

  /**
   * The last pp reference, held by `holder`, is dropped: the entry leaves OUT and is in transit
   * (marked FREE) until the pool puts it in its cache or ring or releases it. Returns false,
   * changing nothing, if the word does not say "exactly one reference, held by holder": a sole
   * reference is the holder's when the caller says so (it took the buffer from its container).
   */
  releaseLastHold(i: number, holder: number): boolean {
    if (this.state[i] !== SOLE || holder === H_USER) return this.releaseLastCounted(i, holder);
    const out = this.counts.out;
    const k = (this.ppId[i] << 2) + holder;
    // the holder holds none of the pool's buffers: not this one either
    if (out[k] === 0) return false;
    this.state[i] = P_FREE;
    out[k]--;
    return true;
  }

  /** releaseLastHold of the counted form, out of line: the per-packet put inlines the sole case. */
  private releaseLastCounted(i: number, holder: number): boolean {
    const w = this.state[i];
    if ((w & ~ST_PLACE) !== 1 << SHIFT[holder] || (w & ST_PLACE) !== P_OUT) return false;
    const base = this.ppId[i] << 2;
    this.state[i] = P_FREE;
    this.counts.out[base + holder]--;
    this.counts.out[base + COUNTED]--;
    return true;
  }

  /** Add n references for holder (a second one: page_pool_ref_netmem, frag API); the entry must be in the counted form (countHolds). */
  addHold(i: number, holder: number, n: number): void {
    const w = this.state[i];
    if (w === SOLE) throw soleHolder(i);
    const have = (w >>> SHIFT[holder]) & MAX[holder];
    const v = have + n;
    if (v < 0) throw tooFewHeld(i, -n, have);
    if (v > MAX[holder]) throw tooManyHeld(i, holder, v);
    this.restate(i, w, w + n * (1 << SHIFT[holder]));
  }

  /** Drop n references of holder; throws if the holder does not hold that many (model bug). */
  dropHold(i: number, holder: number, n: number): void {
    this.countHolds(i, holder);
    const w = this.state[i];
    const have = (w >>> SHIFT[holder]) & MAX[holder];
    if (have - n < 0) throw tooFewHeld(i, n, have);
    if (have - n > MAX[holder]) throw tooManyHeld(i, holder, have - n);
    this.restate(i, w, w - n * (1 << SHIFT[holder]));
  }

  /** Move one reference from holder `from` to holder `to` (driver → stack, …). */
  moveHold(i: number, from: number, to: number): void {
    if (this.state[i] === SOLE) {
      const base = this.ppId[i] << 2;
      if (from === H_USER || this.counts.out[base + from] === 0) throw noneToMove(i, from);
      if (to !== H_USER) {
        // the container changes, the word does not: only the class counts move
        this.counts.out[base + from]--;
        this.counts.out[base + to]++;
        return;
      }
      this.countHolds(i, from);
    }
    const w = this.state[i];
    if (((w >>> SHIFT[from]) & MAX[from]) === 0) throw noneToMove(i, from);
    const w1 = w - (1 << SHIFT[from]);
    if (((w1 >>> SHIFT[to]) & MAX[to]) === MAX[to]) throw tooManyHeld(i, to, MAX[to] + 1);
    this.restate(i, w, w1 + (1 << SHIFT[to]));
  }

  /**
   * moveHold(i, HOLDER_NIC_RING, HOLDER_STACK): the per-packet driver → skb hand-over. A sole
   * reference changes container only (the class counts move); a counted one moves in its word.
   */
  moveNicToStack(i: number): void {
    const st = this.state;
    const w = st[i];
    if (w === SOLE) {
      this.outNicToStack(i);
      return;
    }
    if ((w & M_NIC) === 0) throw noneToMove(i, H_NIC);
    if ((w & M_STACK) === M_STACK) throw tooManyHeld(i, H_STACK, MAX[H_STACK] + 1);
    st[i] = w + NIC_TO_STACK;
    if ((w & (M_USER | M_STACK | ST_PLACE)) === P_OUT) this.outNicToStack(i);
  }

  /** One count of the buffer's pool moves from the nic_ring class of OUT to the stack's. */
  private outNicToStack(i: number): void {
    const base = this.ppId[i] << 2;
    this.counts.out[base + H_NIC]--;
    this.counts.out[base + H_STACK]++;
  }

  /**
   * An RX frame's buffer becomes an skb frag: if it is a page_pool buffer (pp_magic), the
   * driver's reference becomes the stack's (moveNicToStack).
   */
  handToSkb(i: number): void {
    if (this.handToSkbOfPool(i)) this.outNicToStack(i);
  }

  /**
   * handToSkb(i) of a buffer whose pool the caller knows, the out-count move left to the caller:
   * true when the buffer went from the driver's class to the stack's (the caller moves one count
   * of that pool from nic_ring to stack per true, e.g. once for a run of buffers).
   */
  handToSkbOfPool(i: number): boolean {
    const st = this.state;
    const w = st[i];
    if (w === SOLE) return true;
    if ((w & M_NIC) === 0 || (w & M_STACK) === M_STACK) {
      if (this.ppMagic[i] === 1) this.moveNicToStack(i);
      return false;
    }
    st[i] = w + NIC_TO_STACK;
    return (w & (M_USER | M_STACK | ST_PLACE)) === P_OUT;
  }

  /** Sum of references over holders (a sole reference: 1). */
  holdTotal(i: number): number {
    const w = this.state[i];
    if (w === SOLE) return 1;
    return ((w >>> SHIFT[H_NIC]) & MAX[H_NIC]) + ((w >>> SHIFT[H_STACK]) & MAX[H_STACK]) + (w >>> SHIFT[H_USER]);
  }

  /** Store the new word of entry i; an OUT entry whose class changes moves between the out counts. */
  private restate(i: number, before: number, after: number): void {
    this.state[i] = after;
    if ((before & ST_PLACE) !== P_OUT) return;
    const a = classOf(before);
    const b = classOf(after);
    if (a === b) return;
    const base = this.ppId[i] << 2;
    this.counts.out[base + a]--;
    this.counts.out[base + b]++;
  }
}

// The model-bug errors of the holder counts, built by calls. Why, for every hot path that throws
// this way: when two messages of one method (after inlining) format the same number in place,
// TurboFan formats it once, before either test, on every call — a NumberToString and a string per
// buffer move. A call with side effects cannot be moved above the test.
function tooFewHeld(i: number, dropped: number, have: number): Error {
  return new Error(`netmem desc ${i}: ${dropped} reference(s) dropped by a holder that has ${have}`);
}
function tooManyHeld(i: number, holder: number, would: number): Error {
  return new Error(`netmem desc ${i}: holder ${holder} would hold ${would} references (limit ${MAX[holder]})`);
}
function noneToMove(i: number, holder: number): Error {
  return new Error(`netmem desc ${i}: no reference held by holder ${holder} to move`);
}
function soleHolder(i: number): Error {
  return new Error(`netmem desc ${i}: a sole reference's holder is its container's (a NIC ring slot or an skb), not in its word`);
}

/** Most downstream holder with a reference in state word w (user > stack > nic_ring). */
function classOf(w: number): number {
  if ((w & M_USER) !== 0) return H_USER;
  if ((w & M_STACK) !== 0) return H_STACK;
  return H_NIC;
}
