// The steady arrival loop (engine/arrivals.ts arriveSteady) as a WebAssembly function over the
// arena's memory (nic/rxRingArena.ts): the rings' scalar words, their completion runs and times
// and the send windows live there. The same arithmetic on IEEE doubles in the same order as the
// JavaScript loop, so arrival times and counts are bit-identical. Built from bytes at first use
// (no toolchain, no binary file): `run()` reads its state from the parameter block at address 0,
// writes it back there, and returns why it stopped (RUN_*).
import { WIRE_EPS_NS } from '../../nic/lineRate';
import { Q_ARMED, Q_IRQ_PENDING, Q_STOPPED } from '../eventKinds';
import { compileRunModule, f64, instantiateRun, OP, sleb, T_F64, T_I32, uleb, type WasmMemory } from '../../util/wasmBinary';
import { completionCode } from './completionCode';
import {
  R_HEAD,
  R_COUNT,
  R_CQ,
  R_HDR_COUNT,
  R_LEN_ALL,
  R_MASK,
  R_NAPI,
  R_STEADY,
  t,
  ready,
  sched,
  freeAt,
  limit,
  end,
  mean,
  port,
  stopNs,
  last,
  irqCo,
  room,
  portFree,
  next,
  tf,
  irqAt,
  flow,
  offered,
  size,
  flowBase,
  flowEnd,
  sendRoom,
  flowRing,
  runRec,
  cqTime,
  ra,
  st,
  pc,
  p,
  f,
  ret,
  irqCount,
  irqLog,
  bound,
  rec,
  hdr,
  hdsThresh,
  hdrLenA,
  hdrRefA,
  hdrOffA,
  cqHdrRefA,
  cqHdrOffA,
  NF64,
  NI32,
} from './loopLayout';
import {
  P_T,
  P_READY,
  P_SCHED,
  P_FREE_AT,
  P_LIMIT,
  P_END,
  P_MEAN,
  P_PORT,
  P_STOP_NS,
  P_LAST,
  P_IRQ_COALESCE,
  P_FLOW,
  P_OFFERED,
  P_SIZE,
  P_FLOW_BASE,
  P_FLOW_END,
  P_SEND_ROOM,
  P_FLOW_RING,
  P_RUN_REC,
  P_CQ_TIME,
  P_IRQ_COUNT,
  P_IRQ_LOG,
  P_BOUND,
  P_HDS_THRESH,
  P_HDR_LEN,
  P_HDR_REF,
  P_HDR_OFF,
  P_CQ_HDR_REF,
  P_CQ_HDR_OFF,
} from './arrivalParams';

const {
  BLOCK,
  LOOP,
  IF,
  ELSE,
  END,
  BR,
  BR_IF,
  RETURN,
  SELECT,
  LGET,
  LSET,
  LTEE,
  I32_LOAD,
  F64_LOAD,
  I32_STORE,
  F64_STORE,
  I32_CONST,
  F64_CONST,
  I32_EQZ,
  I32_EQ,
  I32_LT_S,
  I32_GT_S,
  F64_LT,
  F64_GT,
  F64_LE,
  F64_GE,
  I32_ADD,
  I32_SUB,
  I32_AND,
  I32_SHL,
  F64_CEIL,
  F64_ADD,
  F64_SUB,
  F64_CONVERT_I32_S,
  VOID,
} = OP;

/** The loop's code; with `withSplit`, header split's checks and writes (a module for each). */
function body(withSplit: boolean): number[] {
  const c: number[] = [];
  const get = (l: number): void => void c.push(LGET, l);
  const set = (l: number): void => void c.push(LSET, l);
  const i32c = (v: number): void => void c.push(I32_CONST, ...sleb(v));
  const ldF = (off: number, l: number): void => void c.push(I32_CONST, 0, F64_LOAD, 3, ...uleb(off), LSET, l);
  const ldI = (off: number, l: number): void => void c.push(I32_CONST, 0, I32_LOAD, 2, ...uleb(off), LSET, l);
  const loadRing = (off: number): void => {
    get(ra);
    c.push(I32_LOAD, 2, ...uleb(off));
  };
  const F = [
    [P_T, t],
    [P_READY, ready],
    [P_SCHED, sched],
    [P_FREE_AT, freeAt],
    [P_LIMIT, limit],
    [P_END, end],
    [P_MEAN, mean],
    [P_PORT, port],
    [P_STOP_NS, stopNs],
    [P_LAST, last],
    [P_IRQ_COALESCE, irqCo],
  ] as const;
  for (const [off, l] of F) ldF(off, l);
  const I = [
    [P_FLOW, flow],
    [P_OFFERED, offered],
    [P_SIZE, size],
    [P_FLOW_BASE, flowBase],
    [P_FLOW_END, flowEnd],
    [P_SEND_ROOM, sendRoom],
    [P_FLOW_RING, flowRing],
    [P_RUN_REC, runRec],
    [P_CQ_TIME, cqTime],
    [P_IRQ_LOG, irqLog],
    [P_BOUND, bound],
  ] as const;
  for (const [off, l] of I) ldI(off, l);
  const SPLIT = [
    [P_HDS_THRESH, hdsThresh],
    [P_HDR_LEN, hdrLenA],
    [P_HDR_REF, hdrRefA],
    [P_HDR_OFF, hdrOffA],
    [P_CQ_HDR_REF, cqHdrRefA],
    [P_CQ_HDR_OFF, cqHdrOffA],
  ] as const;
  if (withSplit) for (const [off, l] of SPLIT) ldI(off, l);
  // block $exit (3) / block $slow (2) / block $done (1) / loop $top (0)
  c.push(BLOCK, VOID, BLOCK, VOID, BLOCK, VOID, LOOP, VOID);
  // if (t >= end || t > limit) done
  get(t);
  get(end);
  c.push(F64_GE, BR_IF, 1);
  get(t);
  get(limit);
  c.push(F64_GT, BR_IF, 1);
  // room = sendRoom[flow]; window closed or link busy: slow
  get(sendRoom);
  get(flow);
  i32c(3);
  c.push(I32_SHL, I32_ADD, F64_LOAD, 3, 0);
  set(room);
  get(room);
  c.push(F64_CONST, ...f64(0), F64_LE, BR_IF, 2);
  get(freeAt);
  get(t);
  c.push(F64_CONST, ...f64(WIRE_EPS_NS), F64_ADD, F64_GT, BR_IF, 2);
  // the flow's ring; stopped, nothing posted, or a posted buffer too short: slow
  get(flowRing);
  get(flow);
  i32c(2);
  c.push(I32_SHL, I32_ADD, I32_LOAD, 2, 0);
  set(ra);
  loadRing(R_NAPI);
  c.push(LTEE, st);
  i32c(Q_STOPPED);
  c.push(I32_EQ, BR_IF, 2);
  loadRing(R_COUNT);
  c.push(LTEE, pc, I32_EQZ, BR_IF, 2);
  if (withSplit) {
    // header split (a flow's header length is not 0 only then: topology.ts): the header goes to
    // the next posted header buffer when the rest is over the threshold, and none posted is
    // arrive()'s; every posted buffer holds the frame's data
    c.push(LGET, hdrLenA, LGET, flow, I32_CONST, 2, I32_SHL, I32_ADD, I32_LOAD, 2, 0, LSET, hdr);
    c.push(LGET, hdr, I32_CONST, 0, I32_GT_S, LGET, size, LGET, hdr, I32_SUB, LGET, hdsThresh, I32_GT_S, I32_AND, IF, VOID);
    // depth: the if, the loop, $done, then $slow
    c.push(LGET, ra, I32_LOAD, 2, ...uleb(R_HDR_COUNT), I32_EQZ, BR_IF, 3);
    c.push(ELSE, I32_CONST, 0, LSET, hdr, END);
    loadRing(R_LEN_ALL);
    c.push(LGET, size, LGET, hdr, I32_SUB, I32_LT_S, BR_IF, 2);
  } else {
    // every posted buffer holds the frame
    loadRing(R_LEN_ALL);
    c.push(LGET, size, I32_LT_S, BR_IF, 2);
  }
  // LinkWire.offer and TrafficSource.advance() of a sent frame
  get(t);
  get(last);
  c.push(F64_ADD);
  set(freeAt);
  get(ready);
  get(port);
  c.push(F64_ADD);
  set(portFree);
  get(sched);
  get(mean);
  c.push(F64_ADD, LTEE, next);
  set(sched);
  get(flow);
  set(f);
  get(t);
  set(tf);
  get(next);
  get(stopNs);
  c.push(F64_LT, IF, VOID);
  get(portFree);
  get(next);
  get(portFree);
  get(next);
  c.push(F64_CONST, ...f64(WIRE_EPS_NS), F64_ADD, F64_GT, SELECT, LTEE, t);
  set(ready);
  get(flow);
  i32c(1);
  c.push(I32_ADD, LTEE, flow);
  get(flowEnd);
  c.push(I32_EQ, IF, VOID);
  get(flowBase);
  set(flow);
  c.push(END);
  c.push(ELSE, F64_CONST, ...f64(Infinity), LTEE, t);
  set(ready);
  c.push(END);
  get(offered);
  i32c(1);
  c.push(I32_ADD);
  set(offered);
  c.push(...completionCode(withSplit));
  get(ra);
  get(p);
  i32c(1);
  c.push(I32_ADD);
  loadRing(R_MASK);
  c.push(I32_AND, I32_STORE, 2, R_HEAD);
  get(ra);
  get(pc);
  i32c(1);
  c.push(I32_SUB, I32_STORE, 2, R_COUNT);
  get(ra);
  loadRing(R_CQ);
  i32c(1);
  c.push(I32_ADD, I32_STORE, 2, R_CQ);
  get(ra);
  get(ra);
  c.push(F64_LOAD, 3, R_STEADY, F64_CONST, ...f64(1), F64_ADD, F64_STORE, 3, R_STEADY);
  // sendRoom[f] = room - size
  get(sendRoom);
  get(f);
  i32c(3);
  c.push(I32_SHL, I32_ADD);
  get(room);
  get(size);
  c.push(F64_CONVERT_I32_S, F64_SUB, F64_STORE, 3, 0);
  // an armed queue raises its IRQ: recorded for the caller to push, in order; with the heap's next
  // event as a bound, the IRQ's poll event may now come first
  get(st);
  i32c(Q_ARMED);
  c.push(I32_EQ, IF, VOID);
  get(ra);
  i32c(Q_IRQ_PENDING);
  c.push(I32_STORE, 2, R_NAPI);
  get(tf);
  c.push(F64_CEIL);
  get(irqCo);
  c.push(F64_ADD);
  set(irqAt);
  get(irqLog);
  get(irqCount);
  i32c(4);
  c.push(I32_SHL, I32_ADD, LTEE, rec);
  get(irqAt);
  c.push(F64_STORE, 3, 0);
  get(rec);
  get(f);
  c.push(I32_STORE, 2, 8);
  get(irqCount);
  i32c(1);
  c.push(I32_ADD);
  set(irqCount);
  get(bound);
  c.push(IF, VOID);
  get(irqAt);
  get(limit);
  c.push(F64_LT, IF, VOID);
  get(irqAt);
  set(limit);
  c.push(END, END);
  c.push(END);
  c.push(BR, 0, END, END);
  // $done
  i32c(0);
  set(ret);
  c.push(BR, 1, END);
  // $slow
  i32c(1);
  set(ret);
  c.push(END);
  // $exit: write back what changed
  const stF = (off: number, l: number): void => void c.push(I32_CONST, 0, LGET, l, F64_STORE, 3, ...uleb(off));
  const stI = (off: number, l: number): void => void c.push(I32_CONST, 0, LGET, l, I32_STORE, 2, ...uleb(off));
  stF(P_T, t);
  stF(P_READY, ready);
  stF(P_SCHED, sched);
  stF(P_FREE_AT, freeAt);
  stF(P_LIMIT, limit);
  stI(P_FLOW, flow);
  stI(P_OFFERED, offered);
  stI(P_IRQ_COUNT, irqCount);
  get(ret);
  c.push(RETURN, END);
  return [...uleb(2), ...uleb(NF64), T_F64, ...uleb(NI32), T_I32, ...c];
}

const compiled: (object | null)[] = [null, null];

/** The loop's `run()` over `memory` (the arena's: nic/rxRingArena.ts), for a NIC with header split or without. */
export function arrivalLoop(memory: WasmMemory, withSplit: boolean): () => number {
  const k = withSplit ? 1 : 0;
  const m = compiled[k] ?? (compiled[k] = compileRunModule(body(withSplit), T_I32));
  return instantiateRun(m, memory) as () => number;
}
