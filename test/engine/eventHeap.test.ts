import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../shared/sim/util/eventHeap';
import { Prng } from '../../shared/sim/util/prng';

/** Pending events in a plain array, popped by (time, insertion order): what EventHeap must give. */
class Reference {
  private items: { t: number; seq: number; kind: number; arg: number }[] = [];
  private seq = 0;
  push(t: number, kind: number, arg: number): void {
    this.items.push({ t, seq: this.seq++, kind, arg });
  }
  pop(): { t: number; kind: number; arg: number } | undefined {
    let best = -1;
    for (let i = 0; i < this.items.length; i++) {
      const x = this.items[i];
      if (best < 0 || x.t < this.items[best].t || (x.t === this.items[best].t && x.seq < this.items[best].seq)) best = i;
    }
    return best < 0 ? undefined : this.items.splice(best, 1)[0];
  }
  get size(): number {
    return this.items.length;
  }
}

describe('event heap against a plain list', () => {
  // sizes around and far above the sorted window (32 events), near and far times, many ties:
  // eviction to the binary heap, the heap's earliest moving back, the window's storage wrapping
  for (const [label, pending, spread] of [
    ['few pending, many ties', 8, 20],
    ['about the window size', 30, 5000],
    ['far more than the window', 300, 100_000],
    ['all at one time', 50, 1],
    // events handed from the window to the heap and back, and again, among equal times
    ['window-sized, three distinct times', 40, 3],
  ] as const) {
    it(`pops every event in (time, insertion) order: ${label}`, () => {
      const heap = new EventHeap(2);
      const ref = new Reference();
      const rng = new Prng(7, label);
      let now = 0;
      let arg = 0;
      for (let step = 0; step < 20_000; step++) {
        const grow = heap.size < pending ? rng.nextU32() % 4 !== 0 : rng.nextU32() % 4 === 0;
        if (grow || heap.size === 0) {
          const t = now + (rng.nextU32() % spread);
          heap.push(t, step % 7, arg);
          ref.push(t, step % 7, arg);
          arg++;
        } else {
          const want = ref.pop()!;
          expect([heap.peekTime(), heap.peekKind(), heap.peekArg()]).toEqual([want.t, want.kind, want.arg]);
          heap.pop();
          now = want.t;
        }
        expect(heap.size).toBe(ref.size);
      }
      while (ref.size > 0) {
        const want = ref.pop()!;
        expect([heap.peekTime(), heap.peekArg()]).toEqual([want.t, want.arg]);
        heap.pop();
      }
      expect(heap.size).toBe(0);
      expect(heap.peekTime()).toBe(Infinity);
    });
  }
});

describe('event heap payload', () => {
  it('gives back every kind and the largest int32 args, from the window and from the heap', () => {
    const heap = new EventHeap(2);
    const args = [0, 1, 2 ** 31 - 1, 2 ** 31 - 2, 123_456_789, 65_535];
    // 200 events: most of them wait in the heap, then come back through the window
    for (let i = 0; i < 200; i++) heap.push(1000 - (i % 50), i % 7, args[i % args.length]);
    const got: [number, number, number][] = [];
    while (heap.size > 0) {
      got.push([heap.peekTime(), heap.peekKind(), heap.peekArg()]);
      heap.pop();
    }
    const want = Array.from({ length: 200 }, (_, i) => [1000 - (i % 50), i % 7, args[i % args.length], i] as const)
      .sort((a, b) => a[0] - b[0] || a[3] - b[3])
      .map(([t, k, a]) => [t, k, a]);
    expect(got).toEqual(want);
  });
});
