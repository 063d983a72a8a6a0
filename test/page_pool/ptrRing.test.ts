import { describe, expect, it } from 'vitest';
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
