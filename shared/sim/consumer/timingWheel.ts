// Timing wheel of skbs keyed by the time the application reads them: buckets of 1024 ns, 4096 of
// them (≈ 4.2 ms) ahead of the cursor; later items wait in an overflow heap and join their bucket
// when the cursor comes within 4096 buckets of it. Items of a bucket become due at the bucket's
// end, so a read happens at most ~1 µs after its drawn time; a bucket's items come out in the
// order they joined it.
// A bucket is a list threaded through the items (the skb table's wheelNext word), its first and
// last item a pair of words per ring slot, and a bit per slot says it holds items: an insert and
// a pop are a few word writes however many reads wait (a binary heap of them paid a sift per read
// once a backlogged core had more than a few), and the next non-empty bucket is a scan of the
// 512-byte bitmap, not of the slots.
import { EventHeap } from '../util/eventHeap';
import { NBUCKETS, WHEEL_BUCKET_NS, WHEEL_BUSY_WORDS as BUSY_WORDS, WHEEL_SLOT_MASK as SLOT_MASK } from './wheelTiming';

if ((NBUCKETS & (NBUCKETS - 1)) !== 0 || SLOT_MASK !== NBUCKETS - 1 || BUSY_WORDS * 32 !== NBUCKETS) {
  throw new Error('timingWheel.ts: NBUCKETS must be a power of two, WHEEL_SLOT_MASK NBUCKETS − 1, WHEEL_BUSY_WORDS NBUCKETS / 32');
}

/**
 * Where the items' read times live (the skb table): `due[item]` is when it is read. The time is
 * read from the table rather than passed: a float argument to a call the compiler does not
 * inline is boxed. The arrays are read through `links` at every call: the table may grow.
 */
export interface WheelLinks {
  readonly due: Float64Array;
  /** the next item of the same bucket, written by the wheel alone (not for a bucket's last item) */
  readonly wheelNext: Int32Array;
}

export class TimingWheel {
  /**
   * per ring slot s (bucket & SLOT_MASK): the bucket's first item at 2s and its last at 2s + 1,
   * -1 when it is empty (one array: an insert or a pop checks and addresses one)
   */
  private readonly ends = new Int32Array(2 * NBUCKETS).fill(-1);
  /** bit (slot & 31) of word (slot >> 5) set while the slot's bucket holds items */
  private readonly busy = new Int32Array(BUSY_WORDS);
  /** items of later buckets, by (due time, insertion order) */
  private readonly overflow = new EventHeap(64);
  /** absolute bucket number of the cursor: every bucket before it is empty */
  private cur = 0;
  /**
   * the earliest non-empty bucket (Infinity: none), kept here: a tick that finds nothing due reads
   * this object only, not the bucket arrays (a likely cache miss between two visits of the wheel)
   */
  private first = Infinity;
  count = 0;

  constructor(private readonly links: WheelLinks) {}

  /** Queue `item`, due at links.due[item] (ns). */
  insert(item: number): void {
    const t = this.links.due[item];
    let b = Math.floor(t / WHEEL_BUCKET_NS);
    if (b < this.cur) b = this.cur;
    this.count++;
    if (b >= this.cur + NBUCKETS) {
      this.overflow.push(t, 0, item);
      return;
    }
    this.join(b, item);
  }

  /** Append `item` to bucket `b` (cur ≤ b < cur + NBUCKETS: one bucket per ring slot). */
  private join(b: number, item: number): void {
    const s = b & SLOT_MASK;
    const ends = this.ends;
    const last = ends[2 * s + 1];
    if (last === -1) {
      ends[2 * s] = item;
      this.busy[s >> 5] |= 1 << (s & 31);
    } else this.links.wheelNext[last] = item;
    ends[2 * s + 1] = item;
    if (b < this.first) this.first = b;
  }

  /** Time at which the earliest non-empty bucket becomes due; Infinity if empty. */
  nextDue(): number {
    const b = this.nextBucket();
    return b < 0 ? Infinity : (b + 1) * WHEEL_BUCKET_NS;
  }

  /**
   * The earliest non-empty bucket, -1 if empty: it becomes due at (bucket + 1) × WHEEL_BUCKET_NS.
   * An integer result stays unboxed where a float time returned from a call would not.
   */
  nextBucket(): number {
    // an empty wheel has first === Infinity (the buckets are empty)
    if (this.first !== Infinity) return this.first;
    return this.count === 0 ? -1 : this.overflowBucket();
  }

  /** The overflow's first bucket. */
  private overflowBucket(): number {
    return Math.floor(this.overflow.peekTime() / WHEEL_BUCKET_NS);
  }

  /** Pop one item whose bucket has ended by `now`, or -1. */
  popDue(now: number): number {
    return this.popEnded(Math.floor(now / WHEEL_BUCKET_NS) - 1);
  }

  /**
   * Pop one item whose bucket is at most `last` (the last bucket that has ended), or -1. Takes the
   * bucket number, an integer, rather than a float time: a float argument would be boxed per call.
   */
  popEnded(last: number): number {
    if (this.count === 0) return -1;
    if (this.overflow.size !== 0) return this.popEndedOverflow(last);
    // nothing to pull in while the cursor moves: it goes to the first non-empty bucket, or past `last`
    const first = this.first;
    if (first > last) {
      if (this.cur <= last) this.cur = last + 1;
      return -1;
    }
    this.cur = first;
    return this.take();
  }

  /**
   * popEnded() while the overflow holds items: the cursor steps bucket by bucket, pulling them
   * in. Apart so that the common case inlined into the consumer tick stays small.
   */
  private popEndedOverflow(last: number): number {
    while (this.cur <= last) {
      if (this.first === this.cur) return this.take();
      this.cur++;
      this.pullOverflow();
      if (this.first === Infinity && this.overflow.size > 0) {
        // wheel empty: jump the cursor to the overflow's first bucket
        const b = Math.floor(this.overflow.peekTime() / WHEEL_BUCKET_NS);
        if (b > this.cur) {
          this.cur = b;
          this.pullOverflow();
        }
      }
    }
    return -1;
  }

  /** The first item of the cursor's bucket (the earliest: cur === first). */
  private take(): number {
    const s = this.cur & SLOT_MASK;
    const ends = this.ends;
    const item = ends[2 * s];
    this.count--;
    // the bucket's last item has no next (its word is stale): the slot's last names it
    if (item !== ends[2 * s + 1]) {
      ends[2 * s] = this.links.wheelNext[item];
      return item;
    }
    this.emptied(s);
    return item;
  }

  /** The bucket of slot `s` gave its last item: the slot is free and `first` moves on. */
  private emptied(s: number): void {
    const ends = this.ends;
    ends[2 * s] = -1;
    ends[2 * s + 1] = -1;
    this.busy[s >> 5] &= ~(1 << (s & 31));
    // a core's wheel often holds a read or two: the one just taken leaves it empty, and a scan of
    // the bitmap would find nothing
    this.first = this.count === this.overflow.size ? Infinity : this.firstBusy();
  }

  /**
   * The earliest non-empty bucket (Infinity if none, not reached with items in the buckets):
   * every item is in buckets cur .. cur + NBUCKETS − 1, so their slots in ring order from the
   * cursor's are in bucket order.
   */
  private firstBusy(): number {
    const busy = this.busy;
    const s0 = this.cur & SLOT_MASK;
    const w0 = s0 >> 5;
    // the cursor's word from its bit on, then the words after it in ring order; the last one read
    // is the cursor's word again, whose bits below the cursor's are the ring's last slots
    let w = w0;
    let bits = busy[w0] & (-1 << (s0 & 31));
    for (let k = 0; bits === 0; k++) {
      if (k === BUSY_WORDS) return Infinity;
      w = (w + 1) & (BUSY_WORDS - 1);
      bits = busy[w];
    }
    const slot = (w << 5) | (31 - Math.clz32(bits & -bits));
    return this.cur + ((slot - s0) & SLOT_MASK);
  }

  private pullOverflow(): void {
    const horizon = this.cur + NBUCKETS;
    while (this.overflow.size > 0) {
      const t = this.overflow.peekTime();
      const b = Math.floor(t / WHEEL_BUCKET_NS);
      if (b >= horizon) break;
      const item = this.overflow.peekArg();
      this.overflow.pop();
      this.join(b < this.cur ? this.cur : b, item);
    }
  }
}
