// The RX ring's completion queue as runs (nic/completionRuns.ts): one record per run of frames
// that completed one after the other with the same flow, size, descriptor layout and header
// split, instead of a word per completed descriptor. The NIC appends a frame to the tail record
// or opens a new one; the driver reads the head record and takes frames off its front.
// A module of literals only, with no imports: the ahead-of-time build (scripts/aotBuild.mjs) folds
// such constants into the code that uses them (the arrival loop, the drivers' run reads).

/** Int32 fields of a run record, RUN_STRIDE words apart (a record is 1 << RUN_BYTES_SHIFT bytes). */
export const RUN_FRAMES = 0;
/** frame bytes (every frame of the run) */
export const RUN_LEN = 1;
/** `flow << CQ_FLOW_SHIFT | CQ_HDR | CQ_SPAN` */
export const RUN_INFO = 2;
/** header bytes in the header buffer (CQ_HDR), else 0 */
export const RUN_HDR_LEN = 3;
/** with CQ_SPAN only (else unwritten): descriptors each frame took (SOP .. EOP) */
export const RUN_DESCS = 4;
/** with CQ_SPAN only: the length of every data buffer the frames took, or -1 when they differ (postLen) */
export const RUN_BUF_LEN = 5;
export const RUN_STRIDE = 8;
export const RUN_BYTES_SHIFT = 5;

/** The header bytes of the run's frames went to header buffers (header split). */
export const CQ_HDR = 1;
/** The run's frames took more than one descriptor each: RUN_DESCS and RUN_BUF_LEN say how. */
export const CQ_SPAN = 2;
/** A run's RUN_INFO holds the frames' NIC-wide flow id above the flags. */
export const CQ_FLOW_SHIFT = 2;
/** flow ids a run's info word holds (topology.ts refuses a NIC with more flows) */
export const CQ_MAX_FLOWS = 536870912;

/** What a driver asked of its ring that the ring does not hold (completionRuns.ts ringMisuse). */
export const RM_TAKE = 0;
export const RM_CONSUME = 1;
export const RM_PARTIAL = 2;

// The literals above must stay literals (the ahead-of-time build folds them only so); checked here.
if (
  CQ_MAX_FLOWS !== 2 ** (31 - CQ_FLOW_SHIFT) ||
  (CQ_HDR | CQ_SPAN) >> CQ_FLOW_SHIFT !== 0 ||
  RUN_STRIDE * 4 !== 1 << RUN_BYTES_SHIFT ||
  RUN_BUF_LEN >= RUN_STRIDE
) {
  throw new Error('nic/completionRun.ts: a completion-run constant does not match the others');
}
