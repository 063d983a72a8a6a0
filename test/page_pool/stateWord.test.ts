// A buffer's place and holder counts live in one state word (netmem/places.ts): the fields must
// round-trip up to their limits, a count past its limit or below zero must throw, and the
// per-packet hand-over (handToSkb) must act as moveNicToStack on pool buffers only. A sole
// reference (STATE_OUT_SOLE) keeps its word through the hand-over; only the class counts move.
import { describe, expect, it } from 'vitest';
import { PageTable } from '../../shared/sim/mm/pageTable';
import { PoolPlaceCounts } from '../../shared/sim/netmem/poolPlaceCounts';
import {
  HOLD_MAX,
  HOLDER_NIC_RING,
  HOLDER_STACK,
  HOLDER_USER,
  OUT_COUNTED,
  PLACE_FREE,
  PLACE_POOL,
  PLACE_OUT,
  STATE_OUT_SOLE,
  packState,
} from '../../shared/sim/netmem/places';

const POOL = 3;

function table(): { t: PageTable; counts: PoolPlaceCounts; i: number } {
  const counts = new PoolPlaceCounts();
  counts.ensure(POOL);
  const t = new PageTable(counts, 16);
  const i = t.take(0, 0, false);
  t.ppId[i] = POOL;
  t.ppMagic[i] = 1;
  return { t, counts, i };
}

describe('netmem state word', () => {
  it('holds every place and each holder count up to its limit', () => {
    const { t, i } = table();
    for (const place of [PLACE_FREE, PLACE_POOL, PLACE_OUT]) {
      t.state[i] = packState(place, HOLD_MAX[0], HOLD_MAX[1], HOLD_MAX[2]);
      expect(t.placeOf(i)).toBe(place);
      expect([t.holdOf(i, HOLDER_NIC_RING), t.holdOf(i, HOLDER_STACK), t.holdOf(i, HOLDER_USER)]).toEqual([2047, 2047, 255]);
      expect(t.holdTotal(i)).toBe(2047 + 2047 + 255);
      t.setPlace(i, PLACE_OUT);
      expect(t.holdOf(i, HOLDER_USER)).toBe(255);
    }
  });

  it('counts classes per pool as holders come and go, and throws past a limit or below zero', () => {
    const { t, counts, i } = table();
    t.enterOut(i, HOLDER_NIC_RING, 1);
    expect([0, 1, 2].map((h) => counts.get(POOL, h))).toEqual([1, 0, 0]);
    expect(() => t.addHold(i, HOLDER_USER, 255)).toThrow(/sole reference/);
    t.countHolds(i, HOLDER_NIC_RING);
    expect(counts.get(POOL, OUT_COUNTED)).toBe(1);
    t.addHold(i, HOLDER_USER, 255);
    expect([0, 1, 2].map((h) => counts.get(POOL, h))).toEqual([0, 0, 1]);
    expect(() => t.addHold(i, HOLDER_USER, 1)).toThrow(/limit 255/);
    t.dropHold(i, HOLDER_USER, 255);
    expect(() => t.dropHold(i, HOLDER_USER, 1)).toThrow(/dropped by a holder that has 0/);
    t.addHold(i, HOLDER_STACK, 2046);
    t.moveHold(i, HOLDER_NIC_RING, HOLDER_STACK);
    expect(t.holdOf(i, HOLDER_STACK)).toBe(2047);
    expect(() => t.addHold(i, HOLDER_STACK, 1)).toThrow(/limit 2047/);
    t.addHold(i, HOLDER_NIC_RING, 1);
    expect(() => t.moveNicToStack(i)).toThrow(/would hold 2048 references \(limit 2047\)/);
    expect(() => t.handToSkb(i)).toThrow(/would hold 2048 references \(limit 2047\)/);
    expect([0, 1, 2].map((h) => counts.get(POOL, h))).toEqual([0, 1, 0]);
  });

  it('releases the last hold only when it is the holder\u2019s only reference', () => {
    const { t, counts, i } = table();
    t.enterOutNic(i, POOL);
    // the stack holds none of the pool's buffers: not this one either
    expect(t.releaseLastHold(i, HOLDER_STACK)).toBe(false);
    t.handToSkb(i);
    expect([t.placeOf(i), t.isSole(i), t.holdTotal(i)]).toEqual([PLACE_OUT, true, 1]);
    expect([0, 1, 2].map((h) => counts.get(POOL, h))).toEqual([0, 1, 0]);
    t.countHolds(i, HOLDER_STACK);
    t.addHold(i, HOLDER_USER, 1);
    expect([t.holdOf(i, HOLDER_NIC_RING), t.holdOf(i, HOLDER_STACK), t.holdOf(i, HOLDER_USER)]).toEqual([0, 1, 1]);
    expect(t.releaseLastHold(i, HOLDER_STACK)).toBe(false);
    t.dropHold(i, HOLDER_USER, 1);
    expect(t.releaseLastHold(i, HOLDER_STACK)).toBe(true);
    expect([t.placeOf(i), t.holdTotal(i)]).toEqual([PLACE_FREE, 0]);
    expect([0, 1, 2, OUT_COUNTED].map((h) => counts.get(POOL, h))).toEqual([0, 0, 0, 0]);
  });

  it('keeps a sole reference\u2019s word through hand-overs; its holder is asked of the containers; a user\u2019s reference counts', () => {
    const { t, counts, i } = table();
    t.enterOutNic(i, POOL);
    expect(t.state[i]).toBe(STATE_OUT_SOLE);
    t.handToSkb(i);
    t.moveHold(i, HOLDER_STACK, HOLDER_NIC_RING);
    t.moveNicToStack(i);
    expect(t.state[i]).toBe(STATE_OUT_SOLE);
    expect([0, 1, 2, OUT_COUNTED].map((h) => counts.get(POOL, h))).toEqual([0, 1, 0, 0]);
    expect(() => t.holdOf(i, HOLDER_STACK)).toThrow(/its container/);
    expect(() => t.outClass(i)).toThrow(/its container/);
    expect(() => t.leaveOut(i, PLACE_FREE)).toThrow(/its container/);
    expect(t.holdOf(i, HOLDER_USER)).toBe(0);
    // a sole reference is never the user's: moving it there counts it, as the user's
    expect(() => t.moveHold(i, HOLDER_NIC_RING, HOLDER_USER)).toThrow(/no reference held by holder 0/);
    t.moveHold(i, HOLDER_STACK, HOLDER_USER);
    expect([t.state[i], t.holdOf(i, HOLDER_USER)]).toEqual([packState(PLACE_OUT, 0, 0, 1), 1]);
    expect([0, 1, 2, OUT_COUNTED].map((h) => counts.get(POOL, h))).toEqual([0, 0, 1, 1]);
    expect(t.releaseLastHold(i, HOLDER_USER)).toBe(true);
    expect([0, 1, 2, OUT_COUNTED].map((h) => counts.get(POOL, h))).toEqual([0, 0, 0, 0]);
    // dropping a sole reference counts it first: the holder that drops it held it
    t.enterOutNic(i, POOL);
    t.dropHold(i, HOLDER_NIC_RING, 1);
    expect([t.state[i], t.holdTotal(i)]).toEqual([PLACE_OUT, 0]);
    t.leaveOut(i, PLACE_FREE);
    expect([0, 1, 2, OUT_COUNTED].map((h) => counts.get(POOL, h))).toEqual([0, 0, 0, 0]);
  });

  it('hands a driver reference to the skb only for a page_pool buffer', () => {
    const { t, counts, i } = table();
    const plain = t.take(0, 0, false); // a page the driver got outside page_pool: no pp_magic
    t.handToSkb(plain);
    expect(t.state[plain]).toBe(PLACE_FREE);
    t.setPlace(i, PLACE_POOL); // a pool buffer the driver does not hold: a model bug
    expect(() => t.handToSkb(i)).toThrow(/no reference held by holder 0/);
    expect([0, 1, 2].map((h) => counts.get(POOL, h))).toEqual([0, 0, 0]);
  });
});
