// Timed events (time ns, kind, arg) popped in order of (time, insertion sequence): ties are broken
// by insertion order, so the run is deterministic whatever the structure's shape.
// The earliest events sit in a short sorted window (a ring): a pop is one index step and a push a
// short shift from the window's end, where a binary heap pays several unpredictable compares per level.
// Events after all of a full window's wait in a binary min-heap over typed arrays. Invariants:
// every window event comes before every heap event; the window is empty only when the heap is.
// The window keeps no sequence numbers: a push joins it from the end behind equal times, so its
// order is the insertion order already. The heap orders equal times by a key that stands for the
// sequence: for an event pushed into the heap, a count of heap pushes (larger than any key before
// it; a push into the window takes none, its order needs none), and for an event the window hands
// over, a key below every key given so far (it comes before everything in the heap).

/** most events the window holds */
const WINDOW = 32;
/**
 * Window storage: a ring of RING slots (a power of two above WINDOW), so the window stays on the
 * same few cache lines however long the run. A slot is two doubles in one array, the time and the
 * kind and arg packed as kind × 2^32 + arg: a peek and its pop touch one cache line and one array
 * base, and a push shifts two doubles per slot it passes.
 */
const RING = 64;
const MASK = RING - 1;
/** doubles per window slot */
const SLOT = 2;
/** offsets in the window's array wrap with this mask */
const DMASK = SLOT * RING - 1;
/** kind × KIND_UNIT + arg: exact in a double (kind < 2^21), and `| 0` reads the arg back (arg < 2^31) */
const KIND_UNIT = 4294967296;

export class EventHeap {
  // window: sorted in ring slots wHead .. wHead + wN - 1 (mod RING), slot i at w[2i], w[2i + 1] =
  // time, kind × KIND_UNIT + arg. When the window is empty the time at wHead is Infinity (peekTime reads it).
  private readonly w = new Float64Array(SLOT * RING).fill(Infinity);
  private wHead = 0;
  private wN = 0;
  // heap
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private arg: Int32Array;
  private n = 0;
  private nextSeq = 0;
  /** the heap key of the next event the window hands over: below every key given so far */
  private handedSeq = -1;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
  }

  get size(): number {
    return this.wN + this.n;
  }
  /** Time of the earliest event, +Infinity when empty. */
  peekTime(): number {
    return this.w[SLOT * this.wHead];
  }
  peekKind(): number {
    return (this.w[SLOT * this.wHead + 1] / KIND_UNIT) | 0;
  }
  peekArg(): number {
    // ToInt32 keeps the low 32 bits: the arg
    return this.w[SLOT * this.wHead + 1] | 0;
  }

  /** `kind`: a small non-negative integer; `arg`: a non-negative int32. */
  push(t: number, kind: number, arg: number): void {
    const w = this.w;
    const h = this.wHead;
    let n = this.wN;
    if (n === WINDOW) {
      const last = SLOT * ((h + WINDOW - 1) & MASK);
      // the event comes after the window's last when t >= its time: its key is the largest given
      if (t >= w[last]) {
        this.heapPush(t, this.nextSeq++, kind, arg);
        return;
      }
      // the window's last event moves to the heap, ahead of everything there
      const packed = w[last + 1];
      this.heapPush(w[last], this.handedSeq--, (packed / KIND_UNIT) | 0, packed | 0);
      n--;
    } else if (this.n > 0 && t >= this.time[0]) {
      this.heapPush(t, this.nextSeq++, kind, arg);
      return;
    }
    this.wN = n + 1;
    // insertion from the end: equal times stay in insertion order (o: offset of the free slot)
    const stop = SLOT * h;
    let o = SLOT * ((h + n) & MASK);
    while (o !== stop) {
      const q = (o - SLOT) & DMASK;
      const tp = w[q];
      if (tp <= t) break;
      w[o] = tp;
      w[o + 1] = w[q + 1];
      o = q;
    }
    w[o] = t;
    w[o + 1] = kind * KIND_UNIT + arg;
  }

  /** Remove the earliest event (read it with peek* first). */
  pop(): void {
    const h = (this.wHead + 1) & MASK;
    this.wHead = h;
    if (--this.wN === 0) this.refillWindow(h);
  }

  /**
   * The window ran empty: the heap's earliest event moves into it (at ring slot h), if any. Out
   * of pop, which callers inline: the window seldom runs empty.
   */
  private refillWindow(h: number): void {
    const w = this.w;
    if (this.n === 0) {
      w[SLOT * h] = Infinity;
      return;
    }
    const o = SLOT * h;
    w[o] = this.time[0];
    w[o + 1] = this.kind[0] * KIND_UNIT + this.arg[0];
    this.wN = 1;
    this.heapPop();
  }

  private heapPush(t: number, s: number, kind: number, arg: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.time[p] < t || (this.time[p] === t && this.seq[p] < s)) break;
      this.time[i] = this.time[p];
      this.seq[i] = this.seq[p];
      this.kind[i] = this.kind[p];
      this.arg[i] = this.arg[p];
      i = p;
    }
    this.time[i] = t;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.arg[i] = arg;
  }

  private heapPop(): void {
    const last = --this.n;
    if (last === 0) return;
    const t = this.time[last];
    const s = this.seq[last];
    const k = this.kind[last];
    const a = this.arg[last];
    let i = 0;
    const n = last;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (this.time[r] < this.time[c] || (this.time[r] === this.time[c] && this.seq[r] < this.seq[c]))) c = r;
      if (t < this.time[c] || (t === this.time[c] && s < this.seq[c])) break;
      this.time[i] = this.time[c];
      this.seq[i] = this.seq[c];
      this.kind[i] = this.kind[c];
      this.arg[i] = this.arg[c];
      i = c;
    }
    this.time[i] = t;
    this.seq[i] = s;
    this.kind[i] = k;
    this.arg[i] = a;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(cap);
    s.set(this.seq);
    this.seq = s;
    const k = new Int32Array(cap);
    k.set(this.kind);
    this.kind = k;
    const a = new Int32Array(cap);
    a.set(this.arg);
    this.arg = a;
  }
}
