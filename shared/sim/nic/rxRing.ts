// One NIC RX descriptor ring, as the hardware sees it: a FIFO of buffers the driver posted
// (netmem ref, offset, length per descriptor) and a completion queue the driver polls.
// A frame completes only into posted buffers; one larger than a buffer spans several
// descriptors (SOP .. EOP). With header split on, each frame also takes one posted header
// buffer and the completion says how many header bytes went there.
// Everything lives in typed arrays: nothing is allocated per frame.
import type { NetmemRef } from '../netmem/netmemRef';

/** Completion flags (per descriptor). */
export const CQ_SOP = 1;
export const CQ_EOP = 2;
/** Header bytes of this frame were written to the header buffer (header split). */
export const CQ_HDR = 4;

export class RxRing {
  /** Descriptors in the ring: posted + completed-but-not-yet-polled never exceed it. */
  readonly size: number;
  /** index mask of the ring's storage (a power of two at least `size`) */
  readonly mask: number;

  // Posted data buffers (FIFO, in descriptor order).
  private readonly postRef: Int32Array;
  private readonly postOff: Int32Array;
  private readonly postLen: Int32Array;
  private postHead = 0;
  private postCount = 0;

  // Posted header buffers (header split only; GVE DQO / hns3 post a header buffer per descriptor).
  private readonly hdrRef: Int32Array;
  private readonly hdrOff: Int32Array;
  private readonly hdrLen: Int32Array;
  private hdrHead = 0;
  private hdrCount = 0;

  // Completion queue, indexed by slot (0..size-1); read by the driver between cqHead and cqHead+cqCount.
  readonly cqRef: Int32Array;
  /** bytes the NIC wrote into this descriptor's data buffer */
  readonly cqLen: Int32Array;
  readonly cqFlags: Uint8Array;
  /** frame bytes (on the SOP descriptor); header buffer of the frame (on SOP, valid only with CQ_HDR) */
  readonly cqFrameLen: Int32Array;
  readonly cqHdrRef: Int32Array;
  readonly cqHdrOff: Int32Array;
  readonly cqHdrLen: Int32Array;
  readonly cqFlow: Int32Array;
  /** arrival time of the frame (ns) */
  readonly cqTime: Float64Array;
  private cqHeadIdx = 0;
  private cqCnt = 0;

  /**
   * Set by the engine while this queue is being polled: lets the NIC write the completions of
   * frames that arrived while the driver was busy (up to the polling core's current time), as
   * the hardware does while the driver walks its completion queue.
   */
  pull: (() => void) | null = null;

  /**
   * Set by the engine: frame bytes per NIC-wide flow in the rings (the engine adds a frame's
   * bytes when it lands here); consume() takes them off (stack/socketBuffer.ts, TCP window).
   */
  flowBytes: Float64Array | null = null;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > 1 << 20) {
      throw new RangeError(`RX ring size must be an integer from 1 to 2^20, got ${size}`);
    }
    this.size = size;
    // Rings need not be powers of two (mt76: 1536; hns3: multiples of 8): storage is
    // the next power of two so indices still wrap with a mask; `size` alone limits occupancy.
    const cap = 1 << Math.ceil(Math.log2(size));
    this.mask = cap - 1;
    this.postRef = new Int32Array(cap);
    this.postOff = new Int32Array(cap);
    this.postLen = new Int32Array(cap);
    this.hdrRef = new Int32Array(cap);
    this.hdrOff = new Int32Array(cap);
    this.hdrLen = new Int32Array(cap);
    this.cqRef = new Int32Array(cap);
    this.cqLen = new Int32Array(cap);
    this.cqFlags = new Uint8Array(cap);
    this.cqFrameLen = new Int32Array(cap);
    this.cqHdrRef = new Int32Array(cap);
    this.cqHdrOff = new Int32Array(cap);
    this.cqHdrLen = new Int32Array(cap);
    this.cqFlow = new Int32Array(cap);
    this.cqTime = new Float64Array(cap);
  }

  // ---- driver side: posting ----

  /** Data buffers posted and not yet written by the NIC. */
  get posted(): number {
    return this.postCount;
  }
  /** Header buffers posted (header split). */
  get postedHeaders(): number {
    return this.hdrCount;
  }
  /** Descriptors the driver may still post (ring minus posted minus unpolled completions). */
  get freeDescs(): number {
    return this.size - this.postCount - this.cqCnt;
  }

  /** Post one data buffer; false when every descriptor is in use. */
  post(ref: NetmemRef, offset: number, len: number): boolean {
    if (this.postCount + this.cqCnt >= this.size) return false;
    const i = (this.postHead + this.postCount) & this.mask;
    this.postRef[i] = ref;
    this.postOff[i] = offset;
    this.postLen[i] = len;
    this.postCount++;
    return true;
  }

  /** Post one header buffer (header split); at most `size` may be outstanding. */
  postHeader(ref: NetmemRef, offset: number, len: number): boolean {
    if (this.hdrCount >= this.size) return false;
    const i = (this.hdrHead + this.hdrCount) & this.mask;
    this.hdrRef[i] = ref;
    this.hdrOff[i] = offset;
    this.hdrLen[i] = len;
    this.hdrCount++;
    return true;
  }

  /**
   * Take every posted buffer back (queue stop). Writes refs into `out` (data, then headers),
   * returns how many. `out` must hold 2 × size entries.
   */
  takeAllPosted(out: Int32Array): number {
    let n = 0;
    while (this.postCount > 0) {
      out[n++] = this.postRef[this.postHead];
      this.postHead = (this.postHead + 1) & this.mask;
      this.postCount--;
    }
    while (this.hdrCount > 0) {
      out[n++] = this.hdrRef[this.hdrHead];
      this.hdrHead = (this.hdrHead + 1) & this.mask;
      this.hdrCount--;
    }
    return n;
  }

  /** Ref of the i-th posted data buffer from the head (for inspection and accounting). */
  postedRef(i: number): NetmemRef {
    return this.postRef[(this.postHead + i) & this.mask];
  }
  postedHeaderRef(i: number): NetmemRef {
    return this.hdrRef[(this.hdrHead + i) & this.mask];
  }

  // ---- NIC side: a frame arrives ----

  /**
   * DMA one frame into posted buffers. Returns the number of descriptors it used, or 0 when
   * the posted buffers (or the header buffer, with header split) cannot hold it: the NIC drops
   * the frame (rx_missed) and no buffer is consumed.
   * `hdrBytes` > 0 asks for header split: that many bytes go to a header buffer, the rest to data.
   */
  receive(frameBytes: number, hdrBytes: number, flow: number, tNs: number): number {
    // the common case first, small enough to be inlined where frames arrive: no header split,
    // the whole frame in the head buffer, one descriptor (SOP and EOP)
    if (hdrBytes === 0 && this.postCount !== 0) {
      const p = this.postHead;
      if (this.postLen[p] >= frameBytes) {
        const slot = (this.cqHeadIdx + this.cqCnt) & this.mask;
        this.cqRef[slot] = this.postRef[p];
        this.cqLen[slot] = frameBytes;
        this.cqFlags[slot] = CQ_SOP | CQ_EOP;
        this.cqFlow[slot] = flow;
        this.cqTime[slot] = tNs;
        this.cqFrameLen[slot] = frameBytes;
        this.postHead = (p + 1) & this.mask;
        this.postCount--;
        this.cqCnt++;
        return 1;
      }
    }
    return this.receiveSpan(frameBytes, hdrBytes, flow, tNs);
  }

  /** receive() of a frame that spans descriptors or splits its header (or finds no room). */
  private receiveSpan(frameBytes: number, hdrBytes: number, flow: number, tNs: number): number {
    const split = hdrBytes > 0 && hdrBytes < frameBytes;
    if (split && this.hdrCount === 0) return 0;
    let payload = split ? frameBytes - hdrBytes : frameBytes;
    // Check capacity first: completions are all-or-nothing. Arrays and indices are read into
    // locals once: this runs once per simulated frame.
    const postCount = this.postCount;
    if (postCount === 0) return 0;
    const mask = this.mask;
    const postLen = this.postLen;
    let p = this.postHead;
    let room = postLen[p];
    if (!split && room >= payload) {
      // the whole frame in the head buffer (the common case): one descriptor, SOP and EOP
      const slot = (this.cqHeadIdx + this.cqCnt) & mask;
      this.cqRef[slot] = this.postRef[p];
      this.cqLen[slot] = payload;
      this.cqFlags[slot] = CQ_SOP | CQ_EOP;
      this.cqFlow[slot] = flow;
      this.cqTime[slot] = tNs;
      this.cqFrameLen[slot] = frameBytes;
      this.postHead = (p + 1) & mask;
      this.postCount = postCount - 1;
      this.cqCnt++;
      return 1;
    }
    let need = 1;
    while (room < payload) {
      if (need >= postCount) return 0;
      room += postLen[(p + need) & mask];
      need++;
    }
    const postRef = this.postRef;
    const cqRef = this.cqRef;
    const cqLen = this.cqLen;
    const cqFlags = this.cqFlags;
    const cqFlow = this.cqFlow;
    const cqTime = this.cqTime;
    const cqFrameLen = this.cqFrameLen;
    const first = (this.cqHeadIdx + this.cqCnt) & mask;
    let slot = first;
    const last = need - 1;
    for (let d = 0; d < need; d++) {
      const len = postLen[p];
      const wrote = payload < len ? payload : len;
      payload -= wrote;
      cqRef[slot] = postRef[p];
      cqLen[slot] = wrote;
      cqFlags[slot] = (d === 0 ? CQ_SOP : 0) | (d === last ? CQ_EOP : 0);
      cqFlow[slot] = flow;
      cqTime[slot] = tNs;
      cqFrameLen[slot] = frameBytes;
      p = (p + 1) & mask;
      slot = (slot + 1) & mask;
    }
    this.postHead = p;
    this.postCount = postCount - need;
    this.cqCnt += need;
    if (split) {
      const h = this.hdrHead;
      this.cqHdrRef[first] = this.hdrRef[h];
      this.cqHdrOff[first] = this.hdrOff[h];
      this.cqHdrLen[first] = hdrBytes;
      cqFlags[first] |= CQ_HDR;
      this.hdrHead = (h + 1) & mask;
      this.hdrCount--;
    }
    return need;
  }

  // ---- driver side: polling completions ----

  /** Descriptors completed and not yet consumed by the driver. */
  get completions(): number {
    return this.cqCnt;
  }
  /** Slot of the oldest completion (valid while completions > 0). */
  get cqHead(): number {
    return this.cqHeadIdx;
  }
  /** Slot `i` descriptors after the head. */
  cqSlot(i: number): number {
    return (this.cqHeadIdx + i) & this.mask;
  }
  /** Descriptors of the frame starting at the head (SOP .. EOP); 0 when none is complete. */
  frameDescs(): number {
    const n = this.headFrameDescs();
    if (n !== 0 || this.pull === null) return n;
    // receive() completes a frame all at once: one catch-up to the poller's clock is enough
    this.pull();
    return this.headFrameDescs();
  }
  private headFrameDescs(): number {
    for (let i = 0; i < this.cqCnt; i++) {
      if (this.cqFlags[(this.cqHeadIdx + i) & this.mask] & CQ_EOP) return i + 1;
    }
    return 0;
  }
  /**
   * consume() of `n` frames of one descriptor each, all of NIC-wide `flow`, `bytes` in all (frame
   * sizes are integers: one subtraction of their sum leaves the same flow total).
   */
  consumeFrames(n: number, flow: number, bytes: number): void {
    if (n > this.cqCnt) throw new RangeError(`consume(${n}) with ${this.cqCnt} completions`);
    if (this.flowBytes !== null) this.flowBytes[flow] -= bytes;
    this.cqHeadIdx = (this.cqHeadIdx + n) & this.mask;
    this.cqCnt -= n;
  }
  /** The driver consumed `n` descriptors from the head. */
  consume(n: number): void {
    if (n > this.cqCnt) throw new RangeError(`consume(${n}) with ${this.cqCnt} completions`);
    const fb = this.flowBytes;
    if (n === 1) {
      // one descriptor (every frame of a page-per-frame driver): no walk
      const s = this.cqHeadIdx;
      if (fb !== null && (this.cqFlags[s] & CQ_SOP) !== 0) fb[this.cqFlow[s]] -= this.cqFrameLen[s];
      this.cqHeadIdx = (s + 1) & this.mask;
      this.cqCnt--;
      return;
    }
    if (fb !== null) {
      const mask = this.mask;
      const flags = this.cqFlags;
      for (let i = 0, s = this.cqHeadIdx; i < n; i++, s = (s + 1) & mask) {
        if ((flags[s] & CQ_SOP) !== 0) fb[this.cqFlow[s]] -= this.cqFrameLen[s];
      }
    }
    this.cqHeadIdx = (this.cqHeadIdx + n) & this.mask;
    this.cqCnt -= n;
  }
}
