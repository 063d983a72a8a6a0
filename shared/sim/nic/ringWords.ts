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
/** the completion runs' FIFO (nic/completionRuns.ts): head record, records, tail record */
export const RW_RUN_HEAD = 9;
export const RW_RUN_COUNT = 10;
export const RW_RUN_TAIL = 11;
/**
 * what a one-descriptor frame must match to join the tail record: its RUN_INFO and RUN_LEN
 * (RW_TAIL_KEY -1 when no frame may: no record, or one of frames over several descriptors),
 * and the byte address of the tail record in its memory
 */
export const RW_TAIL_KEY = 12;
export const RW_TAIL_LEN = 13;
export const RW_TAIL_AT = 14;
/** Int32 words per ring (one spare), then one double: RING_BYTES in all */
export const RING_WORDS = 16;
export const RING_BYTES = 72;
