// Units as people write them in scenario files: `200Gbit`, `25Gbit/s`, `4GiB`, `64MiB`,
// `50us`, `1.5ms`, `2s`, `10Mpps`. Every parser returns an integer in the base unit
// (ns, bytes, bit/s, packets/s) or a message saying what was expected.

export type UnitResult = { ok: true; value: number } | { ok: false; expected: string };

const NUM = String.raw`([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)`;

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9 };
const BYTE_UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
};
const BITRATE_UNITS: Record<string, number> = { bit: 1, kbit: 1e3, Kbit: 1e3, Mbit: 1e6, Gbit: 1e9, Tbit: 1e12 };
const PKTRATE_UNITS: Record<string, number> = { pps: 1, kpps: 1e3, Kpps: 1e3, Mpps: 1e6, Gpps: 1e9 };

export const DURATION_EXPECTED = 'a duration such as 50us, 1.5ms or 2s';
export const BYTES_EXPECTED = 'a size such as 4096, 64MiB or 4GiB';
export const BITRATE_EXPECTED = 'a bit rate such as 25Gbit/s or 200Gbit';
export const PKTRATE_EXPECTED = 'a packet rate such as 10Mpps';

export const DURATION_PATTERN = String.raw`^\s*[0-9]+(\.[0-9]+)?\s*(ns|us|µs|ms|s|min|h)\s*$`;
export const BYTES_PATTERN = String.raw`^\s*[0-9]+(\.[0-9]+)?\s*(B|KiB|MiB|GiB|TiB|kB|KB|MB|GB|TB)\s*$`;
export const BITRATE_PATTERN = String.raw`^\s*[0-9]+(\.[0-9]+)?\s*((bit|kbit|Kbit|Mbit|Gbit|Tbit)(/s)?|bps|kbps|Kbps|Mbps|Gbps|Tbps)\s*$`;
export const PKTRATE_PATTERN = String.raw`^\s*[0-9]+(\.[0-9]+)?\s*(pps|kpps|Kpps|Mpps|Gpps)\s*$`;

function parseWith(
  input: unknown,
  table: Record<string, number>,
  suffix: string,
  expected: string,
  bareNumberUnit: number | null,
): UnitResult {
  if (typeof input === 'number') {
    if (bareNumberUnit === null || !Number.isFinite(input) || input < 0) return { ok: false, expected };
    return { ok: true, value: Math.round(input * bareNumberUnit) };
  }
  if (typeof input !== 'string') return { ok: false, expected };
  const m = new RegExp(String.raw`^\s*${NUM}\s*([A-Za-zµ]+)${suffix}\s*$`).exec(input);
  if (!m) return { ok: false, expected };
  const mult = table[m[2]];
  if (mult === undefined) return { ok: false, expected };
  const value = Math.round(Number(m[1]) * mult);
  if (!Number.isSafeInteger(value)) return { ok: false, expected: `${expected} (value too large)` };
  return { ok: true, value };
}

/** Duration → integer nanoseconds. A bare number is not accepted: `2` could be s or ns. */
export function parseDuration(input: unknown): UnitResult {
  return parseWith(input, DURATION_UNITS, '', DURATION_EXPECTED, null);
}

/** Size → bytes. A bare integer counts as bytes. */
export function parseBytes(input: unknown): UnitResult {
  return parseWith(input, BYTE_UNITS, '', BYTES_EXPECTED, 1);
}

/** Bit rate → bit/s. Accepts `200Gbit`, `25Gbit/s`, `10Gbps`. */
export function parseBitRate(input: unknown): UnitResult {
  if (typeof input === 'string') input = input.replace(/bps\s*$/, 'bit');
  return parseWith(input, BITRATE_UNITS, String.raw`(?:/s)?`, BITRATE_EXPECTED, null);
}

/** Packet rate → packets/s. */
export function parsePacketRate(input: unknown): UnitResult {
  return parseWith(input, PKTRATE_UNITS, '', PKTRATE_EXPECTED, null);
}

/** Formatting helpers shared by CLI, reports and the renderer. */
export function formatDurationNs(ns: number): string {
  if (ns >= 1e9) return `${trim(ns / 1e9)}s`;
  if (ns >= 1e6) return `${trim(ns / 1e6)}ms`;
  if (ns >= 1e3) return `${trim(ns / 1e3)}us`;
  return `${ns}ns`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${trim(v)} ${units[i]}`;
}

export function formatBitRate(bps: number): string {
  if (bps >= 1e9) return `${trim(bps / 1e9)} Gbit/s`;
  if (bps >= 1e6) return `${trim(bps / 1e6)} Mbit/s`;
  return `${trim(bps / 1e3)} kbit/s`;
}

function trim(v: number): string {
  return Number(v.toFixed(v >= 100 ? 1 : v >= 10 ? 2 : 3)).toString();
}
