// One NIC RX descriptor ring, as the hardware sees it: a FIFO of buffers the driver posted
// (netmem ref, offset, length per descriptor) and a completion queue the driver polls.
// A frame completes only into posted buffers; one larger than a buffer spans several
// descriptors (SOP .. EOP). With header split on, each frame also takes one posted header
// buffer and the completion says how many header bytes went there.
// A descriptor completes in the slot it was posted in (the post FIFO's head is always the slot
// after the last completion: postHead = cqHead + completions), so one array holds the buffer of
// a slot from post to poll and the NIC writes no ref.
// Everything lives in typed arrays: nothing is allocated per frame. A simulation's rings share one
// set of arrays (nic/rxRingArena.ts): each ring's arrays are views of its window there, and its
// scalar state is words of the arena's memory, so the steady arrival loop (in WebAssembly:
// engine/wasm/arrivalLoopWasm.ts) writes completions and updates the ring without its object.
import type { NetmemRef } from '../netmem/netmemRef';
import type { RxRingArrays } from './rxRingArrays';
import { CQ_EOP, CQ_FLOW_SHIFT, CQ_HDR, CQ_SOP } from './completionWord';
import { RW_BASE, RW_MASK } from './ringWords';
import { RxRingWords } from './rxRingWords';

export class RxRing extends RxRingWords implements RxRingArrays {
  // size and mask start as small integers, not undefined: read without a type check (traffic/source.ts)
  /** Descriptors in the ring: posted + completed-but-not-yet-polled never exceed it. */
  readonly size: number = 0;
  /** index mask of the ring's storage (a power of two at least `size`) */
  readonly mask: number = 0;

  // postHead, postCount, completions, the NAPI state, postLenAll, the header FIFO and the steady
  // frame count are words the arrival loop shares (nic/rxRingWords.ts)
  private cqHeadIdx = 0;
  /** first element of this ring's window in its arena's arrays (0 for its own arrays) */
  base = 0;
  /**
   * Frames and bytes the NIC completed into this ring (rxPackets, rxBytes). The steady source's
   * frames (engine/steadyLane.ts: one size, steadySize) are counted apart, their bytes a product.
   */
  rxFramesOther = 0;
  /** a double from the start (NaN, 0 in the constructor): a small integer would pass 2^31 mid-run */
  rxBytesOther = NaN;
  steadySize = 0;

  // Storage: views re-pointed once by attach() when an arena takes the ring over (before the
  // run); drivers only index them, with slots from cqHead / cqSlot().
  // Posted data buffers (FIFO, in descriptor order): refs in cqRef, lengths here while they
  // differ (postLenAll -1; while they are one length postLenAll alone says it). The offset in the
  // buffer is the driver's: the NIC writes from it, nothing here reads it.
  postLen: Int32Array;

  // Posted header buffers (header split only; GVE DQO / hns3 post a header buffer per descriptor).
  hdrRef: Int32Array;
  hdrOff: Int32Array;
  hdrLen: Int32Array;

  // Completion queue, indexed by slot (0..size-1); read by the driver between cqHead and cqHead+cqCount.
  /** buffer of the slot: posted there, completed there */
  cqRef: Int32Array;
  /**
   * bytes the NIC wrote into this descriptor's data buffer, read through dataLen(): the arrival
   * loop leaves it unwritten for a one-descriptor frame without header split (all of it is there:
   * cqFrameLen)
   */
  cqLen: Int32Array;
  /**
   * the frame's flow id and the descriptor's flags in one word, `flow << CQ_FLOW_SHIFT | CQ_*`:
   * the NIC writes one array per completion, and a driver's scan for a run of one flow's whole
   * frames reads one
   */
  cqInfo: Int32Array;
  /** frame bytes (on the SOP descriptor); header buffer of the frame (on SOP, valid only with CQ_HDR) */
  cqFrameLen: Int32Array;
  cqHdrRef: Int32Array;
  cqHdrOff: Int32Array;
  cqHdrLen: Int32Array;
  /** arrival time of the frame (ns) */
  cqTime: Float64Array;

  /**
   * Set by the engine while this queue is being polled: lets the NIC write the completions of
   * frames that arrived while the driver was busy (up to the polling core's current time), as
   * the hardware does while the driver walks its completion queue.
   */
  pull: (() => void) | null = null;

  /**
   * Set by the engine: the send window each NIC-wide flow has left (SocketBuffers.sendRoom): a
   * frame's bytes come off it when the frame lands here, and consume() gives them back as the
   * frame leaves the ring (stack/socketBuffer.ts, TCP window).
   */
  flowRoom: Float64Array | null = null;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > 1 << 20) {
      throw new RangeError(`RX ring size must be an integer from 1 to 2^20, got ${size}`);
    }
    super();
    this.size = size;
    this.rxBytesOther = 0;
    // Rings need not be powers of two (mt76: 1536; hns3: multiples of 8): storage is
    // the next power of two so indices still wrap with a mask; `size` alone limits occupancy.
    const cap = 1 << Math.ceil(Math.log2(size));
    this.mask = cap - 1;
    this.w[RW_MASK] = cap - 1;
    this.postLen = new Int32Array(cap);
    this.hdrRef = new Int32Array(cap);
    this.hdrOff = new Int32Array(cap);
    this.hdrLen = new Int32Array(cap);
    this.cqRef = new Int32Array(cap);
    this.cqLen = new Int32Array(cap);
    this.cqInfo = new Int32Array(cap);
    this.cqFrameLen = new Int32Array(cap);
    this.cqHdrRef = new Int32Array(cap);
    this.cqHdrOff = new Int32Array(cap);
    this.cqHdrLen = new Int32Array(cap);
    this.cqTime = new Float64Array(cap);
  }

  get rxPackets(): number {
    return this.rxFramesOther + this.steadyFrames;
  }

  /** integers far below 2^53: the sum and the product are exact, whatever the order of frames */
  get rxBytes(): number {
    return this.rxBytesOther + this.steadyFrames * this.steadySize;
  }

  /** Storage elements the ring needs in an arena (its power-of-two capacity). */
  get capacity(): number {
    return this.mask + 1;
  }

  /**
   * Move this ring into an arena: copy its contents into `views` (its window, starting at `base`
   * of the arena's arrays), then use them from now on.
   */
  attach(views: RxRingArrays, base: number): void {
    const keys = Object.keys(views) as (keyof RxRingArrays)[];
    for (const k of keys) views[k].set(this[k]);
    this.base = base;
    this.w[RW_BASE] = base;
    Object.assign(this, views);
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
  post(ref: NetmemRef, _offset: number, len: number): boolean {
    const count = this.postCount;
    if (count + this.cqCnt >= this.size) return false;
    const i = (this.postHead + count) & this.mask;
    this.cqRef[i] = ref;
    if (count === 0 || this.postLenAll === len) this.postLenAll = len;
    else this.postMixed(count, 1, len);
    this.postCount = count + 1;
    return true;
  }

  /** Slot the next posted data buffer takes (its ref goes to cqRef there). */
  get postSlot(): number {
    return (this.postHead + this.postCount) & this.mask;
  }

  /**
   * post() of `n` data buffers of `len` bytes each whose refs the caller already wrote to cqRef,
   * from postSlot on (a block refill); the same state as n post() calls. Throws when they do not fit.
   */
  postRun(n: number, len: number): void {
    const count = this.postCount;
    if (count + this.cqCnt + n > this.size) throw new RangeError(`postRun(${n}) with ${this.size - count - this.cqCnt} free descriptors`);
    if (count === 0 || this.postLenAll === len) this.postLenAll = len;
    else this.postMixed(count, n, len);
    this.postCount = count + n;
  }

  /**
   * `n` buffers of `len` bytes join `count` posted ones of another length (or of mixed lengths):
   * postLen now holds every posted buffer's length (the shared one written out first).
   */
  private postMixed(count: number, n: number, len: number): void {
    const postLen = this.postLen;
    const mask = this.mask;
    const head = this.postHead;
    const all = this.postLenAll;
    if (all >= 0) for (let k = 0; k < count; k++) postLen[(head + k) & mask] = all;
    for (let k = 0; k < n; k++) postLen[(head + count + k) & mask] = len;
    this.postLenAll = -1;
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
    // the head stays: it is the slot the next completion takes
    const head = this.postHead;
    const count = this.postCount;
    for (let i = 0; i < count; i++) out[n++] = this.cqRef[(head + i) & this.mask];
    this.postCount = 0;
    while (this.hdrCount > 0) {
      out[n++] = this.hdrRef[this.hdrHead];
      this.hdrHead = (this.hdrHead + 1) & this.mask;
      this.hdrCount--;
    }
    return n;
  }

  /** Ref of the i-th posted data buffer from the head (for inspection and accounting). */
  postedRef(i: number): NetmemRef {
    return this.cqRef[(this.postHead + i) & this.mask];
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
    // every posted buffer holds the frame, one descriptor (SOP and EOP) in the head's slot
    const count = this.postCount;
    if (hdrBytes === 0 && count !== 0 && this.postLenAll >= frameBytes) {
      const p = this.postHead;
      this.cqLen[p] = frameBytes;
      this.cqInfo[p] = (flow << CQ_FLOW_SHIFT) | CQ_SOP | CQ_EOP;
      this.cqTime[p] = tNs;
      this.cqFrameLen[p] = frameBytes;
      this.postHead = (p + 1) & this.mask;
      this.postCount = count - 1;
      this.cqCnt++;
      return 1;
    }
    return this.receiveSpan(frameBytes, hdrBytes, flow, tNs);
  }

  /** receive() of a frame that spans descriptors, splits its header, or finds no room. */
  private receiveSpan(frameBytes: number, hdrBytes: number, flow: number, tNs: number): number {
    const split = hdrBytes > 0 && hdrBytes < frameBytes;
    if (split && this.hdrCount === 0) return 0;
    let payload = split ? frameBytes - hdrBytes : frameBytes;
    // Check capacity first: completions are all-or-nothing.
    const postCount = this.postCount;
    if (postCount === 0) return 0;
    const mask = this.mask;
    const postLen = this.postLen;
    // one length for every posted buffer: postLen was not written (postMixed)
    const all = this.postLenAll;
    let p = this.postHead;
    let room = all >= 0 ? all : postLen[p];
    let need = 1;
    while (room < payload) {
      if (need >= postCount) return 0;
      room += all >= 0 ? all : postLen[(p + need) & mask];
      need++;
    }
    const cqLen = this.cqLen;
    const cqInfo = this.cqInfo;
    const flowBits = flow << CQ_FLOW_SHIFT;
    const cqTime = this.cqTime;
    const cqFrameLen = this.cqFrameLen;
    const cqCnt = this.cqCnt;
    // the posted buffers complete in their own slots: p runs over the completion slots too
    const first = p;
    const last = need - 1;
    for (let d = 0; d < need; d++) {
      const len = all >= 0 ? all : postLen[p];
      const wrote = payload < len ? payload : len;
      payload -= wrote;
      cqLen[p] = wrote;
      cqInfo[p] = flowBits | (d === 0 ? CQ_SOP : 0) | (d === last ? CQ_EOP : 0);
      cqTime[p] = tNs;
      cqFrameLen[p] = frameBytes;
      p = (p + 1) & mask;
    }
    this.postHead = p;
    this.postCount = postCount - need;
    this.cqCnt = cqCnt + need;
    if (split) this.completeHeader(first, hdrBytes);
    return need;
  }

  /**
   * The header of the frame completing in `slot` (its SOP descriptor) went to the next posted
   * header buffer: `hdrBytes` of it, recorded on the SOP slot with CQ_HDR. The caller checked a
   * header buffer is posted (postedHeaders > 0).
   */
  completeHeader(slot: number, hdrBytes: number): void {
    const h = this.hdrHead;
    this.cqHdrRef[slot] = this.hdrRef[h];
    this.cqHdrOff[slot] = this.hdrOff[h];
    this.cqHdrLen[slot] = hdrBytes;
    this.cqInfo[slot] |= CQ_HDR;
    this.hdrHead = (h + 1) & this.mask;
    this.hdrCount--;
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
  /** Bytes the NIC wrote into the data buffer of completion slot `s`. */
  dataLen(s: number): number {
    return (this.cqInfo[s] & (CQ_SOP | CQ_EOP | CQ_HDR)) === (CQ_SOP | CQ_EOP) ? this.cqFrameLen[s] : this.cqLen[s];
  }
  /** NIC-wide flow id of the frame completed in slot `s`. */
  flowOf(s: number): number {
    return this.cqInfo[s] >> CQ_FLOW_SHIFT;
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
    const head = this.cqHeadIdx;
    const cnt = this.cqCnt;
    for (let i = 0; i < cnt; i++) {
      if (this.cqInfo[(head + i) & this.mask] & CQ_EOP) return i + 1;
    }
    return 0;
  }
  /**
   * consume() of `n` frames of one descriptor each, all of NIC-wide `flow`, `bytes` in all (frame
   * sizes are integers: one addition of their sum leaves the same room).
   */
  consumeFrames(n: number, flow: number, bytes: number): void {
    const cnt = this.cqCnt;
    if (n > cnt) throw new RangeError(`consume(${n}) with ${cnt} completions`);
    if (this.flowRoom !== null) this.flowRoom[flow] += bytes;
    this.cqHeadIdx = (this.cqHeadIdx + n) & this.mask;
    this.cqCnt = cnt - n;
  }
  /** The driver consumed `n` descriptors from the head. */
  consume(n: number): void {
    const cnt = this.cqCnt;
    if (n > cnt) throw new RangeError(`consume(${n}) with ${cnt} completions`);
    const room = this.flowRoom;
    const mask = this.mask;
    const head = this.cqHeadIdx;
    if (room !== null) {
      const info = this.cqInfo;
      for (let i = 0, s = head; i < n; i++, s = (s + 1) & mask) {
        const w = info[s];
        if ((w & CQ_SOP) !== 0) room[w >> CQ_FLOW_SHIFT] += this.cqFrameLen[s];
      }
    }
    this.cqHeadIdx = (head + n) & mask;
    this.cqCnt = cnt - n;
  }
}
