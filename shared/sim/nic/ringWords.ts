// The scalar state of an RX ring (nic/rxRing.ts) as words of the arena's memory, shared with the
// arrival loop in WebAssembly (engine/wasm/arrivalLoopWasm.ts): Int32 word indices, then the
// steady frame count as a double after them. Only literals here, so the build folds them into the
// code that uses them (test/bench/constantFolding.test.ts).
export const RW_POST_HEAD = 0;
export const RW_POST_COUNT = 1;
export const RW_CQ_CNT = 2;
export const RW_NAPI_STATE = 3;
export const RW_POST_LEN_ALL = 4;
export const RW_BASE = 5;
export const RW_MASK = 6;
/** the header buffers' FIFO (header split): its head and its count */
export const RW_HDR_HEAD = 7;
export const RW_HDR_COUNT = 8;
/**
 * the completion runs' tail record (nic/completionRuns.ts), as an index and as its byte address in
 * its memory: a frame like its frames joins it, while any descriptor is completed
 */
export const RW_RUN_TAIL = 9;
export const RW_TAIL_AT = 10;
/** Int32 words per ring (three spare), then one double: RING_BYTES in all (a cache line) */
export const RING_WORDS = 14;
export const RING_BYTES = 64;
