// The RX ring's completions are kept as runs of like frames (nic/completionRuns.ts). Whatever
// the NIC and the driver do, what a driver reads must be what a completion per descriptor
// would say: checked against a model that keeps every frame apart, over random sequences of
// posts, frames and takes.
import fc from 'fast-check';
import { pendingFrames } from '../../shared/sim/nic/pendingFrames';
import { describe, expect, it } from 'vitest';
import { RxRing } from '../../shared/sim/nic/rxRing';
import { RxRingArena } from '../../shared/sim/nic/rxRingArena';

interface ModelFrame {
  flow: number;
  len: number;
  hdrLen: number;
  descLens: number[];
}

type Op =
  | { kind: 'post'; len: number }
  | { kind: 'postHeader' }
  | { kind: 'receive'; size: number; hdr: number; flow: number }
  | { kind: 'again' }
  | { kind: 'consume' }
  | { kind: 'drain' }
  | { kind: 'consumeRun'; k: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  // buffers of one length most of the time (frames over several of them then join runs), now and
  // then of others
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      len: fc.constantFrom(2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 1000, 1600, 4096),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('postHeader' as const) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      size: fc.constantFrom(64, 1518, 1518, 3000, 5000),
      hdr: fc.constantFrom(0, 0, 66),
      flow: fc.integer({ min: 0, max: 1 }),
    }),
  },
  // the frame before once more (like frames one after the other, across takes and drains)
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('again' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('consume' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('consumeRun' as const), k: fc.integer({ min: 1, max: 6 }) }) },
);

/** The frames as a per-descriptor completion queue would hold them, and the posted buffers. */
class Model {
  posted: number[] = [];
  headers = 0;
  frames: ModelFrame[] = [];
  descs(): number {
    return this.frames.reduce((n, f) => n + f.descLens.length, 0);
  }
  receive(size: number, hdr: number, flow: number): number {
    const split = hdr > 0 && hdr < size;
    if (split && this.headers === 0) return 0;
    let payload = split ? size - hdr : size;
    const descLens: number[] = [];
    for (const len of this.posted) {
      if (payload <= 0 && descLens.length > 0) break;
      const wrote = Math.min(payload, len);
      descLens.push(wrote);
      payload -= wrote;
    }
    if (payload > 0 || descLens.length === 0) return 0;
    this.posted.splice(0, descLens.length);
    if (split) this.headers--;
    this.frames.push({ flow, len: size, hdrLen: split ? hdr : 0, descLens });
    return descLens.length;
  }
}

function check(ring: RxRing, model: Model): void {
  expect(ring.completions).toBe(model.descs());
  expect(ring.posted).toBe(model.posted.length);
  const pending = pendingFrames(ring);
  expect(pending.map((f) => [f.flow, f.frameLen, f.descs, f.hdrLen])).toEqual(
    model.frames.map((f) => [f.flow, f.len, f.descLens.length, f.hdrLen]),
  );
  expect(ring.runCount).toBeLessThanOrEqual(model.frames.length);
  if (model.frames.length > 0) {
    const head = model.frames[0];
    expect(ring.frameDescs()).toBe(head.descLens.length);
    expect([ring.headFlow, ring.headFrameLen, ring.headHdrLen]).toEqual([head.flow, head.len, head.hdrLen]);
    expect(head.descLens.map((_, d) => ring.descLen(d))).toEqual(head.descLens);
  } else {
    expect(ring.runCount).toBe(0);
    expect(ring.frameDescs()).toBe(0);
  }
}

function apply(ring: RxRing, model: Model, op: Op, last: { op: Op | null }): void {
  if (op.kind === 'again') {
    if (last.op !== null) apply(ring, model, last.op, last);
    return;
  }
  if (op.kind === 'receive') last.op = op;
  switch (op.kind) {
    case 'post':
      if (ring.post(2, 0, op.len)) model.posted.push(op.len);
      break;
    case 'postHeader':
      if (ring.postHeader(4, 0, 256)) model.headers++;
      break;
    case 'receive': {
      const hdr = op.hdr > 0 ? op.hdr : 0;
      expect(ring.receive(op.size, hdr, op.flow, 0)).toBe(model.receive(op.size, hdr, op.flow));
      break;
    }
    case 'consume': {
      const f = model.frames.shift();
      if (f !== undefined) ring.consume(f.descLens.length);
      break;
    }
    case 'drain':
      // every completion at once, as a driver's stop takes them
      if (ring.completions > 0) ring.consume(ring.completions);
      model.frames = [];
      break;
    case 'consumeRun': {
      // a driver's run: frames of one descriptor from the head record, up to its end
      const head = model.frames[0];
      if (head === undefined || head.descLens.length !== 1) break;
      let k = 0;
      while (
        k < op.k &&
        k < model.frames.length &&
        model.frames[k].descLens.length === 1 &&
        model.frames[k].flow === head.flow &&
        model.frames[k].len === head.len &&
        model.frames[k].hdrLen === head.hdrLen
      )
        k++;
      // as far as the head record goes (a run may end where frames of the same kind continue)
      const inRecord = ring.runRec[ring.headRun];
      const take = Math.min(k, inRecord);
      ring.consumeFrames(take, head.flow, take * head.len);
      model.frames.splice(0, take);
      break;
    }
  }
}

describe('completion runs', () => {
  it('join frames of one flow, size and layout in a record; another frame opens the next', () => {
    const r = new RxRing(16);
    for (let i = 0; i < 10; i++) r.post(2 + 2 * i, 0, 2048);
    for (const [size, flow] of [
      [1518, 1],
      [1518, 1],
      [1518, 1],
      [64, 1],
      [1518, 2],
      [1518, 2],
      [3000, 2],
      [3000, 2],
    ])
      r.receive(size, 0, flow, 0);
    expect(r.runCount).toBe(4);
    expect([0, 1, 2, 3].map((i) => r.runRec[r.runAt(i)])).toEqual([3, 1, 2, 2]);
    // taken from the front: the head record shrinks, then leaves
    r.consumeFrames(2, 1, 2 * 1518);
    expect(r.runRec[r.headRun]).toBe(1);
    r.consume(2);
    expect(r.runCount).toBe(2);
    expect(r.headFlow).toBe(2);
  });

  it('a frame joins a record the driver has started taking; an emptied queue starts afresh', () => {
    const r = new RxRing(8);
    for (let i = 0; i < 8; i++) r.post(2 + 2 * i, 0, 2048);
    r.receive(1518, 0, 3, 0);
    r.receive(1518, 0, 3, 0);
    r.consumeFrames(1, 3, 1518);
    r.receive(1518, 0, 3, 0);
    expect(r.runCount).toBe(1);
    expect(r.runRec[r.headRun]).toBe(2);
    r.consume(2);
    expect(r.runCount).toBe(0);
    r.receive(1518, 0, 3, 0);
    expect(r.runCount).toBe(1);
    expect(r.runRec[r.headRun]).toBe(1);
    // the same with frames over two descriptors
    r.consume(1);
    r.receive(3000, 0, 3, 0);
    r.consume(2);
    r.receive(3000, 0, 3, 0);
    expect(r.runCount).toBe(1);
    expect(r.runRec[r.headRun]).toBe(1);
    expect(pendingFrames(r).map((f) => f.descs)).toEqual([2]);
  });

  it('frames over buffers of another one length open a record of their own', () => {
    const r = new RxRing(8);
    r.post(2, 0, 1600);
    r.post(4, 0, 1600);
    r.receive(3000, 0, 0, 0);
    r.post(6, 0, 2048);
    r.post(8, 0, 2048);
    r.receive(3000, 0, 0, 0);
    expect(r.runCount).toBe(2);
    expect([r.descLen(0), r.descLen(1)]).toEqual([1600, 1400]);
    r.consume(2);
    expect([r.descLen(0), r.descLen(1)]).toEqual([2048, 952]);
  });

  it.each([false, true])('read as the per-descriptor completions a model keeps (in an arena: %s)', (inArena) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(opArb, { minLength: 1, maxLength: 200, size: 'max' }), (size, ops) => {
        const ring = new RxRing(size);
        if (inArena) new RxRingArena([new RxRing(4), ring]);
        const model = new Model();
        const last = { op: null as Op | null };
        for (const op of ops) {
          apply(ring, model, op, last);
          check(ring, model);
        }
      }),
      { numRuns: 200 },
    );
  });
});
