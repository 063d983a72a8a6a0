// Default per-node watermarks, derived the way mm/page_alloc.c derives them at boot:
//  calculate_min_free_kbytes(): min_free_kbytes = int_sqrt(lowmem_kbytes * 16), clamped to
//    [128, 262144] KiB (lowmem = all managed memory on 64-bit);
//  __setup_per_zone_wmarks(): each zone's min is its share of min_free_kbytes in proportion to its
//    managed pages; gap = max(min / 4, managed * watermark_scale_factor / 10000) with the default
//    watermark_scale_factor 10; low = min + gap; high = low + gap.
// The model has one zone per node (ZONE_NORMAL), all memory managed, no lowmem_reserve.
import { PAGE_SIZE } from '../page_pool/types';

export const WATERMARK_SCALE_FACTOR = 10;
export const MIN_FREE_KBYTES_FLOOR = 128;
export const MIN_FREE_KBYTES_CEIL = 262144;

export interface Watermarks {
  min: number;
  low: number;
  high: number;
}

export function minFreeKbytes(totalPages: number, pageSize: number = PAGE_SIZE): number {
  const lowmemKbytes = totalPages * (pageSize >> 10);
  const v = Math.floor(Math.sqrt(lowmemKbytes * 16)); // int_sqrt
  return Math.min(MIN_FREE_KBYTES_CEIL, Math.max(MIN_FREE_KBYTES_FLOOR, v));
}

/** Watermarks in pages for a node of `nodePages` in a system of `totalPages`. */
export function defaultWatermarks(nodePages: number, totalPages: number, pageSize: number = PAGE_SIZE): Watermarks {
  // KiB → pages: >> (PAGE_SHIFT - 10)
  const pagesMin = minFreeKbytes(totalPages, pageSize) >> (Math.log2(pageSize) - 10);
  const min = Math.floor((pagesMin * nodePages) / totalPages);
  const gap = Math.max(min >> 2, Math.floor((nodePages * WATERMARK_SCALE_FACTOR) / 10000));
  return { min, low: min + gap, high: min + 2 * gap };
}

/** Watermarks given in bytes by the scenario, converted to pages and checked for order. */
export function watermarksFromBytes(
  w: { min: number; low: number; high: number },
  nodePages: number,
  pageSize: number = PAGE_SIZE,
): Watermarks {
  const min = Math.floor(w.min / pageSize);
  const low = Math.floor(w.low / pageSize);
  const high = Math.floor(w.high / pageSize);
  if (!(min <= low && low <= high)) {
    throw new Error(`host.memory.watermarks: need min <= low <= high, got ${min}/${low}/${high} pages`);
  }
  if (high > nodePages) throw new Error(`host.memory.watermarks.high: ${high} pages exceeds the node's ${nodePages} pages`);
  return { min, low, high };
}
