// One NIC RX descriptor ring, as the hardware sees it: a FIFO of buffers the driver posted
// (netmem ref, offset, length per descriptor) and a completion queue the driver polls.
// A frame completes only into posted buffers; one larger than a buffer spans several
// descriptors (SOP .. EOP). With header split on, each frame also takes one posted header
// buffer and the completion says how many header bytes went there.
// A descriptor completes in the slot it was posted in (the post FIFO's head is always the slot
// after the last completion: postHead = cqHead + completions), so one array holds the buffer of
// a slot from post to poll and the NIC writes no ref.
// What the NIC says of its completions is kept as runs of like frames (nic/completionRuns.ts):
// the driver reads the frame at the head, and the descriptors' slots hold only their buffers.
// Everything lives in typed arrays: nothing is allocated per frame. A simulation's rings share one
// set of arrays (nic/rxRingArena.ts): each ring's arrays are views of its window there, and its
// scalar state is words of the arena's memory, so the steady arrival loop (in WebAssembly:
// engine/wasm/arrivalLoopWasm.ts) writes completions and updates the ring without its object.
import type { NetmemRef } from '../netmem/netmemRef';
import type { RxRingArrays } from './rxRingArrays';
import {
  CQ_FLOW_SHIFT,
  CQ_HDR,
  CQ_SPAN,
  RUN_BUF_LEN,
  RUN_FRAMES,
  RUN_HDR_LEN,
  RUN_INFO,
  RUN_LEN,
  RM_CONSUME,
  RM_PARTIAL,
} from './completionRun';
import { RW_BASE, RW_MASK } from './ringWords';
import { CompletionRuns, ringMisuse } from './completionRuns';

export class RxRing extends CompletionRuns implements RxRingArrays {
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

  // Completion queue, indexed by slot (0..size-1): the driver reads slots cqHead .. cqHead +
  // completions; the frames' flow, size and layout are the runs' (runRec).
  /** buffer of the slot: posted there, completed there */
  cqRef: Int32Array;
  /** the header buffer a split frame took (on its SOP slot; its length is the run's RUN_HDR_LEN) */
  cqHdrRef: Int32Array;
  cqHdrOff: Int32Array;
  /**
   * arrival time of the frame (ns, on its SOP slot): the IRQ a re-armed queue raises for the
   * frame at its head counts moderation from it (engine/napi.ts). Per frame, not per run: a
   * ring's frames come from sources and a link it shares with others, so their times do not
   * follow from a run's first one.
   */
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
    this.cqHdrRef = new Int32Array(cap);
    this.cqHdrOff = new Int32Array(cap);
    this.cqTime = new Float64Array(cap);
    this.initRuns(cap);
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
    this.retarget();
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
      this.cqTime[p] = tNs;
      this.appendOne(flow << CQ_FLOW_SHIFT, frameBytes, 0);
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
    const payload = split ? frameBytes - hdrBytes : frameBytes;
    // Check capacity first: completions are all-or-nothing.
    const postCount = this.postCount;
    if (postCount === 0) return 0;
    const mask = this.mask;
    const postLen = this.postLen;
    // one length for every posted buffer: postLen was not written (postMixed)
    const all = this.postLenAll;
    const p = this.postHead;
    let room = all >= 0 ? all : postLen[p];
    let need = 1;
    while (room < payload) {
      if (need >= postCount) return 0;
      room += all >= 0 ? all : postLen[(p + need) & mask];
      need++;
    }
    // the posted buffers complete in their own slots: p runs over the completion slots too
    const first = p;
    this.cqTime[p] = tNs;
    // appended while the completions are still the ones before it (appendSpan reads their count)
    const info = (flow << CQ_FLOW_SHIFT) | (split ? CQ_HDR : 0);
    const hdrLen = split ? hdrBytes : 0;
    if (need === 1) this.appendOne(info, frameBytes, hdrLen);
    else this.appendSpan(info, frameBytes, need, all, hdrLen);
    this.postHead = (p + need) & mask;
    this.postCount = postCount - need;
    this.cqCnt += need;
    if (split) this.completeHeader(first);
    return need;
  }

  /**
   * The header of the frame completing in `slot` (its SOP descriptor) went to the next posted
   * header buffer, recorded on the SOP slot (its bytes are the run's). The caller checked a
   * header buffer is posted (postedHeaders > 0).
   */
  private completeHeader(slot: number): void {
    const h = this.hdrHead;
    this.cqHdrRef[slot] = this.hdrRef[h];
    this.cqHdrOff[slot] = this.hdrOff[h];
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
  /**
   * Bytes the NIC wrote into the data buffer of descriptor `d` (0 .. headDescs - 1) of the frame
   * at the head: its payload (the frame less what went to a header buffer) fills the buffers in
   * order.
   */
  descLen(d: number): number {
    const rec = this.runRec;
    const r = this.headRun;
    let payload = rec[r + RUN_LEN] - rec[r + RUN_HDR_LEN];
    if ((rec[r + RUN_INFO] & CQ_SPAN) === 0) return payload;
    const all = rec[r + RUN_BUF_LEN];
    for (let k = 0; ; k++) {
      const len = all >= 0 ? all : this.postLen[(this.cqHeadIdx + k) & this.mask];
      const wrote = payload < len ? payload : len;
      if (k === d) return wrote;
      payload -= wrote;
    }
  }
  /** Slot `i` descriptors after the head. */
  cqSlot(i: number): number {
    return (this.cqHeadIdx + i) & this.mask;
  }
  /** Descriptors of the frame starting at the head (SOP .. EOP); 0 when none is complete. */
  frameDescs(): number {
    // receive() completes a frame all at once: one catch-up to the poller's clock is enough
    if (this.cqCnt === 0 && this.pull !== null) this.pull();
    return this.cqCnt !== 0 ? this.headDescs : 0;
  }
  /**
   * consume() of `n` frames of one descriptor each, all of the head record (NIC-wide `flow`),
   * `bytes` in all (frame sizes are integers: one addition of their sum leaves the same room).
   */
  consumeFrames(n: number, flow: number, bytes: number): void {
    const cnt = this.cqCnt - n;
    if (cnt < 0) throw ringMisuse(RM_CONSUME, n, cnt + n);
    if (this.flowRoom !== null) this.flowRoom[flow] += bytes;
    this.takeFrames(n);
    this.cqHeadIdx = (this.cqHeadIdx + n) & this.mask;
    this.cqCnt = cnt;
  }
  /** The driver consumed `n` descriptors from the head: whole frames. */
  consume(n: number): void {
    const cnt = this.cqCnt - n;
    if (cnt < 0) throw ringMisuse(RM_CONSUME, n, cnt + n);
    const room = this.flowRoom;
    const rec = this.runRec;
    let left = n;
    while (left > 0) {
      const r = this.headRun;
      const info = rec[r + RUN_INFO];
      const descs = this.descsOf(r);
      const avail = rec[r + RUN_FRAMES];
      const want = descs === 1 ? left : (left / descs) | 0;
      const k = want < avail ? want : avail;
      if (k === 0) throw ringMisuse(RM_PARTIAL, n, descs);
      // the frames' bytes back to their flow's window: integers, so one product is the frames' sum
      if (room !== null) room[info >> CQ_FLOW_SHIFT] += k * rec[r + RUN_LEN];
      left -= k * descs;
      this.takeFrames(k);
    }
    this.cqHeadIdx = (this.cqHeadIdx + n) & this.mask;
    this.cqCnt = cnt;
  }
}
