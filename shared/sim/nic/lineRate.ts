// Ethernet wire arithmetic. Every frame occupies its bytes (incl. FCS) plus 8 bytes of preamble/SFD
// and a 12-byte inter-frame gap on the wire: 20 bytes of overhead per frame (IEEE 802.3).
export const WIRE_OVERHEAD_BYTES = 20;
/**
 * Times on the wire closer than this (ns) are the same instant: float sums of equal intervals
 * drift by ulps (nic/wire.ts, traffic/source.ts).
 */
export const WIRE_EPS_NS = 1e-6;

/** Wire bits of one frame of `frameBytes` (incl. FCS). */
export function wireBits(frameBytes: number): number {
  return (frameBytes + WIRE_OVERHEAD_BYTES) * 8;
}

/** Frames per second at full line rate: 100 Gbit/s of 1518-byte frames = 8,127,438 pps. */
export function lineRatePps(linkBps: number, meanFrameBytes: number): number {
  return linkBps / wireBits(meanFrameBytes);
}
