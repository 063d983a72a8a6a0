// Timed events (time ns, kind, arg) popped in order of (time, insertion sequence): ties are broken
// by insertion order, so the run is deterministic whatever the structure's shape.
// The earliest events sit in a short sorted window: a pop is one index step and a push a short
// shift from the window's end, where a binary heap pays several unpredictable compares per level.
// Events after all of a full window's wait in a binary min-heap over typed arrays. Invariants:
// every window event comes before every heap event; the window is empty only when the heap is.

/** most events the window holds */
const WINDOW = 32;
/** window storage: its events move to the front when they reach the end */
const WINDOW_BUF = 256;

export class EventHeap {
  // window: sorted in [wHead, wHead + wN), time Infinity at wHead + wN (peekTime reads it when empty)
  private readonly wTime = new Float64Array(WINDOW_BUF + 1).fill(Infinity);
  private readonly wSeq = new Float64Array(WINDOW_BUF + 1);
  private readonly wKind = new Int32Array(WINDOW_BUF + 1);
  private readonly wArg = new Int32Array(WINDOW_BUF + 1);
  private wHead = 0;
  private wN = 0;
  // heap
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private arg: Int32Array;
  private n = 0;
  private nextSeq = 0;

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
    return this.wTime[this.wHead];
  }
  peekKind(): number {
    return this.wKind[this.wHead];
  }
  peekArg(): number {
    return this.wArg[this.wHead];
  }

  push(t: number, kind: number, arg: number): void {
    const s = this.nextSeq++;
    const wt = this.wTime;
    if (this.wN === WINDOW) {
      const last = this.wHead + WINDOW - 1;
      // (t, s) comes after the window's last event when t >= its time: s is the largest sequence
      if (t >= wt[last]) {
        this.heapPush(t, s, kind, arg);
        return;
      }
      this.heapPush(wt[last], this.wSeq[last], this.wKind[last], this.wArg[last]);
      this.wN--;
    } else if (this.n > 0 && t >= this.time[0]) {
      this.heapPush(t, s, kind, arg);
      return;
    }
    if (this.wHead + this.wN === WINDOW_BUF) this.compact();
    const ws = this.wSeq;
    const wk = this.wKind;
    const wa = this.wArg;
    const h = this.wHead;
    let j = h + this.wN;
    this.wN++;
    wt[j + 1] = Infinity;
    while (j > h) {
      const tp = wt[j - 1];
      if (tp <= t) break;
      wt[j] = tp;
      ws[j] = ws[j - 1];
      wk[j] = wk[j - 1];
      wa[j] = wa[j - 1];
      j--;
    }
    wt[j] = t;
    ws[j] = s;
    wk[j] = kind;
    wa[j] = arg;
  }

  /** Remove the earliest event (read it with peek* first). */
  pop(): void {
    this.wHead++;
    if (--this.wN > 0) return;
    this.wHead = 0;
    if (this.n === 0) {
      this.wTime[0] = Infinity;
      return;
    }
    // the window ran empty: the heap's earliest event moves into it
    this.wTime[0] = this.time[0];
    this.wSeq[0] = this.seq[0];
    this.wKind[0] = this.kind[0];
    this.wArg[0] = this.arg[0];
    this.wTime[1] = Infinity;
    this.wN = 1;
    this.heapPop();
  }

  private compact(): void {
    const h = this.wHead;
    const e = h + this.wN;
    this.wTime.copyWithin(0, h, e + 1);
    this.wSeq.copyWithin(0, h, e);
    this.wKind.copyWithin(0, h, e);
    this.wArg.copyWithin(0, h, e);
    this.wHead = 0;
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
