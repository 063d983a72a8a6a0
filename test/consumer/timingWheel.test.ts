import { describe, expect, it } from 'vitest';
import { TimingWheel } from '../../shared/sim/consumer/timingWheel';
import { WHEEL_BUCKET_NS } from '../../shared/sim/consumer/wheelTiming';
import { Prng } from '../../shared/sim/util/prng';

const HORIZON = 4096; // buckets the wheel holds ahead of its cursor

/**
 * The wheel's rules in plain arrays: bucket lists in joining order, a cursor, and an overflow
 * list (by due time, then insertion) whose items join their bucket once the cursor is within
 * HORIZON buckets of it; with the wheel empty the cursor jumps to the overflow's first bucket.
 */
class Reference {
  private buckets = new Map<number, number[]>();
  private overflow: { t: number; seq: number; item: number }[] = [];
  private seq = 0;
  private cur = 0;
  private inWheel = 0;

  insert(item: number, t: number): void {
    let b = Math.floor(t / WHEEL_BUCKET_NS);
    if (b < this.cur) b = this.cur;
    if (b >= this.cur + HORIZON) {
      this.overflow.push({ t, seq: this.seq++, item });
      this.overflow.sort((x, y) => x.t - y.t || x.seq - y.seq);
    } else this.join(b, item);
  }
  private join(b: number, item: number): void {
    const list = this.buckets.get(b) ?? [];
    list.push(item);
    this.buckets.set(b, list);
    this.inWheel++;
  }
  private pullOne(): boolean {
    const o = this.overflow[0];
    if (!o || Math.floor(o.t / WHEEL_BUCKET_NS) >= this.cur + HORIZON) return false;
    this.overflow.shift();
    this.join(Math.max(Math.floor(o.t / WHEEL_BUCKET_NS), this.cur), o.item);
    return true;
  }
  popDue(now: number): number {
    if (this.inWheel + this.overflow.length === 0) return -1;
    const last = Math.floor(now / WHEEL_BUCKET_NS) - 1;
    while (this.cur <= last) {
      const list = this.buckets.get(this.cur);
      if (list && list.length > 0) {
        this.inWheel--;
        return list.shift()!;
      }
      this.cur++;
      while (this.pullOne());
      if (this.inWheel === 0 && this.overflow.length > 0) {
        const b = Math.floor(this.overflow[0].t / WHEEL_BUCKET_NS);
        if (b > this.cur) {
          this.cur = b;
          while (this.pullOne());
        }
      }
    }
    return -1;
  }
  nextDue(): number {
    if (this.inWheel + this.overflow.length === 0) return Infinity;
    if (this.inWheel > 0) {
      for (let b = this.cur; ; b++) if ((this.buckets.get(b)?.length ?? 0) > 0) return (b + 1) * WHEEL_BUCKET_NS;
    }
    return (Math.floor(this.overflow[0].t / WHEEL_BUCKET_NS) + 1) * WHEEL_BUCKET_NS;
  }
}

describe('timing wheel', () => {
  // short reads (a few pending), reads past the 4.2 ms horizon (overflow), and re-queues at
  // times already passed (a stalled consumer puts reads back): every pop and next-due time
  // must follow the bucket rules exactly, since read order decides frees and cycle sums
  // many reads per bucket (their lists), the cursor crossing the ring's 4096 slots many times, and
  // times past 2^31 buckets (≈ 37 simulated minutes), where bucket numbers outgrow an int32
  for (const [label, meanNs, farShare, start] of [
    ['microsecond reads', 20_000, 0, 0],
    ['reads past the horizon', 3_000_000, 0.2, 0],
    ['mostly overflow', 9_000_000, 0.6, 0],
    ['several reads a bucket', 3_000, 0, 0],
    ['hours into a run', 20_000, 0.05, 3.6e12],
  ] as const) {
    it(`pops in bucket order, joining order within a bucket: ${label}`, () => {
      const due = new Float64Array(50_000);
      const wheel = new TimingWheel({ due, wheelNext: new Int32Array(due.length) });
      const ref = new Reference();
      const rng = new Prng(3, label);
      let now: number = start;
      let item = 0;
      for (let step = 0; step < 30_000 && item < due.length; step++) {
        const r = rng.nextU32() % 8;
        if (r < 3) {
          const far = rng.nextU32() / 4294967296 < farShare;
          const back = rng.nextU32() % 16 === 0;
          const t = back ? now - (rng.nextU32() % 5000) : now + (rng.nextU32() % (far ? 4 * meanNs : meanNs)) + rng.nextU32() / 4294967296;
          due[item] = t;
          wheel.insert(item);
          ref.insert(item, t);
          item++;
        } else if (r < 7) {
          expect(wheel.popDue(now)).toBe(ref.popDue(now));
        } else {
          now += rng.nextU32() % (meanNs / 4);
        }
        expect(wheel.nextDue()).toBe(ref.nextDue());
      }
      now += 100 * meanNs;
      for (;;) {
        const want = ref.popDue(now);
        expect(wheel.popDue(now)).toBe(want);
        if (want === -1) break;
      }
      expect(wheel.nextDue()).toBe(Infinity);
    });
  }

  it("finds a bucket almost a whole ring ahead, whose slot sits just below the cursor's", () => {
    // the slots of buckets 36 (cursor) .. 4131 wrap: bucket 4131 is in slot 35, below slot 40
    const B = WHEEL_BUCKET_NS;
    const due = Float64Array.from([40 * B + 1, 4131 * B + 1]);
    const wheel = new TimingWheel({ due, wheelNext: new Int32Array(2) });
    const ref = new Reference();
    wheel.insert(0);
    ref.insert(0, due[0]);
    expect(wheel.popDue(36 * B)).toBe(ref.popDue(36 * B));
    wheel.insert(1);
    ref.insert(1, due[1]);
    expect(wheel.popDue(41 * B)).toBe(0);
    expect(ref.popDue(41 * B)).toBe(0);
    expect(wheel.nextDue()).toBe(4132 * B);
    expect(ref.nextDue()).toBe(4132 * B);
    expect(wheel.popDue(4132 * B)).toBe(1);
    expect(wheel.nextDue()).toBe(Infinity);
  });
});
