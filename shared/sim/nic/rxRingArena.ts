// The RX rings of one simulation in one set of typed arrays: each ring keeps a window of
// `capacity` elements at its own base (RxRing.base). The rings keep working through their RxRing
// API (their arrays become views of their windows), while the arrival loops (engine/arrivals.ts,
// engine/wasm/arrivalLoopWasm.ts) write completions straight into the shared arrays: no per-ring
// array field, map or bounds is loaded per frame.
//
// Windows are ARENA_SKEW elements apart. Capacities are powers of two, so back-to-back windows
// put the same slot of every ring 4 KiB apart or a multiple of it: one set of a 64-set L1 data
// cache. The queues advance in step (flows round-robin over them), so the slots in use at any
// moment all competed for that set's 12 ways, and each completion write and read missed
// (callgrind's cache model: 4.0 L1 misses per packet in the arrival loop, 1.2 with the skew).
import type { RxRing } from './rxRing';
import type { RxRingArrays } from './rxRingArrays';
import { wasmMemory, type WasmMemory } from '../util/wasmBinary';
import { PARAM_BYTES } from '../engine/wasm/arrivalParams';
import { RING_BYTES, RING_WORDS } from './ringWords';
import { RUN_STRIDE } from './completionRun';

/** Elements between two windows: one 64-byte line of the Int32 arrays, two of the Float64 one. */
export const ARENA_SKEW = 16;

export class RxRingArena implements RxRingArrays {
  readonly postLen: Int32Array;
  readonly hdrRef: Int32Array;
  readonly hdrOff: Int32Array;
  readonly hdrLen: Int32Array;
  readonly cqRef: Int32Array;
  readonly cqHdrRef: Int32Array;
  readonly cqHdrOff: Int32Array;
  readonly cqTime: Float64Array;
  readonly runRec: Int32Array;

  /**
   * The memory the arrival loop's WebAssembly function (engine/wasm/arrivalLoopWasm.ts) works in:
   * its parameter block at 0, the completion arrays it writes per frame (cqTime, the run records),
   * each ring's scalar words (RxRing.attachWords), then `reserveBytes` for what else it reads
   * (alloc()).
   */
  readonly memory: WasmMemory;
  private next: number;
  private readonly limit: number;

  /** Take over `rings`, their contents copied in. */
  constructor(rings: readonly RxRing[], reserveBytes = 0) {
    let total = 0;
    for (const r of rings) total += r.capacity + ARENA_SKEW;
    // the parameter block, then cqTime (8-byte aligned), then the Int32 arrays the loop reads or
    // writes (four), the run records, then the rings' words
    const cqTimeAt = (PARAM_BYTES + 7) & ~7;
    const int32At = cqTimeAt + 8 * total;
    const runAt = int32At + 4 * 4 * total;
    const wordsAt = (runAt + RUN_STRIDE * 4 * total + 7) & ~7;
    const reserveAt = wordsAt + rings.length * RING_BYTES;
    this.limit = reserveAt + reserveBytes;
    this.memory = wasmMemory(this.limit);
    this.next = reserveAt;
    const buf = this.memory.buffer;
    const i32 = (k: number): Int32Array => new Int32Array(buf, int32At + k * 4 * total, total);
    this.cqTime = new Float64Array(buf, cqTimeAt, total);
    this.hdrRef = i32(0);
    this.hdrOff = i32(1);
    this.cqHdrRef = i32(2);
    this.cqHdrOff = i32(3);
    this.runRec = new Int32Array(buf, runAt, RUN_STRIDE * total);
    // what only the rings' JavaScript reads
    this.postLen = new Int32Array(total);
    this.hdrLen = new Int32Array(total);
    this.cqRef = new Int32Array(total);
    let base = 0;
    for (let i = 0; i < rings.length; i++) {
      const r = rings[i];
      const end = base + r.capacity;
      r.attach(
        {
          postLen: this.postLen.subarray(base, end),
          hdrRef: this.hdrRef.subarray(base, end),
          hdrOff: this.hdrOff.subarray(base, end),
          hdrLen: this.hdrLen.subarray(base, end),
          cqRef: this.cqRef.subarray(base, end),
          cqHdrRef: this.cqHdrRef.subarray(base, end),
          cqHdrOff: this.cqHdrOff.subarray(base, end),
          cqTime: this.cqTime.subarray(base, end),
          runRec: this.runRec.subarray(base * RUN_STRIDE, end * RUN_STRIDE),
        },
        base,
      );
      base = end + ARENA_SKEW;
      const at = wordsAt + i * RING_BYTES;
      r.attachWords(new Int32Array(this.memory.buffer, at, RING_WORDS), new Float64Array(this.memory.buffer, at + RING_WORDS * 4, 1));
    }
  }

  /** `bytes` of the reserve (8-byte aligned), at their byte offset in the memory. */
  alloc(bytes: number): number {
    const at = this.next;
    const end = (at + bytes + 7) & ~7;
    if (end > this.limit) throw new Error(`RxRingArena: ${bytes} bytes more than the ${this.limit - at} reserved`);
    this.next = end;
    return at;
  }
}
