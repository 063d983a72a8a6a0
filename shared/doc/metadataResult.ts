// Per-buffer metadata in the run document: buffers held at the peak and their metadata bytes under
// each layout (docs/model/metadata.md).

/** Layouts of per-buffer metadata the run is costed under (docs/model/metadata.md). */
export type MetadataLayout = 'struct_page' | 'netmem_desc' | 'memdesc';
export const METADATA_LAYOUTS: readonly MetadataLayout[] = ['struct_page', 'netmem_desc', 'memdesc'];

/** Buffers held at one instant. Array index = page order (an order-n buffer is 2^n pages of 4 KiB). */
export interface HeldBuffers {
  /** page_pool buffers by order */
  pool_pages_by_order: number[];
  /** net_iovs held by page_pools fed by a memory provider (devmem) */
  net_iovs: number;
  /** pages a driver took from the page allocator outside page_pool, by order */
  driver_pages_by_order: number[];
}

/** Per-buffer metadata of one NIC, measured where buffers change hands (metadata/holdMeter.ts). */
export interface NicMetadata {
  /** what the NIC held at the instant it held the most 4 KiB descriptors */
  peak: HeldBuffers;
  /** that peak in descriptors: 4 KiB pages (2^order per buffer) + net_iovs */
  peak_descriptors: number;
  /** the driver-owned pages' own peak, in 4 KiB pages */
  peak_driver_descriptors: number;
  /** metadata bytes at the peak under each layout */
  bytes: Record<MetadataLayout, number>;
  /** those bytes per RX buffer the peak could post (buffers_per_page per page buffer, 1 per net_iov) */
  per_rx_buffer: Record<MetadataLayout, number>;
  /** what the layouts assume, in words */
  assumptions: string[];
}

/** One pool's own peak (peak_inflight, at its own instant) in descriptors and metadata bytes. */
export interface PoolMetadata {
  peak_descriptors: number;
  bytes: Record<MetadataLayout, number>;
}
