// Binary min-heap of timed events over typed arrays: (time ns, kind, arg). Ties are broken by
// insertion order (a sequence number), so the run is deterministic whatever the heap shape.

export class EventHeap {
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
    return this.n;
  }
  /** Time of the earliest event, +Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }
  peekKind(): number {
    return this.kind[0];
  }
  peekArg(): number {
    return this.arg[0];
  }

  push(t: number, kind: number, arg: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
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

  /** Remove the earliest event (read it with peek* first). */
  pop(): void {
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
