// mlx5e RX queue (drivers/net/ethernet/mellanox/mlx5/core/en_rx.c, v6.18; docs/model/drivers/mlx5.md).
// Both RQ types post page_pool pages cut into equal linear buffers:
//   striding RQ (multi-packet WQE): one WQE spans 256 KiB = 64 pages mapped through a UMR WQE on
//     the ICOSQ (mlx5e_alloc_rx_mpwqe); the device writes one frame per stride, strides in order;
//     the WQE's pages go back only when every stride was consumed (mlx5e_dealloc_rx_mpwqe), and a
//     new set is allocated for the WQE.
//   cyclic RQ (legacy): one WQE per frame, frags laid over pages by mlx5e_init_frags_partition
//     (two 2 KiB frags per page at MTU 1500); a page goes back when its last frag is reposted
//     (last_in_page), once wqe_bulk WQEs are free (mlx5e_post_rx_wqes), a refill unit at a time:
//     its old pages released, then new ones allocated (mlx5e_refill_rx_wqes).
// Page reuse (mlx5e_page_alloc_fragmented / mlx5e_page_release_fragmented): each page starts with
// pp_ref_count = MLX5E_PAGECNT_BIAS_MAX (PAGE_SIZE / 64) all held by the driver; every buffer the
// driver gives away (skb frag, XDP_TX, XDP_REDIRECT) counts one in frag_page->frags and that
// reference leaves with it; at release the driver drops BIAS_MAX − frags at once
// (page_pool_unref_netmem) and, if that was the last, recycles directly
// (page_pool_put_unrefed_netmem, allow_direct). XDP_DROP gives nothing away: the buffer's
// reference is among those drained.
// XDP_TX: mlx5e_xmit_xdp_buff on the RQ's XDPSQ; its completion (mlx5e_free_xdpsq_desc) returns
// the page reference to this pool, modelled within the same NAPI poll. XDP_REDIRECT: the target
// returns it through xdp_return_frame (page_pool_put_netmem, direct only when NAPI-local).
// page variant: before the netmem conversion (page_pool_dev_alloc_pages, page_pool_fragment_page);
// netmem variant (v6.16): page_pool_alloc_netmems, page_pool_fragment_netmem, netmem helpers.
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { NET_IOV } from '../../netmem/netmemRef';
import { GFP_ATOMIC, type Gfp } from '../../mm/gfp';
import { toPagePoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { pageOfSlot, type Mlx5Params } from './params';
import { STAGE_DMA } from '../../../doc/cycleStages';

export class Mlx5RxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  /** en_stats.c rq counters the model measures (ethtool -S rx<N>_… names without the queue) */
  readonly counters = {
    rx_xdp_drop: 0,
    rx_xdp_redirect: 0,
    rx_xdp_tx_xmit: 0,
    rx_buff_alloc_err: 0,
    rx_mpwqe_posted: 0,
    rx_pages_released: 0,
    rx_oversize_pkts_sw_drop: 0,
  };
  private pool: PagePoolApi | null = null;
  private readonly slots: number;
  /** per page of the ring: its netmem (0 = none) and frag_page->frags */
  private readonly pageRef: Int32Array;
  private readonly pageFrags: Int32Array;
  /** slots consumed by the driver since start; units released and reposted */
  private consumed = 0;
  private unitsPosted = 0;
  private readonly frag = new Int32Array(1);
  private readonly hc: HelperCosts;

  constructor(
    readonly ctx: DriverContext,
    readonly p: Mlx5Params,
  ) {
    this.slots = p.units * p.unitSlots;
    this.ring = new RxRing(this.slots);
    this.pageRef = new Int32Array(p.units * p.unitPages);
    this.pageFrags = new Int32Array(p.units * p.unitPages);
    this.hc = helperCosts(ctx.costs);
  }

  start(): void {
    const r = this.ctx.createPagePool(toPagePoolParams(this.p.pool, this.ctx.napiCore, this.ctx.ifindex ?? 0, this.ctx.queue), 'data');
    if (!r.ok) throw new DriverConfigError('mlx5', r.error.errno, `page_pool_create: ${r.error.message}`);
    this.pool = r.value;
    this.pools = [r.value];
    this.consumed = 0;
    this.unitsPosted = 0;
    // The first fill, like every refill, is mlx5e_post_rx_(mp)wqes from NAPI: page_pool_dev_alloc_netmems,
    // GFP_ATOMIC | __GFP_NOWARN (the model's Gfp has no NOWARN bit).
    this.post(GFP_ATOMIC, true);
  }

  /** mlx5e_free_rx_descs at close: every page back with allow_direct=false, then page_pool_destroy. */
  stop(): void {
    const ring = this.ring;
    if (ring.completions > 0) ring.consume(ring.completions);
    ring.takeAllPosted(new Int32Array(2 * ring.size));
    const pool = this.pool;
    if (pool) {
      for (let k = 0; k < this.pageRef.length; k++) this.releasePage(pool, k, false);
      pool.destroy(this.ctx.now());
    }
    this.pool = null;
  }

  heldBuffers(): number {
    let n = 0;
    for (let k = 0; k < this.pageRef.length; k++) if (this.pageRef[k] !== 0) n++;
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
      const bytes = ring.headFrameLen;
      // CQE parse, dma_sync for CPU of the stride, the header prefetch (netmem: behind the net_iov test)
      ctx.chargeSplit(c.drv_rx_desc + this.hc.syncForCpu + this.hc.address + this.hc.prefetchGuard, STAGE_DMA, this.hc.syncForCpu);
      if (n > 1) {
        // larger than one linear buffer: mlx5e counts it and drops (rx_oversize_pkts_sw_drop)
        this.counters.rx_oversize_pkts_sw_drop++;
        ctx.count('rx_oversize_pkts_sw_drop');
      } else {
        this.frame(this.consumed % this.slots, bytes);
      }
      ring.consume(n);
      this.consumed += n;
      work++;
    }
    this.post(GFP_ATOMIC, false);
    return work;
  }

  private frame(slot: number, bytes: number): void {
    const ctx = this.ctx;
    const k = pageOfSlot(this.p, slot);
    const ref = this.pageRef[k];
    this.frag[0] = ref;
    if (this.p.xdp) {
      ctx.charge(ctx.costs.xdp_prog);
      const act = ctx.xdpAction;
      if (act === 'drop') {
        this.counters.rx_xdp_drop++;
        ctx.count('rx_xdp_drop');
        return;
      }
      if (act === 'tx' || act === 'redirect') {
        this.pageFrags[k]++;
        const pool = this.pool!;
        if (act === 'tx') {
          // XDPSQ WQE, then its completion returns the reference to the RX pool from NAPI
          ctx.charge(ctx.costs.drv_mlx5_xdpsq_xmit);
          this.counters.rx_xdp_tx_xmit++;
          pool.putNetmem(ref, -1, true);
        } else {
          this.counters.rx_xdp_redirect++;
          ctx.count('rx_xdp_redirect');
          pool.putNetmem(ref, -1, false);
        }
        return;
      }
    }
    // build_skb on the linear buffer (mlx5e_skb_from_cqe_mpwrq_linear / _linear): frags++
    this.pageFrags[k]++;
    ctx.deliverSkb(this.frag, 1, bytes, (ref & NET_IOV) === 0);
  }

  /** mlx5e_page_release_fragmented: drop BIAS_MAX − frags; the last reference recycles. */
  private releasePage(pool: PagePoolApi, k: number, allowDirect: boolean): void {
    const ref = this.pageRef[k];
    if (ref === 0) return;
    this.pageRef[k] = 0;
    const drain = this.p.biasMax - this.pageFrags[k];
    this.pageFrags[k] = 0;
    this.counters.rx_pages_released++;
    if (pool.unrefNetmem(ref, drain)) pool.putUnrefedNetmem(ref, -1, allowDirect);
  }

  /**
   * Refill: every unit whose buffers were all consumed releases its pages and gets new ones.
   * Striding RQ: once min_wqe_bulk WQEs are free, one UMR WQE per MPWQE (mlx5e_post_rx_mpwqes); cyclic: nothing until wqe_bulk
   * WQEs are free, then a refill unit of WQEs at a time is released and reallocated
   * (mlx5e_post_rx_wqes, mlx5e_refill_rx_wqes).
   */
  private post(gfp: Gfp, initial: boolean): void {
    const p = this.p;
    const pool = this.pool;
    if (!pool) return;
    const c = this.ctx.costs;
    const free = initial ? this.slots : this.consumed - (this.unitsPosted - p.units) * p.unitSlots;
    if (!initial && p.mode === 'cyclic' && free < p.wqeBulk) return;
    // striding: mlx5e_post_rx_mpwqes waits until min_wqe_bulk WQEs are missing
    if (!initial && p.mode === 'striding' && Math.floor(this.consumed / p.unitSlots) - (this.unitsPosted - p.units) < p.minWqeBulk) return;
    const group = p.mode === 'cyclic' ? Math.max(1, Math.floor(p.refillUnit / p.perPage)) : 1;
    let posted = 0;
    let failed = false;
    while (!failed) {
      let g = 0;
      while (g < group && (initial ? this.unitsPosted + g < p.units : (this.unitsPosted + g - p.units + 1) * p.unitSlots <= this.consumed))
        g++;
      if (g === 0) break;
      for (let u = 0; u < g; u++) this.releaseUnit(pool, (this.unitsPosted + u) % p.units);
      for (let u = 0; u < g; u++) {
        const unit = this.unitsPosted % p.units;
        if (!this.fillUnit(pool, unit, gfp)) {
          this.counters.rx_buff_alloc_err++;
          this.ctx.count('rx_buff_alloc_err');
          failed = true;
          break;
        }
        for (let i = 0; i < p.unitSlots; i++) {
          const slot = unit * p.unitSlots + i;
          const k = pageOfSlot(this.p, slot);
          this.ring.post(this.pageRef[k], (i % p.perPage) * p.stride + p.headroom, p.stride - p.headroom);
        }
        this.ctx.charge(p.mode === 'striding' ? c.drv_mlx5_umr_wqe : p.unitSlots * c.drv_refill_desc);
        if (p.mode === 'striding') this.counters.rx_mpwqe_posted++;
        this.unitsPosted++;
        posted++;
      }
    }
    if (posted > 0) this.ctx.charge(c.drv_doorbell);
  }

  private releaseUnit(pool: PagePoolApi, unit: number): void {
    const base = unit * this.p.unitPages;
    for (let j = 0; j < this.p.unitPages; j++) this.releasePage(pool, base + j, true);
  }

  /** Allocate the unit's pages (its old ones were released); on failure the new ones go back. */
  private fillUnit(pool: PagePoolApi, unit: number, gfp: Gfp): boolean {
    const p = this.p;
    const base = unit * p.unitPages;
    for (let j = 0; j < p.unitPages; j++) {
      const ref = pool.allocNetmems(gfp);
      if (ref === 0) {
        for (let u = 0; u < j; u++) this.releasePage(pool, base + u, true);
        return false;
      }
      pool.fragmentNetmem(ref, p.biasMax);
      this.pageRef[base + j] = ref;
      this.pageFrags[base + j] = 0;
      if (p.mode === 'striding') this.ctx.charge(this.ctx.costs.drv_mlx5_umr_mtt);
    }
    return true;
  }

  info(): Record<string, unknown> {
    const s = this.pool?.stats;
    // en_stats.c prints the page_pool counters as rx_pp_* (alloc_slow_high_order spelt out)
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
