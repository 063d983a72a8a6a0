// zod field types for unit-bearing values. Each accepts what people write (a string with a
// unit, or a bare number where that is unambiguous) and yields an integer in the base unit.
import { z } from 'zod';
import {
  parseBitRate,
  parseBytes,
  parseDuration,
  parsePacketRate,
  type UnitResult,
  BITRATE_PATTERN,
  BYTES_PATTERN,
  DURATION_PATTERN,
  PKTRATE_PATTERN,
  BITRATE_EXPECTED,
  BYTES_EXPECTED,
  DURATION_EXPECTED,
  PKTRATE_EXPECTED,
} from '../doc/units';

// `expected` doubles as the JSON Schema description; error messages add what was found.
function unitField(parse: (v: unknown) => UnitResult, pattern: string, expected: string, allowNumber: boolean) {
  // A custom type message too: a bare `2` for a duration should read "expected a duration …".
  const str = z
    .string({ error: (iss) => (iss.input === undefined ? undefined : `expected ${expected}`) })
    .regex(new RegExp(pattern), { message: `expected ${expected}` });
  // The input union is what editors see through the JSON Schema; the transform yields integers.
  const input = allowNumber ? z.union([str, z.number().nonnegative()]) : str;
  return input
    .transform((v, ctx) => {
      const r = parse(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `expected ${r.expected}, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return r.value;
    })
    .describe(allowNumber ? `${expected} (a bare number is bytes)` : expected);
}

/** Integer nanoseconds. */
export const durationNs = () => unitField(parseDuration, DURATION_PATTERN, DURATION_EXPECTED, false);
/** Integer bytes. */
export const bytes = () => unitField(parseBytes, BYTES_PATTERN, BYTES_EXPECTED, true);
/** Bit/s. */
export const bitRate = () => unitField(parseBitRate, BITRATE_PATTERN, BITRATE_EXPECTED, false);
/** Packets/s. */
export const packetRate = () => unitField(parsePacketRate, PKTRATE_PATTERN, PKTRATE_EXPECTED, false);
