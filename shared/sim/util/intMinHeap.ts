// A binary min-heap of int32 values in a typed array: the "lowest free id first" structure the
// devmem genpool (first-fit slot order) and the socket token ids (lowest free id) both need.
// push/pop allocate nothing unless the array has to grow.
export class IntMinHeap {
  private heap: Int32Array;
  /** number of values held */
  size = 0;

  constructor(capacity = 16) {
    this.heap = new Int32Array(Math.max(1, capacity));
  }

  /** A heap holding 0..n-1 (ascending values already satisfy the heap order). */
  static ascending(n: number): IntMinHeap {
    const h = new IntMinHeap(n);
    for (let k = 0; k < n; k++) h.heap[k] = k;
    h.size = n;
    return h;
  }

  push(value: number): void {
    if (this.size === this.heap.length) {
      const grown = new Int32Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const h = this.heap;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p] <= value) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = value;
  }

  /** Removes and returns the smallest value; the caller checks `size > 0` first. */
  pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h[--this.size];
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r] < h[l] ? r : l;
      if (h[c] >= last) break;
      h[i] = h[c];
      i = c;
    }
    if (n > 0) h[i] = last;
    return top;
  }

  clear(): void {
    this.size = 0;
  }
}
