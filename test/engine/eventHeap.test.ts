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
