// The scalar state of an RX ring (nic/rxRing.ts) as words of the arena's memory (nic/ringWords.ts),
// which the arrival loop in WebAssembly (engine/wasm/arrivalLoopWasm.ts) reads and writes without
// the ring's object: the ring's own arrays until an arena takes it over (attachWords).
import { RING_WORDS, RW_CQ_CNT, RW_HDR_COUNT, RW_HDR_HEAD, RW_NAPI_STATE, RW_POST_COUNT, RW_POST_HEAD, RW_POST_LEN_ALL } from './ringWords';

export class RxRingWords {
  protected w: Int32Array = new Int32Array(RING_WORDS);
  private fw: Float64Array = new Float64Array(1);

  constructor() {
    this.w[RW_NAPI_STATE] = 3; // Q_STOPPED (engine/eventKinds.ts) until the queue starts
  }

  /** head of the post FIFO: the slot the next frame completes in */
  get postHead(): number {
    return this.w[RW_POST_HEAD];
  }
  set postHead(v: number) {
    this.w[RW_POST_HEAD] = v;
  }
  /** data buffers posted and not yet written by the NIC */
  get postCount(): number {
    return this.w[RW_POST_COUNT];
  }
  set postCount(v: number) {
    this.w[RW_POST_COUNT] = v;
  }
  /** descriptors completed and not yet consumed by the driver */
  get cqCnt(): number {
    return this.w[RW_CQ_CNT];
  }
  set cqCnt(v: number) {
    this.w[RW_CQ_CNT] = v;
  }
  /** the queue's NAPI state (engine/eventKinds.ts Q_*) */
  get napiState(): number {
    return this.w[RW_NAPI_STATE];
  }
  set napiState(v: number) {
    this.w[RW_NAPI_STATE] = v;
  }
  /** the length every posted data buffer has, or -1 when they differ (the NIC's fast check) */
  get postLenAll(): number {
    return this.w[RW_POST_LEN_ALL];
  }
  set postLenAll(v: number) {
    this.w[RW_POST_LEN_ALL] = v;
  }
  /** frames of the steady source the NIC completed here (engine/steadyLane.ts; a double) */
  get steadyFrames(): number {
    return this.fw[0];
  }
  set steadyFrames(v: number) {
    this.fw[0] = v;
  }
  /** the header buffers' FIFO (header split): its head and its count */
  protected get hdrHead(): number {
    return this.w[RW_HDR_HEAD];
  }
  protected set hdrHead(v: number) {
    this.w[RW_HDR_HEAD] = v;
  }
  protected get hdrCount(): number {
    return this.w[RW_HDR_COUNT];
  }
  protected set hdrCount(v: number) {
    this.w[RW_HDR_COUNT] = v;
  }

  /** Byte offset of the words in their buffer (the arena's memory once attached). */
  get wordsOffset(): number {
    return this.w.byteOffset;
  }

  /** Move the state into `w` (RING_WORDS words) and `fw` (one double) of an arena's memory. */
  attachWords(w: Int32Array, fw: Float64Array): void {
    w.set(this.w);
    fw.set(this.fw);
    this.w = w;
    this.fw = fw;
  }
}
