// Per-buffer metadata memory under three layouts (docs/model/netmem.md#the-descriptor-netmem_desc, #from-struct-page-to-memdescs):
//
// 1. struct_page  — today: every 4 KiB page has a 64-byte struct page (x86-64/arm64,
//    Documentation/mm/vmemmap_dedup.rst) and page_pool's fields (pp_magic, pp, dma_addr,
//    pp_ref_count) live inside it. An order-n pool buffer costs 2^n × 64 bytes.
// 2. netmem_desc  — Linux 6.17 (Byungchul Park, "Split netmem from struct page"): the page_pool
//    fields are named struct netmem_desc, but it still OVERLAYS struct page (static assert that it
//    fits before _refcount). Same memory as (1): the overlay changes types, not bytes. The row is
//    there so the zero difference is shown, not assumed.
// 3. memdesc      — the plan (Matthew Wilcox, kernelnewbies Memdescs/Path):
//    struct page shrinks towards one 8-byte `memdesc` pointer per page, and all pages of a
//    multi-page pool buffer point to ONE separately allocated descriptor ("struct bump").
//    Assumed descriptor size: 48 bytes = the six machine words netmem_desc mirrors today
//    (_flags, pp_magic, pp, _pp_mapping_pad, dma_addr, pp_ref_count; docs/model/netmem.md#the-descriptor-netmem_desc), allocated
//    from a dedicated slab cache with 8-byte alignment (no SLAB_HWCACHE_ALIGN rounding to 64).
//    An order-n pool buffer costs 2^n × 8 + 48 bytes. Interim layouts (flags + memdesc + refcount
//    + private = 32 bytes per page) are not modelled: we take the stated end point.
//
// net_iov buffers (devmem) never had a struct page: each is a struct net_iov of 8 words = 64 bytes
// (netmem_desc's six words + owner + type, docs/model/netmem.md#net_iov) under every layout.
// Counts are "peak hold": the most pool buffers the run held at once (hold − release, sampled at
// the end of every NAPI poll of the queue).

export const STRUCT_PAGE_BYTES = 64;
export const MEMDESC_POINTER_BYTES = 8;
/** Assumed size of a separately allocated page_pool descriptor in the memdesc plan (see above). */
export const MEMDESC_DESCRIPTOR_BYTES = 48;
export const NET_IOV_BYTES = 64;

export type MetadataLayout = 'struct_page' | 'netmem_desc' | 'memdesc';
export const METADATA_LAYOUTS: readonly MetadataLayout[] = ['struct_page', 'netmem_desc', 'memdesc'];

export interface MetadataInput {
  /** peak page_pool buffers (pages of PAGE_SIZE << order) held at once */
  peakPoolPages: number;
  /** page order of those buffers */
  order: number;
  /** peak net_iov buffers held at once (devmem provider) */
  peakNetIovs: number;
  /** peak pages held by a driver's own reuse scheme (GVE QPL, hns3 legacy): not page_pool pages */
  peakDriverPages: number;
  /** RX buffers (frags) posted per pool buffer, to express bytes per posted buffer */
  buffersPerPage: number;
}

export interface MetadataLayoutBytes {
  total_bytes: number;
  per_pool_buffer: number;
  per_rx_buffer: number;
}

export interface MetadataInfo {
  peak_pool_pages: number;
  peak_net_iovs: number;
  peak_driver_pages: number;
  order: number;
  buffers_per_page: number;
  layouts: Record<MetadataLayout, MetadataLayoutBytes>;
  assumptions: string;
}

function bytesPerPoolBuffer(layout: MetadataLayout, order: number): number {
  const pages = 1 << order;
  if (layout === 'memdesc') return pages * MEMDESC_POINTER_BYTES + MEMDESC_DESCRIPTOR_BYTES;
  return pages * STRUCT_PAGE_BYTES;
}

export function metadataBytes(input: MetadataInput): MetadataInfo {
  const { peakPoolPages, order, peakNetIovs, peakDriverPages, buffersPerPage } = input;
  if (order < 0 || !Number.isInteger(order)) throw new RangeError(`order must be a non-negative integer, got ${order}`);
  const layouts = {} as Record<MetadataLayout, MetadataLayoutBytes>;
  for (const layout of METADATA_LAYOUTS) {
    const perBuf = bytesPerPoolBuffer(layout, order);
    // Driver-reuse pages are not page_pool pages: in every layout they keep a full struct page
    // today; under memdesc they would become another memdesc type we do not size, so we keep 64 B.
    const driverPagesBytes = peakDriverPages * STRUCT_PAGE_BYTES;
    const total = peakPoolPages * perBuf + peakNetIovs * NET_IOV_BYTES + driverPagesBytes;
    const rxBuffers = (peakPoolPages + peakDriverPages) * buffersPerPage + peakNetIovs;
    layouts[layout] = {
      total_bytes: total,
      per_pool_buffer: perBuf,
      per_rx_buffer: rxBuffers > 0 ? total / rxBuffers : 0,
    };
  }
  return {
    peak_pool_pages: peakPoolPages,
    peak_net_iovs: peakNetIovs,
    peak_driver_pages: peakDriverPages,
    order,
    buffers_per_page: buffersPerPage,
    layouts,
    assumptions: `struct page ${STRUCT_PAGE_BYTES} B per 4 KiB page; netmem_desc overlays struct page (no extra bytes); `
      + `memdesc = ${MEMDESC_POINTER_BYTES} B pointer per page + one ${MEMDESC_DESCRIPTOR_BYTES} B descriptor per pool buffer `
      + `(six words of netmem_desc, slab without cache-line alignment); net_iov ${NET_IOV_BYTES} B; driver-reuse pages keep ${STRUCT_PAGE_BYTES} B`
      + (peakDriverPages > 0
        ? '; driver-reuse modes count the pages the driver holds (ring slots, QPL): pages handed to the stack for good are not tracked, unlike page_pool inflight'
        : ''),
  };
}
