// Hold meter and pool peaks → the metadata parts of the run document (NicResult.metadata,
// PoolResult.metadata), through the one formula of layouts.ts.
import { METADATA_LAYOUTS, type HeldBuffers, type MetadataLayout, type NicMetadata, type PoolMetadata } from '../../doc/runDocument';
import { HOLD_DRIVER, HOLD_NET_IOV, HOLD_POOL, MAX_PAGE_ORDER, type HoldMeter } from './holdMeter';
import { heldDescriptors, layoutBytes, METADATA_ASSUMPTIONS, poolPeakHeld } from '../../doc/derived/metadataLayouts';

/** counts[base + order] for order 0..MAX_PAGE_ORDER, without trailing zero orders (at least order 0). */
function byOrder(counts: Float64Array, base: number): number[] {
  let top = 0;
  for (let o = 0; o <= MAX_PAGE_ORDER; o++) if (counts[base + o] !== 0) top = o;
  return Array.from(counts.subarray(base, base + top + 1));
}

function perLayout(f: (layout: MetadataLayout) => number): Record<MetadataLayout, number> {
  const out = {} as Record<MetadataLayout, number>;
  for (const l of METADATA_LAYOUTS) out[l] = f(l);
  return out;
}

/** RX buffers the held buffers can post: buffers_per_page per page buffer, one per net_iov. */
function rxBuffers(held: HeldBuffers, buffersPerPage: number): number {
  const pages = held.pool_pages_by_order.reduce((a, n) => a + n, 0) + held.driver_pages_by_order.reduce((a, n) => a + n, 0);
  return pages * buffersPerPage + held.net_iovs;
}

export function nicMetadataResult(meter: HoldMeter, buffersPerPage: number): NicMetadata {
  const peak: HeldBuffers = {
    pool_pages_by_order: byOrder(meter.atPeak, HOLD_POOL),
    net_iovs: meter.atPeak[HOLD_NET_IOV],
    driver_pages_by_order: byOrder(meter.atPeak, HOLD_DRIVER),
  };
  const rx = rxBuffers(peak, buffersPerPage);
  const bytes = perLayout((l) => layoutBytes(l, peak));
  return {
    peak,
    peak_descriptors: heldDescriptors(peak),
    peak_driver_descriptors: meter.peakDriverUnits,
    bytes,
    per_rx_buffer: perLayout((l) => (rx > 0 ? bytes[l] / rx : 0)),
    assumptions: [...METADATA_ASSUMPTIONS],
  };
}

export function poolMetadataResult(peakInflight: number, order: number, netIovs: boolean): PoolMetadata {
  const held = poolPeakHeld(peakInflight, order, netIovs);
  return { peak_descriptors: heldDescriptors(held), bytes: perLayout((l) => layoutBytes(l, held)) };
}
