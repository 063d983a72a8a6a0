// gfp flags an RX allocation carries, and what mm/page_alloc.c makes of them (6.18; see
// docs/model/memory-gfp.md). Only the bits that change where an order-0/order-n RX allocation
// may dip are modelled; the values are the model's own, the names the kernel's
// (include/linux/gfp_types.h).
export type Gfp = number;

export const __GFP_HIGH = 1;
export const __GFP_DIRECT_RECLAIM = 2;
export const __GFP_KSWAPD_RECLAIM = 4;
export const __GFP_MEMALLOC = 8;
export const __GFP_NOMEMALLOC = 16;

/** GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM: page_pool_dev_alloc_*, most RX refills. */
export const GFP_ATOMIC: Gfp = __GFP_HIGH | __GFP_KSWAPD_RECLAIM;
/** GFP_KERNEL: may sleep and reclaim (ring fill at ndo_open). */
export const GFP_KERNEL: Gfp = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;
/** include/linux/skbuff.h __dev_alloc_pages: dev_alloc_pages() = GFP_ATOMIC | __GFP_MEMALLOC (| NOWARN, COMP). */
export const GFP_DEV_ALLOC: Gfp = GFP_ATOMIC | __GFP_MEMALLOC;

// alloc_flags the model uses (mm/internal.h values)
export const ALLOC_NO_WATERMARKS = 0x04;
export const ALLOC_NON_BLOCK = 0x10;
export const ALLOC_MIN_RESERVE = 0x20;

/**
 * gfp_to_alloc_flags (slow path): __GFP_HIGH → ALLOC_MIN_RESERVE; a caller that cannot reclaim
 * directly and did not say __GFP_NOMEMALLOC → ALLOC_NON_BLOCK.
 */
export function gfpToAllocFlags(gfp: Gfp): number {
  let f = 0;
  if ((gfp & __GFP_HIGH) !== 0) f |= ALLOC_MIN_RESERVE;
  if ((gfp & __GFP_DIRECT_RECLAIM) === 0 && (gfp & __GFP_NOMEMALLOC) === 0) f |= ALLOC_NON_BLOCK;
  return f;
}

/**
 * __zone_watermark_ok's reserve arithmetic: the min mark an allocation with `allocFlags` must
 * stay above. ALLOC_MIN_RESERVE takes half off (min − min/2); ALLOC_NON_BLOCK, only together
 * with it, takes a quarter of what is left (GFP_ATOMIC ends at ≈ 3/8 of min). Integer division
 * as the kernel's long arithmetic.
 */
export function reserveMark(min: number, allocFlags: number): number {
  let m = min;
  if ((allocFlags & ALLOC_MIN_RESERVE) !== 0) {
    m -= Math.floor(m / 2);
    if ((allocFlags & ALLOC_NON_BLOCK) !== 0) m -= Math.floor(m / 4);
  }
  return m;
}

/**
 * __gfp_pfmemalloc_flags: __GFP_NOMEMALLOC never; __GFP_MEMALLOC → ALLOC_NO_WATERMARKS. A task
 * with PF_MEMALLOC (reclaim, or a memalloc socket's softirq) would also get it; the model's RX
 * paths run in no such context, and no task is an OOM victim (ALLOC_OOM).
 */
export function pfmemallocFlags(gfp: Gfp): number {
  if ((gfp & __GFP_NOMEMALLOC) !== 0) return 0;
  if ((gfp & __GFP_MEMALLOC) !== 0) return ALLOC_NO_WATERMARKS;
  return 0;
}

/** Human-readable gfp for descriptions and docs. */
export function gfpName(gfp: Gfp): string {
  if (gfp === GFP_DEV_ALLOC) return 'GFP_ATOMIC | __GFP_MEMALLOC';
  if (gfp === GFP_ATOMIC) return 'GFP_ATOMIC';
  if (gfp === GFP_KERNEL) return 'GFP_KERNEL';
  const parts: string[] = [];
  if (gfp & __GFP_HIGH) parts.push('__GFP_HIGH');
  if (gfp & __GFP_DIRECT_RECLAIM) parts.push('__GFP_DIRECT_RECLAIM');
  if (gfp & __GFP_KSWAPD_RECLAIM) parts.push('__GFP_KSWAPD_RECLAIM');
  if (gfp & __GFP_MEMALLOC) parts.push('__GFP_MEMALLOC');
  if (gfp & __GFP_NOMEMALLOC) parts.push('__GFP_NOMEMALLOC');
  return parts.join(' | ') || '0';
}
