import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LowestFirstSet } from '../../shared/sim/util/lowestFirstSet';

/** The reference: the set's values kept sorted, the lowest taken first. */
function lowestOf(model: Set<number>): number {
  return Math.min(...model);
}

describe('LowestFirstSet', () => {
  it('takes the lowest value held, whatever the order of adds and takes, across word and summary boundaries', () => {
    // values spread from bit 0 to far beyond one summary word (1024 values), bit 31 of a word included
    const value = fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(31, 63, 1023, 1024, 2047));
    const op = fc.oneof(fc.record({ add: value }), fc.constant({ take: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const s = new LowestFirstSet(32);
        const model = new Set<number>();
        for (const o of ops) {
          if ('add' in o) {
            if (model.has(o.add)) continue;
            s.add(o.add);
            model.add(o.add);
          } else if (model.size > 0) {
            const want = lowestOf(model);
            model.delete(want);
            expect(s.takeLowest()).toBe(want);
          }
          expect(s.size).toBe(model.size);
        }
        const rest: number[] = [];
        while (s.size > 0) rest.push(s.takeLowest());
        expect(rest).toEqual([...model].sort((a, b) => a - b));
      }),
    );
  });

  it('ascending(n) holds 0..n-1 and nothing else', () => {
    for (const n of [0, 1, 31, 32, 33, 1024, 1025, 32 * 1024 + 5]) {
      const s = LowestFirstSet.ascending(n);
      expect(s.size).toBe(n);
      expect(s.has(n)).toBe(false);
      if (n > 0) expect(s.has(n - 1)).toBe(true);
      const got: number[] = [];
      while (s.size > 0) got.push(s.takeLowest());
      expect(got.length).toBe(n);
      expect(got.every((v, i) => v === i)).toBe(true);
      s.add(7);
      expect(s.takeLowest()).toBe(7);
    }
  });

  it('refuses a value it holds, a negative one and one past int32; clear() empties it', () => {
    const s = new LowestFirstSet();
    s.add(5);
    expect(() => s.add(5)).toThrow(/added twice/);
    expect(() => s.add(-1)).toThrow(RangeError);
    expect(() => s.add(2 ** 31)).toThrow(RangeError);
    expect(() => s.add(1.5)).toThrow(RangeError);
    s.add(70000);
    expect(s.takeLowest()).toBe(5);
    expect(s.takeLowest()).toBe(70000);
    s.add(3);
    s.clear();
    expect(s.size).toBe(0);
    s.add(9);
    expect(s.takeLowest()).toBe(9);
  });
});
