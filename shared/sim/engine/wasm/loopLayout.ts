// Where the arrival loop in WebAssembly (arrivalLoopWasm.ts, completionCode.ts) finds things: the
// ring words' byte offsets in a ring's words (nic/ringWords.ts), and the function's locals.
import { CQ_HDR } from '../../nic/completionRun';
import {
  RING_WORDS,
  RW_BASE,
  RW_CQ_CNT,
  RW_HDR_COUNT,
  RW_HDR_HEAD,
  RW_MASK,
  RW_NAPI_STATE,
  RW_POST_COUNT,
  RW_POST_HEAD,
  RW_POST_LEN_ALL,
  RW_RUN_TAIL,
  RW_TAIL_AT,
} from '../../nic/ringWords';

// the ring words' byte offsets (nic/ringWords.ts)
export const R_HEAD = RW_POST_HEAD * 4;
export const R_COUNT = RW_POST_COUNT * 4;
export const R_CQ = RW_CQ_CNT * 4;
export const R_NAPI = RW_NAPI_STATE * 4;
export const R_LEN_ALL = RW_POST_LEN_ALL * 4;
export const R_BASE = RW_BASE * 4;
export const R_MASK = RW_MASK * 4;
export const R_STEADY = RING_WORDS * 4;
export const R_HDR_HEAD = RW_HDR_HEAD * 4;
export const R_HDR_COUNT = RW_HDR_COUNT * 4;
export const R_RUN_TAIL = RW_RUN_TAIL * 4;
export const R_TAIL_AT = RW_TAIL_AT * 4;
// a split frame's key sets CQ_HDR with the 0/1 of `hdr > 0`
if (CQ_HDR !== 1) throw new Error('wasm/loopLayout.ts: CQ_HDR must be 1');

// locals: f64 0..15, then i32; 39, 40, 42-45 and 47 only with header split (46 is not used)
export const [t, ready, sched, freeAt, limit, end, mean, port] = [0, 1, 2, 3, 4, 5, 6, 7];
export const [stopNs, last, irqCo, room, portFree, next, tf, irqAt] = [8, 9, 10, 11, 12, 13, 14, 15];
export const [flow, offered, size, flowBase, flowEnd, sendRoom, flowRing, runRec] = [16, 17, 18, 19, 20, 21, 22, 23];
export const [cqTime, key, ra, st, pc, p, slot, f] = [24, 25, 26, 27, 28, 29, 30, 31];
export const [ret, irqCount, irqLog, bound, rec, hdr, at, hdsThresh, hdrLenA] = [32, 33, 34, 35, 36, 37, 38, 39, 40];
export const [tl, hdrRefA, hdrOffA, cqHdrRefA, cqHdrOffA, h] = [41, 42, 43, 44, 45, 47];
export const NF64 = 16,
  NI32 = 32;
