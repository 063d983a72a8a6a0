import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntMinHeap } from '../../shared/sim/util/intMinHeap';

describe('IntMinHeap', () => {
  it('pops any pushed multiset in ascending order, growing as needed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 300 }), (values) => {
        const h = new IntMinHeap(1);
        for (const v of values) h.push(v);
        const out: number[] = [];
        while (h.size > 0) out.push(h.pop());
        expect(out).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });

  it('interleaved push/pop always returns the current minimum; ascending(n) starts full', () => {
    const h = IntMinHeap.ascending(4);
    expect(h.pop()).toBe(0);
    h.push(-3);
    h.push(7);
    expect([h.pop(), h.pop(), h.pop(), h.pop(), h.pop()]).toEqual([-3, 1, 2, 3, 7]);
    expect(h.size).toBe(0);
  });
});
