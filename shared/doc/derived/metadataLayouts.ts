// Bytes of per-buffer metadata under three layouts (docs/model/metadata.md). One formula,
// applied to held-buffer counts; every figure the tool shows goes through layoutBytes.
//
// struct_page  struct page is 64 B per 4 KiB page on x86_64 (include/linux/mm_types.h: flags,
//              a five-word union that holds the page_pool fields, mapcount/page_type and
//              _refcount, memcg_data; 16-byte aligned). An order-n buffer has 2^n of them.
// netmem_desc  include/net/netmem.h (6.18): struct netmem_desc (six words, 48 B) overlays the
//              start of struct page — static_assert(sizeof(struct netmem_desc) <=
//              offsetof(struct page, _refcount)) — so the bytes are those of struct page.
// memdesc      the plan to shrink struct page to one 8-byte memdesc pointer per 4 KiB page and
//              allocate the descriptor separately, one per buffer (all 2^n pages of an order-n
//              buffer point to it). Assumed descriptor: today's netmem_desc, 48 B, from its own
//              slab cache (8-byte alignment, no rounding to 64).
// net_iov      include/net/netmem.h (6.18): a union of netmem_desc and its six mirrored words
//              (48 B), owner pointer (8 B), enum net_iov_type forced to unsigned long by
//              NET_IOV_MAX = ULONG_MAX (8 B): 64 B, no padding, allocated per net_iov by the
//              provider. Unchanged by the layouts above.
// Driver-owned pages (outside page_pool) are plain pages: 64 B of struct page each under
// struct_page and netmem_desc; the memdesc plan does not size their descriptor, so they keep 64 B.
import type { HeldBuffers, MetadataLayout } from '../runDocument';

export const STRUCT_PAGE_BYTES = 64;
export const NETMEM_DESC_BYTES = 48;
export const MEMDESC_POINTER_BYTES = 8;
/** Assumed size of the separately allocated page_pool descriptor in the memdesc plan. */
export const MEMDESC_DESCRIPTOR_BYTES = NETMEM_DESC_BYTES;
export const NET_IOV_BYTES = 64;

/** Bytes of metadata of one page_pool buffer of `order` under `layout`. */
export function poolBufferBytes(layout: MetadataLayout, order: number): number {
  const pages = 2 ** order;
  return layout === 'memdesc' ? pages * MEMDESC_POINTER_BYTES + MEMDESC_DESCRIPTOR_BYTES : pages * STRUCT_PAGE_BYTES;
}

/** Metadata bytes of `held` under `layout`. */
export function layoutBytes(layout: MetadataLayout, held: HeldBuffers): number {
  let total = held.net_iovs * NET_IOV_BYTES;
  held.pool_pages_by_order.forEach((n, order) => {
    total += n * poolBufferBytes(layout, order);
  });
  held.driver_pages_by_order.forEach((n, order) => {
    total += n * 2 ** order * STRUCT_PAGE_BYTES;
  });
  return total;
}

/** 4 KiB descriptors (struct page or struct net_iov) in `held`. */
export function heldDescriptors(held: HeldBuffers): number {
  let d = held.net_iovs;
  held.pool_pages_by_order.forEach((n, order) => {
    d += n * 2 ** order;
  });
  held.driver_pages_by_order.forEach((n, order) => {
    d += n * 2 ** order;
  });
  return d;
}

export const METADATA_ASSUMPTIONS: readonly string[] = [
  `struct page: ${STRUCT_PAGE_BYTES} B per 4 KiB page (x86_64, include/linux/mm_types.h); an order-n buffer has 2^n`,
  `netmem_desc (${NETMEM_DESC_BYTES} B) overlays struct page (include/net/netmem.h, 6.18): same bytes as struct page`,
  `memdesc: ${MEMDESC_POINTER_BYTES} B pointer per 4 KiB page + one ${MEMDESC_DESCRIPTOR_BYTES} B descriptor per pool buffer (netmem_desc's size, own slab cache, 8-byte aligned) — a plan, not a kernel`,
  `struct net_iov: ${NET_IOV_BYTES} B (netmem_desc union 48 + owner 8 + type 8), the same under every layout`,
  `driver-owned pages (outside page_pool): ${STRUCT_PAGE_BYTES} B each under every layout`,
  'held = from hold (page_pool hold_cnt, or alloc_pages by the driver) to release (release_cnt, or the page freed), including buffers in the alloc cache, ptr_ring and stack',
  'NIC figures are at the instant the NIC held the most 4 KiB descriptors, all pools and driver pages together',
];

/** What a pool held at its own peak: peak_inflight buffers of its order, or net_iovs. */
export function poolPeakHeld(peakInflight: number, order: number, netIovs: boolean): HeldBuffers {
  if (netIovs) return { pool_pages_by_order: [0], net_iovs: peakInflight, driver_pages_by_order: [0] };
  const byOrd = new Array<number>(order + 1).fill(0);
  byOrd[order] = peakInflight;
  return { pool_pages_by_order: byOrd, net_iovs: 0, driver_pages_by_order: [0] };
}
