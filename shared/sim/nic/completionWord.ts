// What a completion slot's cqInfo word holds (nic/rxRing.ts): the descriptor's flags in the low
// bits and the frame's NIC-wide flow id above them, one Int32 the NIC writes per completion.
// A module of literals only, with no imports: the ahead-of-time build (scripts/aotBuild.mjs) folds
// such constants into the code that uses them (the arrival loop, the drivers' completion scans).

/** Completion flags (per descriptor), the low bits of its cqInfo word. */
export const CQ_SOP = 1;
export const CQ_EOP = 2;
/** Header bytes of this frame were written to the header buffer (header split). */
export const CQ_HDR = 4;
/** cqInfo holds the frame's NIC-wide flow id above the flags: flow << CQ_FLOW_SHIFT | flags. */
export const CQ_FLOW_SHIFT = 3;
/** flow ids a cqInfo word holds (topology.ts refuses a NIC with more flows) */
export const CQ_MAX_FLOWS = 268435456;
/**
 * ~(CQ_SOP | CQ_HDR): the flow bits and CQ_EOP. A word masked with it is
 * `flow << CQ_FLOW_SHIFT | CQ_EOP` exactly when its descriptor ends a frame of that flow.
 */
export const CQ_RUN_MASK = -6;

// The literals above must stay literals (the ahead-of-time build folds them only so); checked here.
if (CQ_RUN_MASK !== ~(CQ_SOP | CQ_HDR) || CQ_MAX_FLOWS !== 2 ** (31 - CQ_FLOW_SHIFT) || (CQ_SOP | CQ_EOP | CQ_HDR) >> CQ_FLOW_SHIFT !== 0) {
  throw new Error('nic/completionWord.ts: a completion-word constant does not match the flags and CQ_FLOW_SHIFT');
}
