// A set of non-negative int32 values that hands out its lowest value first: the "lowest free id"
// structure the devmem genpool (first-fit slot order) and the socket token ids (xa_alloc with
// XA_FLAGS_ALLOC1: lowest free index) both need. Two levels of bitmaps, as the xarray's own
// free marks: one bit per value, and one bit per 32-value word that has any set, so finding the
// lowest value reads a summary word and a value word instead of sifting a heap (log2 n steps, each
// a dependent load). add/takeLowest allocate nothing unless the bitmaps grow (doubling).

/** Index of the lowest set bit of a non-zero int32. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

// Errors built by calls, not in place (why: netmem/descTable.ts, above tooFewHeld).
function notAnId(value: number): RangeError {
  return new RangeError(`LowestFirstSet: ${value} is not a non-negative int32`);
}
function addedTwice(value: number): Error {
  return new Error(`LowestFirstSet: ${value} added twice`);
}

export class LowestFirstSet {
  /** bit (v & 31) of words[v >>> 5]: v is in the set */
  private words: Int32Array;
  /** bit (w & 31) of summary[w >>> 5]: words[w] is not 0 */
  private summary: Int32Array;
  /** every summary word before this one is 0 */
  private lowSummary = 0;
  /** number of values held */
  size = 0;

  constructor(capacity = 1024) {
    const words = Math.max(32, Math.ceil(capacity / 32));
    this.words = new Int32Array(words);
    this.summary = new Int32Array(Math.ceil(words / 32));
  }

  /** A set holding 0..n-1. */
  static ascending(n: number): LowestFirstSet {
    const s = new LowestFirstSet(n);
    const full = n >>> 5;
    s.words.fill(-1, 0, full);
    if ((n & 31) !== 0) s.words[full] = (1 << (n & 31)) - 1;
    const used = full + ((n & 31) !== 0 ? 1 : 0);
    s.summary.fill(-1, 0, used >>> 5);
    if ((used & 31) !== 0) s.summary[used >>> 5] = (1 << (used & 31)) - 1;
    s.size = n;
    return s;
  }

  has(value: number): boolean {
    const w = value >>> 5;
    return w < this.words.length && (this.words[w] & (1 << (value & 31))) !== 0;
  }

  /** Add `value` (0 … 2^31 - 1); a value already held is a caller bug and throws. */
  add(value: number): void {
    if ((value | 0) !== value || value < 0) throw notAnId(value);
    const w = value >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    const bit = 1 << (value & 31);
    const old = this.words[w];
    if ((old & bit) !== 0) throw addedTwice(value);
    this.words[w] = old | bit;
    if (old === 0) {
      const s = w >>> 5;
      this.summary[s] |= 1 << (w & 31);
      if (s < this.lowSummary) this.lowSummary = s;
    }
    this.size++;
  }

  /** Remove and return the lowest value; the caller checks `size > 0` first. */
  takeLowest(): number {
    const summary = this.summary;
    let s = this.lowSummary;
    while (summary[s] === 0) s++;
    this.lowSummary = s;
    const sw = summary[s];
    const w = (s << 5) | lowestBit(sw);
    const word = this.words[w];
    const bit = lowestBit(word);
    const rest = word & (word - 1);
    this.words[w] = rest;
    if (rest === 0) summary[s] = sw & (sw - 1);
    this.size--;
    return (w << 5) | bit;
  }

  clear(): void {
    this.words.fill(0);
    this.summary.fill(0);
    this.lowSummary = 0;
    this.size = 0;
  }

  private grow(minWords: number): void {
    let n = this.words.length;
    while (n < minWords) n *= 2;
    const words = new Int32Array(n);
    words.set(this.words);
    this.words = words;
    const summary = new Int32Array(Math.ceil(n / 32));
    summary.set(this.summary);
    this.summary = summary;
  }
}
