// Growable FIFO of int32 values in a typed array (power-of-two ring).

export class IntFifo {
  private buf: Int32Array;
  private mask: number;
  private head = 0;
  private n = 0;

  constructor(capacity = 64) {
    let cap = 1;
    while (cap < capacity) cap <<= 1;
    this.buf = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[(this.head + this.n) & this.mask] = v;
    this.n++;
  }

  peek(): number {
    return this.buf[this.head];
  }
  /** i-th value from the head. */
  at(i: number): number {
    return this.buf[(this.head + i) & this.mask];
  }

  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & this.mask;
    this.n--;
    return v;
  }

  clear(): void {
    this.head = 0;
    this.n = 0;
  }

  private grow(): void {
    const cap = this.buf.length * 2;
    const b = new Int32Array(cap);
    for (let i = 0; i < this.n; i++) b[i] = this.buf[(this.head + i) & this.mask];
    this.buf = b;
    this.mask = cap - 1;
    this.head = 0;
  }
}
