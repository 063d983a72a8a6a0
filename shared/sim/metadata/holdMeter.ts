// How many buffer descriptors one NIC holds right now and the most it held at one instant
// (docs/model/metadata.md). Updated where buffers change hands, never by scanning:
// - page_pool hold/release accounting (net/core/page_pool.c: hold_cnt moves in
//   page_pool_set_pp_info callers and net_mp_niov_set_page_pool, release_cnt in
//   page_pool_return_netmem): one pool buffer of order n is 2^n 4 KiB pages, a net_iov is one;
// - pages a driver takes from the page allocator outside page_pool (GVE QPL, mlx4 and hns3
//   legacy): held from alloc_pages until put_page frees them (mm/page_alloc.c), wherever the
//   last reference was dropped (driver, skb free, socket).
// The peak is the instant the NIC held the most descriptors (4 KiB pages + net_iovs); what it
// held then, class by class, is copied so every layout's bytes come from one instant.

/** MAX_PAGE_ORDER (include/linux/mmzone.h, default 10): highest order a buffer can have. */
export const MAX_PAGE_ORDER = 10;
/** Class of a held buffer: page_pool pages of order n are HOLD_POOL + n. */
export const HOLD_POOL = 0;
export const HOLD_NET_IOV = MAX_PAGE_ORDER + 1;
/** Driver-owned (non-page_pool) pages of order n are HOLD_DRIVER + n. */
export const HOLD_DRIVER = MAX_PAGE_ORDER + 2;
export const NHOLD = HOLD_DRIVER + MAX_PAGE_ORDER + 1;

/** 4 KiB descriptors (struct page or struct net_iov) per held buffer of each class. */
const UNITS: Int32Array = (() => {
  const u = new Int32Array(NHOLD);
  for (let o = 0; o <= MAX_PAGE_ORDER; o++) {
    u[HOLD_POOL + o] = 1 << o;
    u[HOLD_DRIVER + o] = 1 << o;
  }
  u[HOLD_NET_IOV] = 1;
  return u;
})();

export function holdUnits(cls: number): number {
  return UNITS[cls];
}

export class HoldMeter {
  /** buffers held now, per class */
  readonly cur = new Float64Array(NHOLD);
  /** buffers held at the peak instant, per class */
  readonly atPeak = new Float64Array(NHOLD);
  /** descriptors held now and at the peak (pool buffers, net_iovs and driver pages together) */
  units = 0;
  peakUnits = 0;
  /** driver-owned pages alone, in 4 KiB pages: now and their own peak */
  driverUnits = 0;
  peakDriverUnits = 0;

  /** A pool buffer of class `cls` (HOLD_POOL + order or HOLD_NET_IOV) is held: hold_cnt++. */
  hold(cls: number): void {
    this.cur[cls]++;
    const u = this.units + UNITS[cls];
    this.units = u;
    if (u > this.peakUnits) this.newPeak(u);
  }

  /** A pool buffer leaves the pool: release_cnt++. */
  release(cls: number): void {
    this.cur[cls]--;
    this.units -= UNITS[cls];
  }

  /** A driver took a page of `order` from the page allocator. */
  holdDriver(order: number): void {
    const cls = HOLD_DRIVER + order;
    this.cur[cls]++;
    const n = UNITS[cls];
    const d = this.driverUnits + n;
    this.driverUnits = d;
    if (d > this.peakDriverUnits) this.peakDriverUnits = d;
    const u = this.units + n;
    this.units = u;
    if (u > this.peakUnits) this.newPeak(u);
  }

  /** A driver-owned page went back to the page allocator. */
  releaseDriver(order: number): void {
    const cls = HOLD_DRIVER + order;
    this.cur[cls]--;
    const n = UNITS[cls];
    this.driverUnits -= n;
    this.units -= n;
  }

  private newPeak(u: number): void {
    this.peakUnits = u;
    this.atPeak.set(this.cur);
  }
}
