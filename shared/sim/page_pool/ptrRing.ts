// include/linux/ptr_ring.h as the page_pool uses it: a fixed array of slots, 0 = NULL.
// Produce fails when the producer's slot is still non-NULL. The consumer does not clear slots one
// by one: it advances consumer_head and zeroes the consumed slots in batches of `batch`
// (SMP_CACHE_BYTES * 2 / sizeof(void *) = 16 on x86-64; 1 when that exceeds size / 2) or at the
// end of the array, so a producer can see "full" while up to batch - 1 consumed slots are not yet
// cleared. That is the kernel's behaviour and it moves recycle_ring_full.
export const PTR_RING_BATCH = 16;
/**
 * A block consumer that moves fewer entries than this copies them one by one: copyWithin is a
 * runtime call (page_pool/alloc.ts refillAllocCache). Here, in a module without imports, so the
 * build folds it into the loop.
 */
export const PTR_RING_COPY_MIN = 12;

export class PtrRing {
  // size and batch start as small integers, not undefined, so V8 keeps them as such and reads them
  // without a type check (as in traffic/source.ts).
  readonly size: number = 0;
  readonly batch: number = 0;
  /** the slots (read by block consumers together with consumerHead, then advance()) */
  readonly queue: Int32Array;
  /** next slot to produce into (a block producer reads it with `queue`, then commitProduced()) */
  producer = 0;
  /** next slot to consume */
  consumerHead = 0;
  private consumerTail = 0;
  /** entries produced and not yet consumed */
  count = 0;

  /** `slots`: storage of `size` zeroed entries to use for the queue (the page_pool's, shared with its alloc cache) */
  constructor(size: number, slots?: Int32Array) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`ptr_ring size must be a positive integer, got ${size}`);
    if (slots !== undefined && slots.length !== size) throw new Error(`ptr_ring storage of ${slots.length} slots for size ${size}`);
    this.size = size;
    this.queue = slots ?? new Int32Array(size);
    this.batch = PTR_RING_BATCH > size / 2 ? 1 : PTR_RING_BATCH;
  }

  /** __ptr_ring_produce: false (-ENOSPC) when the slot is occupied. */
  produce(v: number): boolean {
    const p = this.producer;
    if (this.queue[p] !== 0) return false;
    this.queue[p] = v;
    this.producer = p + 1 >= this.size ? 0 : p + 1;
    this.count++;
    return true;
  }

  /**
   * n produce() calls at once, for a caller that wrote the n entries into `queue` from `producer`
   * on, wrapping at `size` as produce() does, each into an empty slot; `next` is the slot after.
   */
  commitProduced(next: number, n: number): void {
    this.producer = next;
    this.count += n;
  }

  /**
   * How many produce() calls in a row would succeed now. The non-NULL slots are one circular run,
   * consumerTail up to producer (consumed slots not yet zeroed, then the entries), so the slots
   * from producer on up to consumerTail are all NULL.
   */
  freeRun(): number {
    return this.size - this.count - (this.consumerHead - this.consumerTail);
  }

  /** __ptr_ring_empty */
  isEmpty(): boolean {
    return this.count === 0;
  }

  /** __ptr_ring_consume: 0 when empty. */
  consume(): number {
    const head = this.consumerHead;
    const v = this.queue[head];
    if (v === 0 || this.count === 0) return 0;
    this.count--;
    const next = head + 1;
    // __ptr_ring_discard_one: zero consumed slots in a batch (reverse order in the kernel)
    if (next - this.consumerTail >= this.batch || next >= this.size) {
      for (let k = head; k >= this.consumerTail; k--) this.queue[k] = 0;
      if (next >= this.size) {
        this.consumerTail = 0;
        this.consumerHead = 0;
      } else {
        this.consumerTail = next;
        this.consumerHead = next;
      }
    } else {
      this.consumerHead = next;
    }
    return v;
  }

  /**
   * n consume() calls at once, for a caller that read the n entries from queue[consumerHead] on
   * (n ≤ count, no wrap: consumerHead + n ≤ size). Leaves the slots, heads and count exactly as
   * the n calls would: the batches they would zero are zeroed, and reaching the end of the
   * array zeroes what is left and restarts at slot 0. (The kernel zeroes a batch from its last
   * slot down, for a producer on another CPU; one thread sees no order, so a fill does it.)
   */
  advance(n: number): void {
    if (n <= 0) return;
    const next = this.consumerHead + n;
    const tail = this.consumerTail;
    const q = this.queue;
    this.count -= n;
    if (next >= this.size) {
      q.fill(0, tail, next);
      this.consumerTail = 0;
      this.consumerHead = 0;
      return;
    }
    const done = next - tail;
    if (done >= this.batch) {
      const newTail = next - (done % this.batch);
      q.fill(0, tail, newTail);
      this.consumerTail = newTail;
    }
    this.consumerHead = next;
  }

  /** The entries produced and not consumed, oldest first (invariant checks only). */
  entries(): number[] {
    const out: number[] = [];
    let k = this.consumerHead;
    for (let n = 0; n < this.count; n++) {
      out.push(this.queue[k]);
      k = k + 1 >= this.size ? 0 : k + 1;
    }
    return out;
  }
}
