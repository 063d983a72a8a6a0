// The completion queue of an RX ring (nic/rxRing.ts) as a FIFO of runs (nic/completionRun.ts):
// a frame that completes like the one before it (same flow, size, descriptors, header split)
// adds one to the tail record; any other opens a record. The driver reads the frame at the head
// (the head record) and takes whole frames off the front. The records live in the ring's window
// of the arena (nic/rxRingArena.ts) and the tail's index in its words (nic/ringWords.ts), so the
// arrival loop in WebAssembly appends frames without the ring object; the head is the driver's
// alone, a plain field.
// A FIFO of at most `capacity` records: each holds one frame at least, and a ring holds no more
// completed frames than descriptors. It is empty exactly when no descriptor is completed.
import {
  CQ_FLOW_SHIFT,
  CQ_SPAN,
  RUN_BUF_LEN,
  RUN_BYTES_SHIFT,
  RUN_DESCS,
  RUN_FRAMES,
  RUN_HDR_LEN,
  RUN_INFO,
  RUN_LEN,
  RUN_STRIDE,
  RM_CONSUME,
  RM_TAKE,
} from './completionRun';
import { RW_CQ_CNT, RW_RUN_TAIL, RW_TAIL_AT } from './ringWords';
import { RxRingWords } from './rxRingWords';

export class CompletionRuns extends RxRingWords {
  /** the run records, RUN_STRIDE Int32 words each, indexed by record (head .. tail, wrapping) */
  runRec: Int32Array = new Int32Array(0);
  /** word index in runRec of the head record (the frame at the completion queue's head) */
  headRun = 0;
  /** word indices of runRec wrap with this mask (capacity × RUN_STRIDE − 1) */
  private runMask = 0;
  /** runRec's byte offset in its buffer (RW_TAIL_AT is an address there) */
  private runRecAt = 0;

  /** Start with no record: the next one opens at record 0. */
  protected initRuns(cap: number): void {
    this.runRec = new Int32Array(cap * RUN_STRIDE);
    this.runMask = cap * RUN_STRIDE - 1;
    this.w[RW_RUN_TAIL] = cap - 1;
  }

  /** Records in the FIFO (0 when nothing is completed). */
  get runCount(): number {
    if (this.w[RW_CQ_CNT] === 0) return 0;
    return (((this.w[RW_RUN_TAIL] * RUN_STRIDE - this.headRun) & this.runMask) >> 3) + 1;
  }
  /** Word index in runRec of record `i` from the head (for inspection). */
  runAt(i: number): number {
    return (this.headRun + i * RUN_STRIDE) & this.runMask;
  }

  // ---- the frame at the head (valid while completions > 0) ----

  /** Descriptors each frame of the record at word index `r` took (SOP .. EOP). */
  descsOf(r: number): number {
    return (this.runRec[r + RUN_INFO] & CQ_SPAN) !== 0 ? this.runRec[r + RUN_DESCS] : 1;
  }
  /** Descriptors of the frame at the head (SOP .. EOP). */
  get headDescs(): number {
    return this.descsOf(this.headRun);
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
    return this.runRec[this.headRun + RUN_HDR_LEN];
  }

  // ---- NIC side ----

  /**
   * A frame of one descriptor completed: it joins the tail record when that record's frames are
   * of one descriptor too (no CQ_SPAN in `info`), with the same info word, length and header
   * bytes. Called before the ring counts its descriptor: with none completed the tail record is
   * one the driver took.
   */
  protected appendOne(info: number, len: number, hdrLen: number): void {
    const w = this.w;
    const rec = this.runRec;
    const r = w[RW_RUN_TAIL] * RUN_STRIDE;
    if (w[RW_CQ_CNT] !== 0 && rec[r + RUN_INFO] === info && rec[r + RUN_LEN] === len && rec[r + RUN_HDR_LEN] === hdrLen) {
      rec[r + RUN_FRAMES]++;
      return;
    }
    this.openRun(r, info, len, hdrLen);
  }

  /**
   * A frame of `descs` descriptors (more than one) completed, over buffers of `bufLen` bytes (-1:
   * of several lengths). Called before the ring counts its descriptors.
   */
  protected appendSpan(info: number, len: number, descs: number, bufLen: number, hdrLen: number): void {
    const w = this.w;
    const rec = this.runRec;
    const key = info | CQ_SPAN;
    const r = w[RW_RUN_TAIL] * RUN_STRIDE;
    if (
      w[RW_CQ_CNT] !== 0 &&
      bufLen >= 0 &&
      rec[r + RUN_INFO] === key &&
      rec[r + RUN_LEN] === len &&
      rec[r + RUN_DESCS] === descs &&
      rec[r + RUN_BUF_LEN] === bufLen &&
      rec[r + RUN_HDR_LEN] === hdrLen
    ) {
      rec[r + RUN_FRAMES]++;
      return;
    }
    const t = this.openRun(r, key, len, hdrLen);
    rec[t + RUN_DESCS] = descs;
    rec[t + RUN_BUF_LEN] = bufLen;
  }

  /** A record of one frame after the tail record (word index `tail`); returns its word index. */
  private openRun(tail: number, info: number, len: number, hdrLen: number): number {
    const rec = this.runRec;
    const r = (tail + RUN_STRIDE) & this.runMask;
    rec[r + RUN_FRAMES] = 1;
    rec[r + RUN_LEN] = len;
    rec[r + RUN_INFO] = info;
    rec[r + RUN_HDR_LEN] = hdrLen;
    this.w[RW_RUN_TAIL] = r >> 3;
    this.w[RW_TAIL_AT] = this.runRecAt + (r << 2);
    return r;
  }

  // ---- driver side ----

  /** The records moved (an arena took them over): where the tail record now is. */
  protected retarget(): void {
    this.runRecAt = this.runRec.byteOffset;
    this.w[RW_TAIL_AT] = this.runRecAt + ((this.w[RW_RUN_TAIL] * RUN_STRIDE) << 2);
  }

  /** `k` frames (at most the head record's) leave the head record; an emptied record leaves the FIFO. */
  protected takeFrames(k: number): void {
    const at = this.headRun + RUN_FRAMES;
    const frames = this.runRec[at] - k;
    if (frames > 0) {
      this.runRec[at] = frames;
      return;
    }
    if (frames < 0) throw ringMisuse(RM_TAKE, k, k + frames);
    this.headRun = (this.headRun + RUN_STRIDE) & this.runMask;
  }
}

/**
 * The RangeError of a driver taking what the ring does not hold, its message built here from
 * numbers: a template in the caller has the optimizing compiler convert them ahead of the check
 * that guards the throw, on every call.
 */
export function ringMisuse(kind: number, n: number, have: number): RangeError {
  if (kind === RM_TAKE) return new RangeError(`takeFrames(${n}) from a run of ${have} frames`);
  if (kind === RM_CONSUME) return new RangeError(`consume(${n}) with ${have} completions`);
  return new RangeError(`consume(${n}) ends inside a frame of ${have} descriptors`);
}

// RUN_STRIDE words a record: `>> 3` above turns a word index into a record index
if (RUN_STRIDE !== 8 || RUN_BYTES_SHIFT !== 5) throw new Error('nic/completionRuns.ts: records are 8 words');
