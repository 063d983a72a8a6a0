// The code of the arrival loop in WebAssembly (arrivalLoopWasm.ts) that completes a frame in its
// ring (RxRing.receive's one-descriptor case): its arrival time on its slot, the frame appended to
// the ring's completion runs (nic/completionRuns.ts), and with header split the header buffer it
// takes. The stack is empty before and after; `p` is the post FIFO's head on return.
import { CQ_FLOW_SHIFT, RUN_BYTES_SHIFT, RUN_FRAMES, RUN_HDR_LEN, RUN_INFO, RUN_LEN } from '../../nic/completionRun';
import { OP, sleb, uleb } from '../../util/wasmBinary';
import {
  R_BASE,
  R_CQ,
  R_HDR_COUNT,
  R_HDR_HEAD,
  R_HEAD,
  R_MASK,
  R_RUN_TAIL,
  R_TAIL_AT,
  at,
  cqHdrOffA,
  cqHdrRefA,
  cqTime,
  f,
  h,
  hdr,
  hdrOffA,
  hdrRefA,
  key,
  p,
  ra,
  rec,
  runRec,
  size,
  slot,
  tf,
  tl,
} from './loopLayout';

const {
  IF,
  ELSE,
  END,
  LGET,
  LSET,
  LTEE,
  I32_LOAD,
  I32_STORE,
  F64_STORE,
  I32_CONST,
  I32_EQ,
  I32_GT_S,
  I32_ADD,
  I32_SUB,
  I32_AND,
  I32_OR,
  I32_SHL,
  VOID,
} = OP;

export function completionCode(withSplit: boolean): number[] {
  const c: number[] = [];
  const get = (l: number): void => void c.push(LGET, l);
  const set = (l: number): void => void c.push(LSET, l);
  const i32c = (v: number): void => void c.push(I32_CONST, ...sleb(v));
  const loadRing = (off: number): void => {
    get(ra);
    c.push(I32_LOAD, 2, ...uleb(off));
  };
  // the frame completes in the slot at the post FIFO's head
  loadRing(R_HEAD);
  c.push(LTEE, p);
  loadRing(R_BASE);
  c.push(I32_ADD);
  set(slot);
  get(cqTime);
  get(slot);
  i32c(3);
  c.push(I32_SHL, I32_ADD);
  get(tf);
  c.push(F64_STORE, 3, 0);
  // the frame's run key: flow, and CQ_HDR (1) for a split frame
  get(f);
  i32c(CQ_FLOW_SHIFT);
  c.push(I32_SHL);
  if (withSplit) c.push(LGET, hdr, I32_CONST, 0, I32_GT_S, I32_OR);
  set(key);
  // CompletionRuns.appendOne: while any descriptor is completed, the frame joins the tail record
  // when its key and length match (a flow's header bytes are the NIC's, fixed: the key says them),
  // else opens a record after it
  loadRing(R_TAIL_AT);
  set(at);
  c.push(LGET, at, I32_LOAD, 2, ...uleb(RUN_INFO * 4), LGET, key, I32_EQ);
  c.push(LGET, at, I32_LOAD, 2, ...uleb(RUN_LEN * 4), LGET, size, I32_EQ, I32_AND);
  loadRing(R_CQ);
  c.push(I32_CONST, 0, I32_GT_S, I32_AND, IF, VOID);
  c.push(LGET, at, LGET, at, I32_LOAD, 2, ...uleb(RUN_FRAMES * 4), I32_CONST, 1, I32_ADD, I32_STORE, 2, ...uleb(RUN_FRAMES * 4));
  c.push(ELSE);
  loadRing(R_RUN_TAIL);
  c.push(I32_CONST, 1, I32_ADD);
  loadRing(R_MASK);
  c.push(I32_AND, LSET, tl, LGET, runRec);
  loadRing(R_BASE);
  c.push(LGET, tl, I32_ADD, I32_CONST, RUN_BYTES_SHIFT, I32_SHL, I32_ADD, LSET, at);
  const field = (off: number, push: () => void): void => {
    get(at);
    push();
    c.push(I32_STORE, 2, ...uleb(off * 4));
  };
  field(RUN_FRAMES, () => i32c(1));
  field(RUN_LEN, () => get(size));
  field(RUN_INFO, () => get(key));
  field(RUN_HDR_LEN, () => get(hdr));
  c.push(LGET, ra, LGET, tl, I32_STORE, 2, ...uleb(R_RUN_TAIL));
  c.push(LGET, ra, LGET, at, I32_STORE, 2, ...uleb(R_TAIL_AT));
  c.push(END);
  if (withSplit) {
    // a split frame: RxRing.completeHeader (the header buffer at the FIFO's head, in the ring's
    // window, recorded on the frame's slot; the FIFO advances)
    c.push(LGET, hdr, IF, VOID);
    c.push(LGET, ra, I32_LOAD, 2, ...uleb(R_HDR_HEAD), LTEE, h, LGET, ra, I32_LOAD, 2, ...uleb(R_BASE), I32_ADD, I32_CONST, 2, I32_SHL);
    c.push(LSET, rec);
    for (const [to, from] of [
      [cqHdrRefA, hdrRefA],
      [cqHdrOffA, hdrOffA],
    ] as const) {
      c.push(LGET, to, LGET, slot, I32_CONST, 2, I32_SHL, I32_ADD, LGET, from, LGET, rec, I32_ADD, I32_LOAD, 2, 0, I32_STORE, 2, 0);
    }
    c.push(LGET, ra, LGET, h, I32_CONST, 1, I32_ADD, LGET, ra, I32_LOAD, 2, ...uleb(R_MASK), I32_AND, I32_STORE, 2, ...uleb(R_HDR_HEAD));
    c.push(LGET, ra, LGET, ra, I32_LOAD, 2, ...uleb(R_HDR_COUNT), I32_CONST, 1, I32_SUB, I32_STORE, 2, ...uleb(R_HDR_COUNT), END);
  }
  return c;
}
