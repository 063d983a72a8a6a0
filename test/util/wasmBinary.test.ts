// The WebAssembly writer the engine's arrival loop is built with (shared/sim/util/wasmBinary.ts): its
// LEB128 and f64 encodings, and modules the runtime validates and runs.
import { describe, expect, it } from 'vitest';
import { compileRunModule, f64, instantiateRun, OP, sleb, T_I32, uleb, wasmMemory } from '../../shared/sim/util/wasmBinary';
import { arrivalLoop } from '../../shared/sim/engine/wasm/arrivalLoopWasm';
import { PARAM_BYTES, P_END, P_LIMIT, P_T, RUN_DONE } from '../../shared/sim/engine/wasm/arrivalParams';

describe('WebAssembly writer', () => {
  it('encodes LEB128 as the binary format does', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('encodes an f64 immediate as its 8 little-endian bytes', () => {
    expect(f64(1)).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    expect(new Float64Array(new Uint8Array(f64(Infinity)).buffer)[0]).toBe(Infinity);
  });

  it('builds a module the runtime validates and runs, over an imported memory', () => {
    const mem = wasmMemory(100);
    new Int32Array(mem.buffer)[1] = 41;
    // run() = i32.load(4) + 1
    const code = [0, OP.I32_CONST, 4, OP.I32_LOAD, 2, 0, OP.I32_CONST, 1, OP.I32_ADD, OP.END];
    const run = instantiateRun(compileRunModule(code, T_I32), mem) as () => number;
    expect(run()).toBe(42);
    expect(mem.buffer.byteLength).toBe(65536);
  });

  it('rejects a malformed body', () => {
    expect(() => compileRunModule([0, OP.I32_ADD, OP.END], T_I32)).toThrow();
  });

  it('compiles the arrival loop (with and without header split), which stops at once at its end without touching anything else', () => {
    const mem = wasmMemory(PARAM_BYTES);
    const pf = new Float64Array(mem.buffer, 0, PARAM_BYTES / 8);
    pf[P_T / 8] = 5;
    pf[P_END / 8] = 5;
    pf[P_LIMIT / 8] = 10;
    const before = new Uint8Array(mem.buffer.slice(0));
    expect(arrivalLoop(mem, false)()).toBe(RUN_DONE);
    expect(arrivalLoop(mem, true)()).toBe(RUN_DONE);
    expect(pf[P_T / 8]).toBe(5);
    // it wrote back its state (unchanged) and an IRQ count of 0: the rest of the memory is as it was
    expect(new Uint8Array(mem.buffer).subarray(PARAM_BYTES)).toEqual(before.subarray(PARAM_BYTES));
  });
});
