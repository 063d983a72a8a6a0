// mlx5e striding RQ with header-data split (SHAMPO, HW-GRO), v6.18 (docs/model/drivers/mlx5.md#header-data-split-shampo).
// Data: multi-packet WQEs of 64 pages cut into 256-byte strides; a frame's payload takes whole
// strides from the next free one (its data frags, one per page touched, each counting in
// frag_page->frags: mlx5e_shampo_fill_skb_data). Headers: header entries of 512 bytes, 8 per
// page, in a ring of hd_per_wq entries; a page is taken when its first entry is filled
// (mlx5e_build_shampo_hd_umr) and released when its last entry is freed
// (mlx5e_free_rx_shampo_hd_entry), with the same pp_ref_count bias as data pages.
// Pools (mlx5_rq_shampo_alloc, mlx5e_alloc_rq): with an unreadable memory provider on the queue
// (netif_rxq_has_unreadable_mp) the data pool is the provider's and a separate header
// page_pool of host pages holds the headers; without one, one pool holds both.
// Per frame (mlx5e_handle_rx_cqe_mpwrq_shampo): a split frame's skb is built around its header
// entry when headroom + header + skb_shared_info fit the entry (the header page's frags++),
// else the header is copied (rx_gro_large_hds); a frame the device did not split has its
// header in the data strides: with net_iov there it is dropped, else built non-linear.
// HW-GRO aggregation itself is left to the stack's GRO: every frame is its own skb here.
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { NET_IOV } from '../../netmem/netmemRef';
import { GFP_ATOMIC, type Gfp } from '../../mm/gfp';
import { toPagePoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { pageOfSlot, SKB_SHINFO_SIZE, type Mlx5Params } from './params';
import { shampoHeaderFragSize, type ShampoParams } from './shampoParams';

/** Most frags one frame's payload can touch: a 9 KiB payload over 4 KiB pages, plus the head. */
const MAX_FRAGS = 8;

export class Mlx5ShampoRxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  /** en_stats.c rq counters (ethtool -S rx<N>_… without the queue number) */
  readonly counters = {
    rx_gro_large_hds: 0,
    rx_hds_nosplit_packets: 0,
    rx_hds_nosplit_bytes: 0,
    rx_buff_alloc_err: 0,
    rx_mpwqe_posted: 0,
    rx_pages_released: 0,
    rx_hd_pages_released: 0,
  };
  readonly sh: ShampoParams;
  /** the data pool (provider-backed when one is installed) and the pool header pages come from */
  private pool: PagePoolApi | null = null;
  private hdPool: PagePoolApi | null = null;
  private readonly slots: number;
  private readonly pageRef: Int32Array;
  private readonly pageFrags: Int32Array;
  private readonly hdRef: Int32Array;
  private readonly hdFrags: Int32Array;
  private consumed = 0;
  private unitsPosted = 0;
  /** header entries posted to the device (hdNext) and freed by the driver (hdFreed), since start */
  private hdNext = 0;
  private hdFreed = 0;
  private readonly frags = new Int32Array(MAX_FRAGS);
  private readonly hc: HelperCosts;

  constructor(
    readonly ctx: DriverContext,
    readonly p: Mlx5Params,
  ) {
    if (!p.shampo) throw new Error('Mlx5ShampoRxQueue needs SHAMPO params');
    this.sh = p.shampo;
    this.slots = p.units * p.unitSlots;
    this.ring = new RxRing(this.slots);
    this.pageRef = new Int32Array(p.units * p.unitPages);
    this.pageFrags = new Int32Array(p.units * p.unitPages);
    this.hdRef = new Int32Array(this.sh.hdPerWq / this.sh.hdPerPage);
    this.hdFrags = new Int32Array(this.sh.hdPerWq / this.sh.hdPerPage);
    this.hc = helperCosts(ctx.costs);
  }

  /** The page_pools mlx5e_alloc_rq creates for the queue as it is now (provider or not). */
  start(): void {
    const ctx = this.ctx;
    const mp = ctx.queueHasUnreadableProvider?.() ?? false;
    const create = (params: ShampoParams['dataPool'], role: 'data' | 'header'): PagePoolApi => {
      const r = ctx.createPagePool(toPagePoolParams(params, ctx.napiCore, ctx.ifindex ?? 0, ctx.queue), role);
      if (!r.ok) throw new DriverConfigError('mlx5', r.error.errno, `page_pool_create (${role}): ${r.error.message}`);
      return r.value;
    };
    const data = create(mp ? this.sh.dataPool : this.p.pool, 'data');
    this.pool = data;
    if (mp) {
      try {
        this.hdPool = create(this.sh.hdPool, 'header');
      } catch (e) {
        data.destroy(ctx.now());
        this.pool = null;
        throw e;
      }
      this.pools = [data, this.hdPool];
    } else {
      this.hdPool = data;
      this.pools = [data];
    }
    this.consumed = 0;
    this.unitsPosted = 0;
    this.hdNext = 0;
    this.hdFreed = 0;
    this.post(GFP_ATOMIC, true);
  }

  /** mlx5e_free_rx_descs: every WQE's pages and every header page back (not direct), pools destroyed. */
  stop(): void {
    const ring = this.ring;
    if (ring.completions > 0) ring.consume(ring.completions);
    ring.takeAllPosted(new Int32Array(2 * ring.size));
    const pool = this.pool;
    const hd = this.hdPool;
    if (pool) for (let k = 0; k < this.pageRef.length; k++) this.release(pool, this.pageRef, this.pageFrags, k, false);
    if (hd) for (let k = 0; k < this.hdRef.length; k++) this.release(hd, this.hdRef, this.hdFrags, k, false);
    if (hd && hd !== pool) hd.destroy(this.ctx.now());
    if (pool) pool.destroy(this.ctx.now());
    this.pool = null;
    this.hdPool = null;
  }

  heldBuffers(): number {
    let n = 0;
    for (let k = 0; k < this.pageRef.length; k++) if (this.pageRef[k] !== 0) n++;
    for (let k = 0; k < this.hdRef.length; k++) if (this.hdRef[k] !== 0) n++;
    return n;
  }

  napiPoll(budget: number): number {
    const ring = this.ring;
    const ctx = this.ctx;
    const c = ctx.costs;
    let work = 0;
    while (work < budget) {
      const n = ring.frameDescs();
      if (n === 0) break;
      // CQE parse; DMA sync of the header entry and of the payload; prefetch behind the net_iov test
      ctx.charge(c.drv_rx_desc + 2 * this.hc.syncForCpu + this.hc.address + this.hc.prefetchGuard);
      this.frame(n);
      ring.consume(n);
      this.consumed += n;
      work++;
    }
    this.post(GFP_ATOMIC, false);
    return work;
  }

  private frame(n: number): void {
    const ring = this.ring;
    const ctx = this.ctx;
    const bytes = ring.headFrameLen;
    const first = this.consumed % this.slots;
    let nf = 0;
    const headSize = ring.headHdrLen;
    const split = headSize !== 0;
    let hdEntry = -1;
    if (split) {
      hdEntry = this.hdFreed % this.sh.hdPerWq;
      const hk = (hdEntry / this.sh.hdPerPage) | 0;
      if (shampoHeaderFragSize(this.sh.hdHeadroom, headSize, SKB_SHINFO_SIZE) <= this.sh.hdEntrySize) {
        // build_skb around the header entry: the header page's reference goes with the skb
        this.hdFrags[hk]++;
        this.frags[nf++] = this.hdRef[hk];
      } else {
        this.counters.rx_gro_large_hds++;
        ctx.count('rx_gro_large_hds');
        ctx.charge(headSize * ctx.costs.copy_per_byte);
      }
    } else {
      this.counters.rx_hds_nosplit_packets++;
      this.counters.rx_hds_nosplit_bytes += bytes;
      if ((this.pageRef[pageOfSlot(this.p, first)] & NET_IOV) !== 0) {
        // header in unreadable memory: dropped so the kernel never touches it; its strides are
        // consumed all the same
        ctx.count('rx_hds_nosplit_unreadable_drop');
        return;
      }
      // mlx5e_skb_from_cqe_mpwrq_nonlinear: the headers are copied into the skb head
      ctx.charge(Math.min(bytes, 256) * ctx.costs.copy_per_byte);
    }
    // payload frags: one per data page the strides touch
    let readable = true;
    let prev = -1;
    for (let d = 0; d < n; d++) {
      const k = pageOfSlot(this.p, (first + d) % this.slots);
      if (k === prev) continue;
      prev = k;
      if (nf === MAX_FRAGS) break;
      const ref = this.pageRef[k];
      this.pageFrags[k]++;
      this.frags[nf++] = ref;
      if ((ref & NET_IOV) !== 0) readable = false;
    }
    ctx.deliverSkb(this.frags, nf, bytes, readable);
    if (hdEntry >= 0) this.freeHeaderEntry(hdEntry);
  }

  /** mlx5e_free_rx_shampo_hd_entry: the page goes once its last entry is freed. */
  private freeHeaderEntry(entry: number): void {
    this.hdFreed++;
    if ((entry + 1) % this.sh.hdPerPage !== 0) return;
    const hd = this.hdPool;
    if (hd) this.release(hd, this.hdRef, this.hdFrags, (entry / this.sh.hdPerPage) | 0, true);
    this.counters.rx_hd_pages_released++;
  }

  /** mlx5e_page_release_fragmented: drop BIAS_MAX − frags; the last reference recycles. */
  private release(pool: PagePoolApi, refs: Int32Array, frags: Int32Array, k: number, allowDirect: boolean): void {
    const ref = refs[k];
    if (ref === 0) return;
    refs[k] = 0;
    const drain = this.p.biasMax - frags[k];
    frags[k] = 0;
    if (pool.unrefNetmem(ref, drain)) pool.putUnrefedNetmem(ref, -1, allowDirect);
  }

  private take(pool: PagePoolApi, gfp: Gfp): number {
    const ref = pool.allocNetmems(gfp);
    if (ref !== 0) pool.fragmentNetmem(ref, this.p.biasMax);
    return ref;
  }

  /**
   * End of NAPI: repost every WQE whose strides were all consumed (its 64 pages released, new
   * ones taken, one UMR WQE: mlx5e_post_rx_mpwqes), then top up the header ring a page of
   * entries at a time. The kernel fills headers in the same batch as each WQE
   * (mlx5e_alloc_rx_hd_mpwqe, up to hd_per_wqe free entries) and the device closes a reservation
   * after pkt_per_rsrv packets, so headers never run out before strides; the model has no
   * reservations and tops the header ring up on every poll instead.
   */
  private post(gfp: Gfp, initial: boolean): void {
    const p = this.p;
    const pool = this.pool;
    const hd = this.hdPool;
    if (!pool || !hd) return;
    const c = this.ctx.costs;
    let posted = 0;
    // mlx5e_post_rx_mpwqes reposts only once min_wqe_bulk WQEs are missing
    const missing = Math.floor(this.consumed / p.unitSlots) - (this.unitsPosted - p.units);
    if (!initial && missing < p.minWqeBulk) {
      if (this.postHeaders(hd, gfp) > 0) this.ctx.charge(c.drv_doorbell);
      return;
    }
    while (initial ? this.unitsPosted < p.units : (this.unitsPosted - p.units + 1) * p.unitSlots <= this.consumed) {
      const unit = this.unitsPosted % p.units;
      const base = unit * p.unitPages;
      for (let j = 0; j < p.unitPages; j++) this.release(pool, this.pageRef, this.pageFrags, base + j, true);
      let ok = true;
      for (let j = 0; j < p.unitPages; j++) {
        const ref = this.take(pool, gfp);
        if (ref === 0) {
          for (let u = 0; u < j; u++) this.release(pool, this.pageRef, this.pageFrags, base + u, true);
          ok = false;
          break;
        }
        this.pageRef[base + j] = ref;
        this.pageFrags[base + j] = 0;
        this.ctx.charge(c.drv_mlx5_umr_mtt);
      }
      if (!ok) {
        this.allocErr();
        break;
      }
      for (let i = 0; i < p.unitSlots; i++) {
        const k = base + ((i / p.perPage) | 0);
        this.ring.post(this.pageRef[k], (i % p.perPage) * p.stride, p.stride);
      }
      this.ctx.charge(c.drv_mlx5_umr_wqe);
      this.counters.rx_mpwqe_posted++;
      this.unitsPosted++;
      posted++;
    }
    posted += this.postHeaders(hd, gfp);
    if (posted > 0) this.ctx.charge(c.drv_doorbell);
  }

  /** Fill free header entries a page at a time (a KSM entry each in the header UMR). */
  private postHeaders(hd: PagePoolApi, gfp: Gfp): number {
    const sh = this.sh;
    const c = this.ctx.costs;
    let pages = 0;
    // the device's header ring, and never more entries than the NIC ring model can hold
    const cap = Math.min(sh.hdPerWq, this.ring.size);
    while (this.hdNext + sh.hdPerPage - this.hdFreed <= cap) {
      const hk = ((this.hdNext % sh.hdPerWq) / sh.hdPerPage) | 0;
      if (this.hdRef[hk] !== 0) break;
      const ref = this.take(hd, gfp);
      if (ref === 0) {
        this.allocErr();
        break;
      }
      this.hdRef[hk] = ref;
      this.hdFrags[hk] = 0;
      for (let e = 0; e < sh.hdPerPage; e++) {
        this.ring.postHeader(ref, e * sh.hdEntrySize + sh.hdHeadroom, sh.hdEntrySize - sh.hdHeadroom);
      }
      this.hdNext += sh.hdPerPage;
      this.ctx.charge(c.drv_mlx5_umr_mtt);
      pages++;
    }
    if (pages > 0) this.ctx.charge(c.drv_mlx5_umr_wqe);
    return pages;
  }

  private allocErr(): void {
    this.counters.rx_buff_alloc_err++;
    this.ctx.count('rx_buff_alloc_err');
  }

  info(): Record<string, unknown> {
    const s = this.pool?.stats;
    const pp = s
      ? {
          rx_pp_alloc_fast: s.alloc_fast,
          rx_pp_alloc_slow: s.alloc_slow,
          rx_pp_alloc_slow_high_order: s.alloc_slow_high_order,
          rx_pp_alloc_empty: s.alloc_empty,
          rx_pp_alloc_refill: s.alloc_refill,
          rx_pp_alloc_waive: s.alloc_waive,
          rx_pp_recycle_cached: s.recycle_cached,
          rx_pp_recycle_cache_full: s.recycle_cache_full,
          rx_pp_recycle_ring: s.recycle_ring,
          rx_pp_recycle_ring_full: s.recycle_ring_full,
          rx_pp_recycle_released_ref: s.recycle_released_refcnt,
        }
      : {};
    return { counters: { ...this.counters, ...pp } };
  }
}
