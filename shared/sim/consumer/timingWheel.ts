// Timing wheel of skbs keyed by the time the application reads them: buckets of 1024 ns, 4096 of
// them (≈ 4.2 ms) ahead of the cursor; later items wait in an overflow heap and join their bucket
// when the cursor comes within 4096 buckets of it. Items of a bucket become due at the bucket's
// end, so a read happens at most ~1 µs after its drawn time; a bucket's items come out in the
// order they joined it.
// The buckets are not an array of lists: the items in them sit in an EventHeap keyed by bucket
// number, whose ties come out in insertion order, i.e. exactly bucket by bucket and in joining
// order. A core has a few reads pending at a time, so they stay in the queue's short sorted
// window: one or two cache lines where per-bucket list heads spread each insert and each walk
// to the next bucket over thousands of lines that the rest of the simulation evicts.
import { EventHeap } from '../util/eventHeap';
import { NBUCKETS, WHEEL_BUCKET_NS } from './wheelTiming';

/**
 * Where the items' read times live (the skb table): `due[item]` is when it is read. The time is
 * read from the table rather than passed: a float argument to a call the compiler does not
 * inline is boxed.
 */
export interface WheelLinks {
  readonly due: Float64Array;
}

export class TimingWheel {
  /** items in buckets before cur + NBUCKETS, by (bucket number, order of joining the bucket) */
  private readonly buckets = new EventHeap(64);
  /** items of later buckets, by (due time, insertion order) */
  private readonly overflow = new EventHeap(64);
  /** absolute bucket number of the cursor: every bucket before it is empty */
  private cur = 0;
  /**
   * buckets.peekTime(), kept here: a tick that finds nothing due reads this object only, not the
   * queue's storage (a likely cache miss between two visits of the wheel)
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
    this.buckets.push(b, 0, item);
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

  /** The first item of the cursor's bucket. */
  private take(): number {
    const buckets = this.buckets;
    const item = buckets.peekArg();
    buckets.pop();
    this.first = buckets.peekTime();
    this.count--;
    return item;
  }

  private pullOverflow(): void {
    const horizon = this.cur + NBUCKETS;
    while (this.overflow.size > 0) {
      const t = this.overflow.peekTime();
      const b = Math.floor(t / WHEEL_BUCKET_NS);
      if (b >= horizon) break;
      const item = this.overflow.peekArg();
      this.overflow.pop();
      const key = b < this.cur ? this.cur : b;
      this.buckets.push(key, 0, item);
      if (key < this.first) this.first = key;
    }
  }
}
