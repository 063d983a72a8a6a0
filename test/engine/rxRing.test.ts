import { describe, expect, it } from 'vitest';
import { RxRing } from '../../shared/sim/nic/rxRing';
import { CQ_FLOW_SHIFT, CQ_MAX_FLOWS, RUN_INFO, RUN_LEN } from '../../shared/sim/nic/completionRun';
import { ARENA_SKEW, RxRingArena } from '../../shared/sim/nic/rxRingArena';
import { RUN_STRIDE } from '../../shared/sim/nic/completionRun';

describe('RX ring', () => {
  it('keeps the largest flow id a run holds, with the header split of a multi-descriptor frame', () => {
    const r = new RxRing(4);
    const flow = CQ_MAX_FLOWS - 1;
    r.post(2, 0, 1024);
    r.post(3, 0, 1024);
    r.postHeader(9, 0, 256);
    expect(r.receive(1800, 128, flow, 5)).toBe(2);
    expect(r.headFlow).toBe(flow);
    expect(r.headDescs).toBe(2);
    expect(r.headHdrLen).toBe(128);
    expect([r.descLen(0), r.descLen(1)]).toEqual([1024, 1800 - 128 - 1024]);
  });

  it('completes a frame only into posted buffers; without them the NIC drops it', () => {
    const r = new RxRing(4);
    expect(r.receive(1518, 0, 0, 0)).toBe(0);
    expect(r.post(2, 0, 4096)).toBe(true);
    expect(r.receive(1518, 0, 7, 100)).toBe(1);
    expect(r.posted).toBe(0);
    expect(r.completions).toBe(1);
    const s = r.cqHead;
    expect(r.cqRef[s]).toBe(2);
    expect(r.cqTime[s]).toBe(100);
    expect(r.headFrameLen).toBe(1518);
    expect(r.descLen(0)).toBe(1518);
    expect(r.headFlow).toBe(7);
    expect(r.headHdrLen).toBe(0);
    expect(r.frameDescs()).toBe(1);
    r.consume(1);
    expect(r.completions).toBe(0);
  });

  it('a frame larger than one buffer spans several descriptors, all or nothing', () => {
    const r = new RxRing(8);
    r.post(2, 0, 2048);
    expect(r.receive(5000, 0, 0, 0)).toBe(0); // needs 3 buffers, only 1 posted: dropped, none used
    expect(r.posted).toBe(1);
    r.post(4, 0, 2048);
    r.post(6, 0, 2048);
    expect(r.receive(5000, 0, 0, 0)).toBe(3);
    expect(r.frameDescs()).toBe(3);
    const lens = [0, 1, 2].map((d) => r.descLen(d));
    expect(lens).toEqual([2048, 2048, 904]);
    expect(r.headFrameLen).toBe(5000);
    // a driver takes whole frames only
    expect(() => r.consume(2)).toThrow(RangeError);
  });

  it('posted buffers plus unpolled completions never exceed the ring', () => {
    const r = new RxRing(2);
    expect(r.post(2, 0, 4096)).toBe(true);
    expect(r.post(4, 0, 4096)).toBe(true);
    expect(r.post(6, 0, 4096)).toBe(false);
    r.receive(100, 0, 0, 0);
    expect(r.freeDescs).toBe(0); // one posted, one completion not yet polled
    expect(r.post(6, 0, 4096)).toBe(false);
    r.consume(1);
    expect(r.post(6, 0, 4096)).toBe(true);
  });

  it('header split puts the headers in a posted header buffer, the payload in data buffers', () => {
    const r = new RxRing(4);
    r.post(2, 0, 4096);
    expect(r.receive(1518, 66, 0, 0)).toBe(0); // no header buffer posted
    r.postHeader(8, 256, 256);
    expect(r.receive(1518, 66, 0, 0)).toBe(1);
    const s = r.cqHead;
    expect(r.headHdrLen).toBe(66);
    expect(r.cqHdrRef[s]).toBe(8);
    expect(r.cqHdrOff[s]).toBe(256);
    expect(r.descLen(0)).toBe(1518 - 66);
  });

  it('gives back every posted buffer on stop', () => {
    const r = new RxRing(4);
    r.post(2, 0, 4096);
    r.post(4, 0, 4096);
    r.postHeader(6, 0, 256);
    const out = new Int32Array(8);
    expect(r.takeAllPosted(out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([2, 4, 6]);
    expect(r.posted).toBe(0);
  });

  it('consumeFrames of a run of one-descriptor frames leaves what consume() per frame leaves', () => {
    const a = new RxRing(8);
    const b = new RxRing(8);
    // the window each flow has left: 64 KiB
    a.flowRoom = new Float64Array(2).fill(65536);
    b.flowRoom = new Float64Array(2).fill(65536);
    for (const r of [a, b]) {
      for (let i = 0; i < 6; i++) r.post(2 + 2 * i, 0, 4096);
      // frames as the engine lands them: each takes its bytes off its flow's room
      for (const [size, flow] of [
        [1518, 1],
        [1518, 1],
        [9000, 0],
        [1500, 1],
        [1400, 1],
      ]) {
        if (r.receive(size, 0, flow, 0) > 0) r.flowRoom![flow] -= size;
      }
    }
    // a: frame by frame; b: the first two frames (one-descriptor, flow 1, one size: one run) at once
    expect(b.runCount).toBe(3);
    a.consume(1);
    a.consume(1);
    b.consumeFrames(2, 1, 1518 + 1518);
    expect(b.completions).toBe(a.completions);
    expect(b.cqHead).toBe(a.cqHead);
    expect(Array.from(b.flowRoom!)).toEqual(Array.from(a.flowRoom!));
    // the two consumed frames gave their bytes back; the 9000-byte frame (three descriptors) and
    // the 1500-byte one are still in the ring; the 1400-byte one found no buffer and took nothing
    expect(Array.from(a.flowRoom!)).toEqual([65536 - 9000, 65536 - 1500]);
    expect(b.frameDescs()).toBe(3);
    expect(b.runCount).toBe(2);
    expect(() => b.consumeFrames(9, 1, 0)).toThrow(RangeError);
    // frames of the head record only
    expect(() => b.consumeFrames(2, 0, 0)).toThrow(RangeError);
  });
});

describe('RX ring arena', () => {
  it('a ring moved into an arena keeps its posted buffers, completions and state', () => {
    const a = new RxRing(4);
    const b = new RxRing(3); // storage of 4 (a power of two)
    b.post(2, 0, 4096);
    b.post(4, 0, 4096);
    b.post(6, 0, 2048);
    expect(b.receive(1518, 0, 5, 10)).toBe(1);
    b.postHeader(8, 0, 256);
    const arena = new RxRingArena([a, b]);
    expect(arena.cqRef.length).toBe(8 + 2 * ARENA_SKEW);
    // ring b's window starts after ring a's, ARENA_SKEW elements on
    expect(a.base).toBe(0);
    expect(b.base).toBe(4 + ARENA_SKEW);
    expect(b.completions).toBe(1);
    expect(b.posted).toBe(2);
    expect(b.postedHeaders).toBe(1);
    expect(b.cqRef[b.cqHead]).toBe(2);
    expect(b.headFrameLen).toBe(1518);
    expect(b.postedRef(0)).toBe(4);
    // what the ring writes from now on is in the arena's arrays, in its window: the 5000-byte
    // frame (two descriptors, their lengths 4096 then 2048: no one length) opens record 1
    expect(b.receive(5000, 0, 7, 20)).toBe(2);
    expect(b.runCount).toBe(2);
    const rec = (b.base + 1) * RUN_STRIDE;
    expect(arena.runRec[rec + RUN_INFO] >> CQ_FLOW_SHIFT).toBe(7);
    expect(arena.runRec[rec + RUN_LEN]).toBe(5000);
    expect(arena.cqTime[b.base + 1]).toBe(20);
    expect(b.completions).toBe(3);
    expect(a.completions).toBe(0);
    b.consume(1);
    expect([b.descLen(0), b.descLen(1)]).toEqual([4096, 904]);
  });

  it('puts the same slot of power-of-two rings in different L1 sets (64 sets of 64-byte lines)', () => {
    const rings = Array.from({ length: 16 }, () => new RxRing(1024));
    new RxRingArena(rings);
    const setOf = (ring: RxRing, bytesPerElement: number): number => Math.floor((ring.base * bytesPerElement) / 64) % 64;
    // Int32 arrays (buffer refs, header buffers) and the Float64 time array
    expect(new Set(rings.map((r) => setOf(r, 4))).size).toBe(16);
    expect(new Set(rings.map((r) => setOf(r, 8))).size).toBe(16);
  });

  it('tracks the length every posted buffer shares, -1 once they differ, reset when the ring empties', () => {
    const r = new RxRing(4);
    r.post(2, 0, 4096);
    r.post(4, 0, 4096);
    expect(r.postLenAll).toBe(4096);
    r.post(6, 0, 2048);
    expect(r.postLenAll).toBe(-1);
    r.takeAllPosted(new Int32Array(8));
    r.post(8, 0, 2048);
    expect(r.postLenAll).toBe(2048);
    // the post FIFO's head is the slot of the next completion
    expect(r.receive(100, 0, 0, 0)).toBe(1);
    expect(r.cqRef[r.cqHead]).toBe(8);
  });

  it('descLen of a frame over buffers of one length reads the run, not postLen, after new posts', () => {
    const r = new RxRing(8);
    r.post(2, 0, 4096);
    r.receive(1518, 0, 0, 0);
    expect(r.descLen(0)).toBe(1518);
    r.post(4, 0, 2048);
    r.post(6, 0, 2048);
    r.receive(3000, 0, 0, 0);
    // buffers of another length posted meanwhile (the posted ones' one length changes)
    r.post(8, 0, 1000);
    r.post(10, 0, 500);
    r.consume(1);
    expect([r.descLen(0), r.descLen(1)]).toEqual([2048, 952]);
  });

  it('postRun posts what post() would: refs from postSlot, lengths a frame spanning descriptors then reads', () => {
    const a = new RxRing(8);
    const b = new RxRing(8);
    // three posts / consumes first so the runs wrap around the storage's end
    for (const r of [a, b]) {
      for (let k = 0; k < 6; k++) r.post(100 + 2 * k, 0, 1000);
      expect(r.receive(5500, 0, 1, 0)).toBe(6);
      r.consume(6);
    }
    const lens = [1000, 1000, 1000, 600, 600, 1000, 1000];
    lens.forEach((len, k) => a.post(2 + 2 * k, 0, len));
    // b: runs of one length, the refs written at postSlot first (a block refill)
    let k = 0;
    for (const n of [3, 2, 2]) {
      for (let j = 0; j < n; j++) b.cqRef[(b.postSlot + j) & b.mask] = 2 + 2 * (k + j);
      b.postRun(n, lens[k]);
      k += n;
    }
    expect(b.posted).toBe(a.posted);
    expect(b.postLenAll).toBe(-1);
    for (let i = 0; i < 7; i++) expect(b.postedRef(i)).toBe(a.postedRef(i));
    // 3000 + 1100 bytes: three 1000-byte buffers, then the two 600-byte ones
    for (const r of [a, b]) {
      expect(r.receive(3000, 0, 2, 0)).toBe(3);
      expect(r.receive(1100, 0, 2, 0)).toBe(2);
      r.consume(3);
      expect(r.descLen(0)).toBe(600);
      expect(r.descLen(1)).toBe(500);
    }
    b.consume(2);
    expect(() => b.postRun(7, 1000)).toThrow(RangeError);
    b.postRun(6, 1000);
    expect(b.freeDescs).toBe(0);
  });
});
