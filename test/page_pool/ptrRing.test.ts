import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PtrRing } from '../../shared/sim/page_pool/ptrRing';

describe('ptr_ring', () => {
  it('small ring (batch 1): holds exactly size entries, FIFO', () => {
    const r = new PtrRing(4);
    expect(r.batch).toBe(1);
    for (let k = 1; k <= 4; k++) expect(r.produce(k)).toBe(true);
    expect(r.produce(5)).toBe(false);
    expect(r.consume()).toBe(1);
    expect(r.produce(5)).toBe(true);
    expect([r.consume(), r.consume(), r.consume(), r.consume(), r.consume()]).toEqual([2, 3, 4, 5, 0]);
  });

  it('batched consumer: consumed slots are cleared 16 at a time, so the producer can see full early', () => {
    const r = new PtrRing(64);
    expect(r.batch).toBe(16);
    for (let k = 1; k <= 64; k++) r.produce(k);
    for (let k = 0; k < 15; k++) r.consume();
    expect(r.count).toBe(49);
    expect(r.produce(100)).toBe(false); // 15 consumed slots not yet zeroed
    r.consume(); // 16th: batch cleared
    expect(r.produce(100)).toBe(true);
    expect(r.entries()[r.count - 1]).toBe(100);
  });
});

describe('ptr_ring block consume (advance)', () => {
  it('reading n entries at consumerHead then advance(n) leaves the ring as n consume() calls do', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 40 })), { maxLength: 40 }),
        (size, steps) => {
          const a = new PtrRing(size);
          const b = new PtrRing(size);
          let v = 1;
          for (const [produce, n] of steps) {
            if (produce) {
              for (let k = 0; k < n; k++, v++) expect(b.produce(v)).toBe(a.produce(v));
              continue;
            }
            // the largest block a refill reads without wrapping
            const run = Math.min(n, b.count, b.size - b.consumerHead);
            const got: number[] = [];
            for (let k = 0; k < run; k++) got.push(b.queue[b.consumerHead + k]);
            b.advance(run);
            const want: number[] = [];
            for (let k = 0; k < run; k++) want.push(a.consume());
            expect(got).toEqual(want);
            expect(Array.from(b.queue)).toEqual(Array.from(a.queue));
            expect(b.consumerHead).toBe(a.consumerHead);
            expect(b.count).toBe(a.count);
          }
        },
      ),
    );
  });
});

describe('ptr_ring freeRun', () => {
  it('is how many produce() calls in a row succeed, after any mix of produce, consume and advance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 40 })), { maxLength: 40 }),
        (size, steps) => {
          const r = new PtrRing(size);
          let v = 1;
          for (const [op, n] of steps) {
            if (op === 0) for (let k = 0; k < n; k++) r.produce(v++);
            else if (op === 1) for (let k = 0; k < n; k++) r.consume();
            else r.advance(Math.min(n, r.count, size - r.consumerHead));
          }
          const free = r.freeRun();
          let ok = 0;
          while (r.produce(v++)) ok++;
          expect(ok).toBe(free);
        },
      ),
    );
  });
});
