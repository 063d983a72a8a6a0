// mlx4_en RX queue (drivers/net/ethernet/mellanox/mlx4/en_rx.c; docs/model/drivers/mlx4.md).
// An in-order descriptor ring; each descriptor holds up to four scatter entries (frags, laid out
// by mlx4_en_calc_rx_buf) and each frag owns one page at an offset.
// Every non-XDP frame goes through napi_get_frags + mlx4_en_complete_rx_desc: there is no
// small-frame copy, a 64-byte frame takes a frag like a 1500-byte one. Per frag the frame used,
// in mlx4_en_complete_rx_desc:
//   stride == PAGE_SIZE / 2: flip to the other half; release if page_count ≠ 1, pp_ref_count ≠ 1
//     (page_pool mode), pfmemalloc, or the page's node ≠ numa_mem_id() of the polling CPU;
//   other strides (no XDP headroom): advance the offset by the bytes written aligned to
//     SMP_CACHE_BYTES; release once the next frag_size would not fit in the page;
//   XDP (stride PAGE_SIZE, headroom 256): always release.
// Keep = one more reference (page_pool_ref_page; legacy page_ref_inc) so the slot and the skb
// each hold one; release = the slot forgets the page (legacy also unmaps it).
// Frags the frame did not reach keep their page and offset untouched.
// Refill (mlx4_en_refill_rx_buffers) at the end of the poll, only when ≥ 8 descriptors are
// missing, with GFP_ATOMIC | __GFP_MEMALLOC; the fill at ndo_open uses GFP_KERNEL.
//   page_pool mode (v6.15+): page_pool_alloc_pages(pp, gfp) + page_pool_fragment_page(page, 1).
//   legacy (≤ v6.14): alloc_page(gfp) + dma_map_page; the skb's put_page frees it.
// XDP: XDP_DROP leaves the page in its slot; XDP_TX hands the page to the XDP TX ring whose
// completion returns it to this RX pool (put_full_page, direct in NAPI); PASS / REDIRECT release.
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import { PAGE_SIZE, type PagePoolApi } from '../../page_pool/types';
import { pageToNetmem, netmemIndex } from '../../netmem/netmemRef';
import { HOLDER_NIC_RING } from '../../netmem/places';
import { GFP_DEV_ALLOC, GFP_KERNEL, type Gfp } from '../../mm/gfp';
import { toPagePoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { MLX4_EN_REFILL_MIN, SMP_CACHE_BYTES, alignUp, type Mlx4Params } from './params';
import { STAGE_ALLOC, STAGE_DMA, STAGE_RECYCLE } from '../../../doc/cycleStages';

/** MLX4_EN_CACHE_SIZE = 2 × NAPI_POLL_WEIGHT: the pre-6.15 local XDP_TX recycle ring. */
export const MLX4_EN_CACHE_SIZE = 128;

export class Mlx4RxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  /** flips / offset_reuses: frags kept by the slot; releases: frags handed to the skb for good */
  readonly counters = { flips: 0, offset_reuses: 0, releases: 0, refills: 0, pages_allocated: 0, xdp_tx_recycled: 0 };
  private pool: PagePoolApi | null = null;
  private readonly nslots: number;
  /** frags per descriptor (num_frags) */
  private readonly nf: number;
  /** per slot × frag: page (netmem ref, 0 = none) and page_offset (headroom included) */
  private readonly slotRef: Int32Array;
  private readonly slotOff: Int32Array;
  private readonly fragSize: Int32Array;
  private readonly fragStride: Int32Array;
  /** bytes one descriptor can take: the sum of its frag sizes */
  private readonly descBytes: number;
  private prod = 0;
  private cons = 0;
  private readonly xdpCache = new Int32Array(MLX4_EN_CACHE_SIZE);
  private xdpCacheCount = 0;
  private readonly frag: Int32Array;
  private readonly hc: HelperCosts;
  private readonly legacy: boolean;

  constructor(
    readonly ctx: DriverContext,
    readonly p: Mlx4Params,
  ) {
    this.nslots = p.ring;
    this.nf = p.frags.length;
    this.ring = new RxRing(p.ring);
    this.slotRef = new Int32Array(p.ring * this.nf);
    this.slotOff = new Int32Array(p.ring * this.nf);
    this.fragSize = Int32Array.from(p.frags.map((f) => f.size));
    this.fragStride = Int32Array.from(p.frags.map((f) => f.stride));
    this.descBytes = p.frags.reduce((a, f) => a + f.size, 0);
    this.frag = new Int32Array(this.nf);
    this.hc = helperCosts(ctx.costs);
    this.legacy = p.mode === 'legacy';
  }

  start(): void {
    if (!this.legacy) {
      const r = this.ctx.createPagePool(toPagePoolParams(this.p.pool, this.ctx.napiCore, this.ctx.ifindex ?? 0, this.ctx.queue), 'data');
      if (!r.ok) throw new DriverConfigError('mlx4', r.error.errno, `page_pool_create: ${r.error.message}`);
      this.pool = r.value;
      this.pools = [r.value];
    }
    // mlx4_en_fill_rx_buffers at ndo_open: GFP_KERNEL
    this.refill(true, GFP_KERNEL);
  }

  stop(): void {
    const ring = this.ring;
    if (ring.completions > 0) ring.consume(ring.completions);
    ring.takeAllPosted(new Int32Array(2 * ring.size));
    for (let k = 0; k < this.slotRef.length; k++) {
      const ref = this.slotRef[k];
      if (ref !== 0) this.releaseSlotPage(ref);
      this.slotRef[k] = 0;
    }
    for (let i = 0; i < this.xdpCacheCount; i++) this.releaseSlotPage(this.xdpCache[i]);
    this.xdpCacheCount = 0;
    this.prod = this.cons = 0;
    if (this.pool) this.pool.destroy(this.ctx.now());
    this.pool = null;
  }

  heldBuffers(): number {
    let n = this.xdpCacheCount;
    for (let k = 0; k < this.slotRef.length; k++) if (this.slotRef[k] !== 0) n++;
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
      const s = this.cons % this.nslots;
      const bytes = ring.headFrameLen;
      // CQE read, dma_sync_single_range_for_cpu per frag used, header prefetch.
      ctx.chargeSplit(c.drv_rx_desc + this.hc.syncForCpu + this.hc.address + this.hc.prefetchGuard, STAGE_DMA, this.hc.syncForCpu);
      if (n > 1) {
        // Longer than one descriptor's scatter list (eff MTU): the port drops it as oversize;
        // the model's ring spread it over n descriptors, whose slots keep their pages.
        ctx.count('rx_length_errors');
        ring.consume(n);
        this.cons += n;
        work++;
        continue;
      }
      if (this.p.xdp) {
        this.xdp(s, bytes);
      } else {
        // napi_get_frags + mlx4_en_complete_rx_desc, whatever the frame size
        const nr = this.completeRxDesc(s, bytes);
        ctx.deliverSkb(this.frag, nr, bytes, true);
      }
      ring.consume(n);
      this.cons++;
      work++;
    }
    this.refill(false, GFP_DEV_ALLOC);
    return work;
  }

  /** mlx4_en_complete_rx_desc: hand the frags the frame used to the skb; keep or release each. */
  private completeRxDesc(s: number, length: number): number {
    const ctx = this.ctx;
    const half = PAGE_SIZE / 2;
    let nr = 0;
    let left = length;
    while (left > 0 && nr < this.nf) {
      const k = s * this.nf + nr;
      const ref = this.slotRef[k];
      const size = this.fragSize[nr];
      const used = left < size ? left : size;
      this.frag[nr] = ref;
      let release = true;
      if (this.fragStride[nr] === half) {
        ctx.charge(ctx.costs.drv_mlx4_flip_check);
        this.slotOff[k] ^= half;
        release = this.flipReleases(ref);
        if (!release) this.counters.flips++;
      } else if (this.p.headroom === 0) {
        this.slotOff[k] += alignUp(used, SMP_CACHE_BYTES);
        release = this.slotOff[k] + size > PAGE_SIZE;
        if (!release) this.counters.offset_reuses++;
      }
      if (release) this.releaseToSkb(k);
      else this.keepRef(ref);
      left -= used;
      nr++;
    }
    return nr;
  }

  /** The half-page flip test: page_count, pp_ref_count (page_pool), pfmemalloc, local node. */
  private flipReleases(ref: number): boolean {
    const ctx = this.ctx;
    const page = netmemIndex(ref);
    const mm = ctx.mm;
    if (mm.pageRefcount(page) !== 1 || mm.pageIsPfmemalloc(page) || mm.pageNid(page) !== ctx.numaMemId()) return true;
    if (this.legacy) return false;
    // v6.17: pp_ref_count read through netmem_desc (pp_page_to_nmdesc).
    const tables = ctx.tables;
    if (!tables) throw new Error('mlx4: the engine must provide DriverContext.tables for the flip test');
    // ppRefEquals reads the exact count without a BigInt (nothing allocated per packet).
    return !tables.table(ref).ppRefEquals(netmemIndex(ref), 1);
  }

  /** Keep: one more reference so the slot and the skb each hold one. */
  private keepRef(ref: number): void {
    if (this.legacy) {
      this.ctx.mm.pageRefInc(netmemIndex(ref));
      this.ctx.charge(this.ctx.costs.page_ref_atomic, STAGE_RECYCLE);
    } else {
      this.pool!.refNetmem(ref, HOLDER_NIC_RING, HOLDER_NIC_RING);
    }
  }

  /** The slot forgets the page: the skb owns the reference. Legacy also unmaps it now. */
  private releaseToSkb(k: number): void {
    if (this.legacy) {
      this.ctx.charge(this.ctx.costs.dma_unmap, STAGE_DMA);
    }
    this.slotRef[k] = 0;
    this.counters.releases++;
  }

  private xdp(s: number, bytes: number): void {
    const ctx = this.ctx;
    const k = s * this.nf;
    const ref = this.slotRef[k];
    this.frag[0] = ref;
    ctx.charge(ctx.costs.xdp_prog);
    const act = ctx.xdpAction;
    if (act === 'drop') {
      ctx.count('rx_xdp_drop');
      return; // the page stays in its slot and is reposted as is
    }
    if (act === 'tx') {
      this.slotRef[k] = 0;
      // TX completion (modelled in the same NAPI): back to the RX ring's pool, direct in NAPI mode;
      // legacy: into the local 128-entry recycle ring, else unmapped and freed.
      if (this.pool) {
        this.pool.putFullNetmem(ref, true);
      } else if (this.xdpCacheCount < MLX4_EN_CACHE_SIZE) {
        this.xdpCache[this.xdpCacheCount++] = ref;
      } else {
        this.releaseSlotPage(ref);
      }
      this.counters.xdp_tx_recycled++;
      return;
    }
    // PASS / REDIRECT: one frame per page, the slot always releases.
    this.releaseToSkb(k);
    if (act === 'redirect') {
      if (this.pool) this.pool.putFullNetmem(ref, false);
      else this.freeDriverPage(ref);
      return;
    }
    ctx.deliverSkb(this.frag, 1, bytes, true);
  }

  /** mlx4_en_refill_rx_buffers: only when ≥ 8 descriptors are missing (or at start). */
  private refill(force: boolean, gfp: Gfp): void {
    const missing = this.cons + this.nslots - this.prod;
    if (!force && missing < MLX4_EN_REFILL_MIN) return;
    const c = this.ctx.costs;
    let posted = 0;
    while (this.prod < this.cons + this.nslots) {
      const s = this.prod % this.nslots;
      if (!this.allocFrags(s, gfp)) {
        this.ctx.count('rx_alloc_fail');
        break;
      }
      const k = s * this.nf;
      this.ring.post(this.slotRef[k], this.slotOff[k], this.descBytes);
      this.ctx.charge(c.drv_refill_desc);
      this.prod++;
      posted++;
    }
    if (posted > 0) {
      this.counters.refills++;
      this.ctx.charge(c.drv_doorbell);
    }
  }

  /** mlx4_en_alloc_frags: a page for every frag that has none, at offset rx_headroom. */
  private allocFrags(s: number, gfp: Gfp): boolean {
    for (let i = 0; i < this.nf; i++) {
      const k = s * this.nf + i;
      if (this.slotRef[k] !== 0) continue;
      const ref = this.allocPage(gfp);
      if (ref === 0) return false; // frags already filled keep their pages for the next try
      this.slotRef[k] = ref;
      this.slotOff[k] = this.p.headroom;
    }
    return true;
  }

  private allocPage(gfp: Gfp): number {
    const ctx = this.ctx;
    if (this.pool) {
      const ref = this.pool.allocNetmems(gfp);
      if (ref !== 0) this.pool.fragmentNetmem(ref, 1);
      return ref;
    }
    if (this.xdpCacheCount > 0) return this.xdpCache[--this.xdpCacheCount];
    // alloc_page(gfp): the running CPU's node
    const r = ctx.mm.allocPages(ctx.numaMemId(), 0, gfp);
    if (r.page < 0) return 0;
    ctx.chargeSplit(ctx.pageAllocCycles(0) + ctx.costs.dma_map, STAGE_DMA, ctx.costs.dma_map, STAGE_ALLOC);
    this.counters.pages_allocated++;
    return pageToNetmem(r.page);
  }

  /** A page the slot (or the XDP cache) owns goes away at stop / XDP overflow. */
  private releaseSlotPage(ref: number): void {
    if (this.pool) this.pool.putFullNetmem(ref, false);
    else {
      this.ctx.charge(this.ctx.costs.dma_unmap, STAGE_DMA);
      this.freeDriverPage(ref);
    }
  }

  private freeDriverPage(ref: number): void {
    this.ctx.charge(this.ctx.costs.page_free_order0, STAGE_RECYCLE);
    this.ctx.mm.pageRefDec(netmemIndex(ref));
  }

  info(): Record<string, unknown> {
    return { counters: { ...this.counters } };
  }
}
