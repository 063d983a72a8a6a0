// The WebSocket wire format of WorkbenchApi (web host ⇄ browser renderer). Pure: used by both
// ends. Requests, responses and events are JSON text frames; sample batches — the only bulky
// stream — are binary frames so Float64Arrays cross without a text round trip:
//
//   u32 magic 'WBS1' | u32 header byte length | header JSON (UTF-8, padded to 8 bytes)
//   | f64 t_ns[n] | f64 column[0][n] | … | f64 column[c-1][n]        (little-endian)
import type { ApiErrorShape, ApiMethod, LibraryChangedEvent, MenuCommand, RunSamplesEvent, RunStreamEvent } from './api';

export type WireRequest = { id: number; method: ApiMethod; args: unknown[] };
export type WireResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ApiErrorShape };
export type WireEvent =
  | { event: 'run'; data: Exclude<RunStreamEvent, RunSamplesEvent> }
  | { event: 'library'; data: LibraryChangedEvent }
  | { event: 'command'; data: MenuCommand }
  /** A frame the host could not read as a request (not JSON, no id): nothing to answer by id. */
  | { event: 'request-error'; data: ApiErrorShape };
export type WireServerText = WireResponse | WireEvent;

const MAGIC = 0x31534257; // 'WBS1' read as little-endian u32

interface SamplesHeader {
  runId: string;
  n: number;
  c: number;
}

/** Encode one sample batch as a single binary frame (one copy into a fresh buffer). */
export function encodeSamples(e: RunSamplesEvent): ArrayBuffer {
  const n = e.t_ns.length;
  const c = e.columns.length;
  for (const col of e.columns) {
    if (col.length !== n) throw new RangeError(`sample column length ${col.length} != t_ns length ${n}`);
  }
  const header = new TextEncoder().encode(JSON.stringify({ runId: e.runId, n, c } satisfies SamplesHeader));
  const headerPadded = Math.ceil(header.length / 8) * 8;
  const dataOffset = 8 + headerPadded;
  const buf = new ArrayBuffer(dataOffset + 8 * n * (c + 1));
  const dv = new DataView(buf);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, header.length, true);
  new Uint8Array(buf, 8, header.length).set(header);
  const f64 = new Float64Array(buf, dataOffset, n * (c + 1));
  f64.set(e.t_ns, 0);
  for (let i = 0; i < c; i++) f64.set(e.columns[i], n * (i + 1));
  return buf;
}

/** Decode a binary frame made by encodeSamples. Columns are views into one fresh buffer. */
export function decodeSamples(data: ArrayBuffer | Uint8Array): RunSamplesEvent {
  // Copy into an 8-aligned buffer: a Node Buffer may be a view at an odd offset of a pool.
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const buf = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buf).set(bytes);
  if (buf.byteLength < 8) throw new RangeError('sample frame too short');
  const dv = new DataView(buf);
  if (dv.getUint32(0, true) !== MAGIC) throw new RangeError('not a sample frame (bad magic)');
  const headerLen = dv.getUint32(4, true);
  if (8 + headerLen > buf.byteLength) throw new RangeError('sample frame header overruns the frame');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, headerLen))) as SamplesHeader;
  const dataOffset = 8 + Math.ceil(headerLen / 8) * 8;
  const { n, c } = header;
  if (!Number.isInteger(n) || !Number.isInteger(c) || n < 0 || c < 0 || dataOffset + 8 * n * (c + 1) !== buf.byteLength) {
    throw new RangeError('sample frame size does not match its header');
  }
  const t_ns = new Float64Array(buf, dataOffset, n);
  const columns: Float64Array[] = [];
  for (let i = 0; i < c; i++) columns.push(new Float64Array(buf, dataOffset + 8 * n * (i + 1), n));
  return { type: 'samples', runId: header.runId, t_ns, columns };
}
