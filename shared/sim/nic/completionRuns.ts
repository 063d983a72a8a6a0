// The completion queue of an RX ring (nic/rxRing.ts) as a FIFO of runs (nic/completionRun.ts):
// a frame that completes like the one before it (same flow, size, descriptors, header split)
// adds one to the tail record; any other opens a record. The driver reads the frame at the head
// (the head record) and takes whole frames off the front. The records live in the ring's window
// of the arena (nic/rxRingArena.ts) and the FIFO's head, count and tail in its words
// (nic/ringWords.ts), so the arrival loop in WebAssembly appends frames without the ring object.
// A FIFO of at most `capacity` records: each holds one frame at least, and a ring holds no more
// completed frames than descriptors.
import {
  CQ_FLOW_SHIFT,
  CQ_HDR,
  RUN_BUF_LEN,
  RUN_BYTES_SHIFT,
  RUN_DESCS,
  RUN_FRAMES,
  RUN_HDR_LEN,
  RUN_INFO,
  RUN_LEN,
  RUN_STRIDE,
} from './completionRun';
import { RW_MASK, RW_RUN_COUNT, RW_RUN_HEAD, RW_RUN_TAIL, RW_TAIL_AT, RW_TAIL_KEY, RW_TAIL_LEN } from './ringWords';
import { RxRingWords } from './rxRingWords';

export class CompletionRuns extends RxRingWords {
  /** the run records, RUN_STRIDE Int32 words each, indexed by record (head .. tail, wrapping at the mask) */
  runRec: Int32Array = new Int32Array(0);

  /** Start with no record: the next one opens at record 0. */
  protected initRuns(cap: number): void {
    this.runRec = new Int32Array(cap * RUN_STRIDE);
    this.w[RW_RUN_TAIL] = cap - 1;
    this.w[RW_TAIL_KEY] = -1;
  }

  /** Records in the FIFO (0 when nothing is completed). */
  get runCount(): number {
    return this.w[RW_RUN_COUNT];
  }
  /** Word index in runRec of the head record (the frame at the completion queue's head). */
  get headRun(): number {
    return this.w[RW_RUN_HEAD] * RUN_STRIDE;
  }
  /** Word index in runRec of record `i` from the head (for inspection). */
  runAt(i: number): number {
    return ((this.w[RW_RUN_HEAD] + i) & this.w[RW_MASK]) * RUN_STRIDE;
  }

  // ---- the frame at the head (valid while completions > 0) ----

  /** Descriptors of the frame at the head (SOP .. EOP). */
  get headDescs(): number {
    return this.runRec[this.headRun + RUN_DESCS];
  }
  /** Bytes of the frame at the head. */
  get headFrameLen(): number {
    return this.runRec[this.headRun + RUN_LEN];
  }
  /** NIC-wide flow id of the frame at the head. */
  get headFlow(): number {
    return this.runRec[this.headRun + RUN_INFO] >> CQ_FLOW_SHIFT;
  }
  /** Header bytes the frame at the head put in a header buffer (header split), else 0. */
  get headHdrLen(): number {
    const r = this.headRun;
    return (this.runRec[r + RUN_INFO] & CQ_HDR) !== 0 ? this.runRec[r + RUN_HDR_LEN] : 0;
  }

  // ---- NIC side ----

  /**
   * A frame of one descriptor completed: it joins the tail record when that record's frames are
   * of one descriptor too, with the same info word, length and header bytes.
   */
  protected appendOne(info: number, len: number, hdrLen: number): void {
    const w = this.w;
    if (w[RW_TAIL_KEY] === info && w[RW_TAIL_LEN] === len) {
      const r = w[RW_RUN_TAIL] * RUN_STRIDE;
      if (this.runRec[r + RUN_HDR_LEN] === hdrLen) {
        this.runRec[r + RUN_FRAMES]++;
        return;
      }
    }
    this.openRun(info, len, 1, 0, hdrLen);
  }

  /** A frame of `descs` descriptors (more than one) completed. */
  protected appendSpan(info: number, len: number, descs: number, bufLen: number, hdrLen: number): void {
    const w = this.w;
    const rec = this.runRec;
    const r = w[RW_RUN_TAIL] * RUN_STRIDE;
    if (
      w[RW_RUN_COUNT] !== 0 &&
      bufLen >= 0 &&
      rec[r + RUN_INFO] === info &&
      rec[r + RUN_LEN] === len &&
      rec[r + RUN_DESCS] === descs &&
      rec[r + RUN_BUF_LEN] === bufLen &&
      rec[r + RUN_HDR_LEN] === hdrLen
    ) {
      rec[r + RUN_FRAMES]++;
      return;
    }
    this.openRun(info, len, descs, bufLen, hdrLen);
  }

  private openRun(info: number, len: number, descs: number, bufLen: number, hdrLen: number): void {
    const w = this.w;
    const rec = this.runRec;
    const t = (w[RW_RUN_TAIL] + 1) & w[RW_MASK];
    const r = t * RUN_STRIDE;
    rec[r + RUN_FRAMES] = 1;
    rec[r + RUN_LEN] = len;
    rec[r + RUN_INFO] = info;
    rec[r + RUN_DESCS] = descs;
    rec[r + RUN_BUF_LEN] = bufLen;
    rec[r + RUN_HDR_LEN] = hdrLen;
    w[RW_RUN_TAIL] = t;
    w[RW_RUN_COUNT]++;
    // frames over several descriptors join only here (appendSpan): the arrival loop's key never matches
    w[RW_TAIL_KEY] = descs === 1 ? info : -1;
    w[RW_TAIL_LEN] = len;
    w[RW_TAIL_AT] = rec.byteOffset + (t << RUN_BYTES_SHIFT);
  }

  // ---- driver side ----

  /** `k` frames (at most the head record's) leave the head record; an emptied record leaves the FIFO. */
  protected takeFrames(k: number): void {
    const w = this.w;
    const at = w[RW_RUN_HEAD] * RUN_STRIDE + RUN_FRAMES;
    const left = this.runRec[at] - k;
    if (left > 0) {
      this.runRec[at] = left;
      return;
    }
    if (left < 0) throw new RangeError(`takeFrames(${k}) from a run of ${k + left} frames`);
    w[RW_RUN_HEAD] = (w[RW_RUN_HEAD] + 1) & w[RW_MASK];
    const count = w[RW_RUN_COUNT] - 1;
    w[RW_RUN_COUNT] = count;
    if (count === 0) w[RW_TAIL_KEY] = -1;
  }

  /** The tail record's address in its memory, after the records moved (an arena took them over). */
  protected retarget(): void {
    this.w[RW_TAIL_AT] = this.runRec.byteOffset + (this.w[RW_RUN_TAIL] << RUN_BYTES_SHIFT);
  }
}
