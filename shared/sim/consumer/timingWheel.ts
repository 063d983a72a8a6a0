// Timing wheel of skbs keyed by the time the application reads them: 4096 buckets of 1024 ns
// (≈ 4.2 ms ahead); later items wait in an overflow heap. Items of a bucket become due at the
// bucket's end, so a read happens at most ~1 µs after its drawn time. Links live in the skb table.
import { EventHeap } from '../util/eventHeap';

export const WHEEL_SHIFT = 10;
export const WHEEL_BUCKET_NS = 1 << WHEEL_SHIFT;
const NBUCKETS = 4096;
const MASK = NBUCKETS - 1;

export class TimingWheel {
  private readonly head = new Int32Array(NBUCKETS).fill(-1);
  private readonly tail = new Int32Array(NBUCKETS).fill(-1);
  private readonly overflow = new EventHeap(64);
  /** absolute bucket number of the cursor: every bucket before it is empty */
  private cur = 0;
  count = 0;

  constructor(private readonly next: () => Int32Array) {}

  /** Queue `item` due at `t` (ns). */
  insert(item: number, t: number): void {
    let b = Math.floor(t / WHEEL_BUCKET_NS);
    if (b < this.cur) b = this.cur;
    this.count++;
    if (b >= this.cur + NBUCKETS) {
      this.overflow.push(t, 0, item);
      return;
    }
    this.link(b & MASK, item);
  }

  private link(slot: number, item: number): void {
    const next = this.next();
    next[item] = -1;
    if (this.head[slot] === -1) this.head[slot] = item;
    else next[this.tail[slot]] = item;
    this.tail[slot] = item;
  }

  /** Time at which the earliest non-empty bucket becomes due; Infinity if empty. */
  nextDue(): number {
    if (this.count === 0) return Infinity;
    const wheelItems = this.count - this.overflow.size;
    if (wheelItems > 0) {
      for (let b = this.cur; b < this.cur + NBUCKETS; b++) {
        if (this.head[b & MASK] !== -1) return (b + 1) * WHEEL_BUCKET_NS;
      }
    }
    const t = this.overflow.peekTime();
    return (Math.floor(t / WHEEL_BUCKET_NS) + 1) * WHEEL_BUCKET_NS;
  }

  /** Pop one item whose bucket has ended by `now`, or -1. */
  popDue(now: number): number {
    if (this.count === 0) return -1;
    const last = Math.floor(now / WHEEL_BUCKET_NS) - 1; // last bucket that has ended
    while (this.cur <= last) {
      const slot = this.cur & MASK;
      const h = this.head[slot];
      if (h !== -1) {
        const nx = this.next()[h];
        this.head[slot] = nx;
        if (nx === -1) this.tail[slot] = -1;
        this.count--;
        return h;
      }
      this.cur++;
      this.pullOverflow();
      if (this.count === this.overflow.size && this.overflow.size > 0) {
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

  private pullOverflow(): void {
    const horizon = this.cur + NBUCKETS;
    while (this.overflow.size > 0) {
      const t = this.overflow.peekTime();
      const b = Math.floor(t / WHEEL_BUCKET_NS);
      if (b >= horizon) break;
      const item = this.overflow.peekArg();
      this.overflow.pop();
      this.link((b < this.cur ? this.cur : b) & MASK, item);
    }
  }
}
