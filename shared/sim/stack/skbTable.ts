// skbs as rows of typed arrays: frag refs (up to MAX_SKB_FRAGS + 1 for the head buffer), bytes,
// owning NIC/queue, flow, readability, and the time the application will read it (the consumer's
// timing wheel keys on it). No object per packet.
export const MAX_SKB_FRAGS = 17; // CONFIG_MAX_SKB_FRAGS default (net/Kconfig MAX_SKB_FRAGS default)
export const SKB_SLOTS = MAX_SKB_FRAGS + 1;
/** `readable` flag bits: payload readable (not devmem); first segment of a GRO skb. */
export const SKB_READABLE = 1;
export const SKB_GRO_HEAD = 2;
/** skb->pfmemalloc: a frag of the packet that opened the skb came from the reserves. */
export const SKB_PFMEMALLOC = 4;

export class SkbTable {
  // capacity and freeTop start as small integers, not undefined, so V8 keeps them as such and
  // reads them without a type check (as in traffic/source.ts).
  capacity = 0;
  frags: Int32Array;
  nfrags: Uint8Array;
  bytes: Int32Array;
  /** packets (GRO segments) aggregated in this skb */
  segs: Int32Array;
  nic: Uint8Array;
  queue: Int32Array;
  flow: Int32Array;
  readable: Uint8Array;
  /** time the skb was queued to the socket */
  tQueued: Float64Array;
  /** time the application reads it */
  due: Float64Array;
  /** next skb in the same bucket of a consumer timing wheel (consumer/timingWheel.ts) */
  wheelNext: Int32Array;
  private freeList: Int32Array;
  private freeTop = 0;
  live = 0;

  constructor(capacity = 4096) {
    this.capacity = capacity;
    this.frags = new Int32Array(capacity * SKB_SLOTS);
    this.nfrags = new Uint8Array(capacity);
    this.bytes = new Int32Array(capacity);
    this.segs = new Int32Array(capacity);
    this.nic = new Uint8Array(capacity);
    this.queue = new Int32Array(capacity);
    this.flow = new Int32Array(capacity);
    this.readable = new Uint8Array(capacity);
    this.tQueued = new Float64Array(capacity);
    this.due = new Float64Array(capacity);
    this.wheelNext = new Int32Array(capacity);
    this.freeList = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeList[i] = capacity - 1 - i;
    this.freeTop = capacity;
  }

  alloc(): number {
    if (this.freeTop === 0) this.grow();
    this.live++;
    return this.freeList[--this.freeTop];
  }

  free(skb: number): void {
    this.nfrags[skb] = 0;
    this.live--;
    this.freeList[this.freeTop++] = skb;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    const f = new Int32Array(cap * SKB_SLOTS);
    f.set(this.frags);
    this.frags = f;
    this.nfrags = grow8(this.nfrags, cap);
    this.bytes = grow32(this.bytes, cap);
    this.segs = grow32(this.segs, cap);
    this.nic = grow8(this.nic, cap);
    this.queue = grow32(this.queue, cap);
    this.flow = grow32(this.flow, cap);
    this.readable = grow8(this.readable, cap);
    this.tQueued = grow64(this.tQueued, cap);
    this.due = grow64(this.due, cap);
    this.wheelNext = grow32(this.wheelNext, cap);
    const fl = new Int32Array(cap);
    fl.set(this.freeList.subarray(0, this.freeTop));
    let top = this.freeTop;
    for (let i = cap - 1; i >= old; i--) fl[top++] = i;
    this.freeList = fl;
    this.freeTop = top;
    this.capacity = cap;
  }
}

function grow8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
function grow32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
function grow64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
