// The metadata figures every view shows — CLI summary, run view, run and compare reports,
// compare table — all come from here, through layouts.ts's one formula, so no two places can
// compute them differently (docs/model/metadata.md).
import { METADATA_LAYOUTS, type HeldBuffers, type MetadataLayout, type NicResult, type PoolResult } from '../runDocument';
import { heldDescriptors, layoutBytes, poolPeakHeld } from './metadataLayouts';

export interface MetadataFigures {
  /** buffers held at the peak instant */
  held: HeldBuffers;
  /** 4 KiB pages of page_pool buffers, net_iovs and driver-owned 4 KiB pages at that instant */
  poolPages: number;
  netIovs: number;
  driverPages: number;
  /** their sum: 4 KiB descriptors held at the peak */
  descriptors: number;
  bytes: Record<MetadataLayout, number>;
  /** bytes per RX buffer; null when not stated (pools) */
  perRxBuffer: Record<MetadataLayout, number> | null;
}

function pages(byOrder: readonly number[]): number {
  return byOrder.reduce((a, n, order) => a + n * 2 ** order, 0);
}

function figuresOf(held: HeldBuffers, perRxBuffer: Record<MetadataLayout, number> | null): MetadataFigures {
  const bytes = {} as Record<MetadataLayout, number>;
  for (const l of METADATA_LAYOUTS) bytes[l] = layoutBytes(l, held);
  return {
    held,
    poolPages: pages(held.pool_pages_by_order),
    netIovs: held.net_iovs,
    driverPages: pages(held.driver_pages_by_order),
    descriptors: heldDescriptors(held),
    bytes,
    perRxBuffer,
  };
}

/** The NIC's figures at its peak hold; null for a document written before they were measured. */
export function nicMetadataFigures(nic: NicResult): MetadataFigures | null {
  const m = nic.metadata;
  return m ? figuresOf(m.peak, m.per_rx_buffer) : null;
}

/** One pool's figures at its own peak (peak_inflight). */
export function poolMetadataFigures(pool: PoolResult): MetadataFigures {
  return figuresOf(poolPeakHeld(pool.peak_inflight, pool.params.order, pool.provider !== 'pages'), null);
}

/** "4096 order-0 pool pages" / "512 order-2 pool buffers (2048 pages)" … for the held buffers. */
export function heldText(held: HeldBuffers): string {
  const parts: string[] = [];
  held.pool_pages_by_order.forEach((n, o) => {
    if (n > 0) parts.push(o === 0 ? `${n} pool pages` : `${n} order-${o} pool buffers (${n * 2 ** o} pages)`);
  });
  if (held.net_iovs > 0) parts.push(`${held.net_iovs} net_iovs`);
  held.driver_pages_by_order.forEach((n, o) => {
    if (n > 0) parts.push(o === 0 ? `${n} driver pages` : `${n} order-${o} driver buffers (${n * 2 ** o} pages)`);
  });
  return parts.length ? parts.join(' + ') : 'nothing held';
}
