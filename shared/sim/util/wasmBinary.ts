// A minimal writer of WebAssembly binaries (the format's spec: binary encoding of modules) for the
// engine's loops in WebAssembly: no toolchain and no binary file in the repository, the bytes are
// built at first use. A module has one function, `run`, over one imported memory (env.mem).

/** The opcodes the loops use. */
export const OP = {
  BLOCK: 0x02,
  LOOP: 0x03,
  IF: 0x04,
  ELSE: 0x05,
  END: 0x0b,
  BR: 0x0c,
  BR_IF: 0x0d,
  RETURN: 0x0f,
  SELECT: 0x1b,
  LGET: 0x20,
  LSET: 0x21,
  LTEE: 0x22,
  I32_LOAD: 0x28,
  F64_LOAD: 0x2b,
  I32_STORE: 0x36,
  F64_STORE: 0x39,
  I32_CONST: 0x41,
  F64_CONST: 0x44,
  I32_EQZ: 0x45,
  I32_EQ: 0x46,
  I32_LT_S: 0x48,
  I32_GT_S: 0x4a,
  F64_LT: 0x63,
  F64_GT: 0x64,
  F64_LE: 0x65,
  F64_GE: 0x66,
  I32_ADD: 0x6a,
  I32_SUB: 0x6b,
  I32_AND: 0x71,
  I32_OR: 0x72,
  I32_SHL: 0x74,
  F64_CEIL: 0x9b,
  F64_ADD: 0xa0,
  F64_SUB: 0xa1,
  F64_CONVERT_I32_S: 0xb7,
  /** the empty block type */
  VOID: 0x40,
} as const;
export const T_I32 = 0x7f;
export const T_F64 = 0x7c;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** An f64.const immediate: the double's 8 bytes, little-endian. */
export function f64(v: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([v]).buffer));
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** What the engine uses of the WebAssembly API (the project's TypeScript libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A memory of at least `bytes` bytes (64 KiB pages), zeroed. */
export function wasmMemory(bytes: number): WasmMemory {
  return new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
}

/**
 * The bytes of a module whose one function `run: () -> result` has `code` as its body (locals
 * declarations, then instructions, then END; the size is added here), importing env.mem.
 */
export function runModuleBytes(code: number[], result: number): Uint8Array {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    // type 0: () -> result
    ...section(1, [1, 0x60, 0, 1, result]),
    // import "env" "mem": a memory of at least 1 page
    ...section(2, [1, 3, 0x65, 0x6e, 0x76, 3, 0x6d, 0x65, 0x6d, 0x02, 0x00, 1]),
    // function 0 has type 0
    ...section(3, [1, 0]),
    // export "run" = function 0
    ...section(7, [1, 3, 0x72, 0x75, 0x6e, 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

/** runModuleBytes() compiled (the module is validated here: a malformed body throws). */
export function compileRunModule(code: number[], result: number): object {
  return new wasm.Module(runModuleBytes(code, result));
}

/** The `run` export of an instance of `module` over `memory`. */
export function instantiateRun(module: object, memory: WasmMemory): unknown {
  return new wasm.Instance(module, { env: { mem: memory } }).exports.run;
}
