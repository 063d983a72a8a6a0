// The parameter block of the arrival loop in WebAssembly (arrivalLoopWasm.ts) at address 0 of the
// arena's memory: byte offsets of its fields, and the loop's return codes. Only literals here, so
// the build folds them into the code that uses them (test/bench/constantFolding.test.ts).
/** Byte offsets in the parameter block (f64 fields first, then i32). */
export const P_T = 0;
export const P_READY = 8;
export const P_SCHED = 16;
export const P_FREE_AT = 24;
export const P_LIMIT = 32;
export const P_END = 40;
export const P_MEAN = 48;
export const P_PORT = 56;
export const P_STOP_NS = 64;
export const P_LAST = 72;
export const P_IRQ_COALESCE = 80;
export const P_FLOW = 96;
export const P_OFFERED = 100;
export const P_SIZE = 104;
export const P_FLOW_BASE = 108;
export const P_FLOW_END = 112;
export const P_SEND_ROOM = 116;
export const P_FLOW_RING = 120;
/** the arena's run records (nic/completionRuns.ts) and its arrival times (RxRing.cqTime) */
export const P_RUN_REC = 124;
export const P_CQ_TIME = 128;
/**
 * The IRQs the run raised, for the caller to push in order: their count, and the address of
 * their records (IRQ_RECORD_BYTES each: the time as a double, then the flow). With P_BOUND not 0
 * an IRQ before the limit lowers it to the IRQ's time (the heap's next event), as in arriveSteady.
 */
export const P_IRQ_COUNT = 132;
export const P_IRQ_LOG = 136;
export const P_BOUND = 140;
/**
 * Header split (the loop's module for a NIC with it): its threshold (hds_thresh), the flows'
 * header lengths (per NIC-wide flow), and the header buffer a split frame takes from the ring's
 * header FIFO (RxRing.completeHeader).
 */
export const P_HDS_THRESH = 144;
export const P_HDR_LEN = 148;
export const P_HDR_REF = 152;
export const P_HDR_OFF = 156;
export const P_CQ_HDR_REF = 160;
export const P_CQ_HDR_OFF = 164;
export const PARAM_BYTES = 168;
export const IRQ_RECORD_BYTES = 16;

/** run() stopped at the limit or the end, or at a frame for arrive() */
export const RUN_DONE = 0;
export const RUN_SLOW = 1;
