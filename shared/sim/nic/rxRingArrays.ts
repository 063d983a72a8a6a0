// The typed arrays an RX ring keeps its descriptors in (nic/rxRing.ts): the ring's own, or the
// views of its window in a simulation's shared arena (nic/rxRingArena.ts).

/**
 * One array per descriptor field, indexed by the ring's storage slot; and the completion runs'
 * records (nic/completionRuns.ts), RUN_STRIDE words per storage slot.
 */
export interface RxRingArrays {
  postLen: Int32Array;
  hdrRef: Int32Array;
  hdrOff: Int32Array;
  hdrLen: Int32Array;
  cqRef: Int32Array;
  cqHdrRef: Int32Array;
  cqHdrOff: Int32Array;
  cqTime: Float64Array;
  runRec: Int32Array;
}
