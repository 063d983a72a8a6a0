// zod field types for unit-bearing values. Each accepts what people write (a string with a
// unit, or a bare number where that is unambiguous) and yields an integer in the base unit.
import { z } from 'zod';
import {
  parseBitRate, parseBytes, parseDuration, parsePacketRate, type UnitResult,
  BITRATE_PATTERN, BYTES_PATTERN, DURATION_PATTERN, PKTRATE_PATTERN,
} from './units';

function unitField(parse: (v: unknown) => UnitResult, pattern: string, description: string, allowNumber: boolean) {
  const expected = description.replace(/^[a-z ]+, /, '');
  const str = z.string().regex(new RegExp(pattern), { message: `expected ${expected}` });
  // The input union is what editors see through the JSON Schema; the transform yields integers.
  const input = allowNumber ? z.union([str, z.number().nonnegative()]) : str;
  return input.transform((v, ctx) => {
    const r = parse(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${r.expected}, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return r.value;
  }).describe(description);
}

/** Integer nanoseconds. */
export const durationNs = () => unitField(parseDuration, DURATION_PATTERN, 'duration, e.g. 50us, 1.5ms, 2s', false);
/** Integer bytes. */
export const bytes = () => unitField(parseBytes, BYTES_PATTERN, 'size in bytes, e.g. 4096, 64MiB, 4GiB', true);
/** Bit/s. */
export const bitRate = () => unitField(parseBitRate, BITRATE_PATTERN, 'bit rate, e.g. 25Gbit/s, 200Gbit', false);
/** Packets/s. */
export const packetRate = () => unitField(parsePacketRate, PKTRATE_PATTERN, 'packet rate, e.g. 10Mpps', false);

export const powerOfTwo = (min: number, max: number) =>
  z.number().int().refine((n) => n >= min && n <= max && (n & (n - 1)) === 0, {
    message: `must be a power of two from ${min} to ${max}`,
  });
