// mlx4_en RX queue (en_rx.c; reference drivers.md §2.3–2.4): an in-order descriptor ring whose
// slots each own one page; with 1522-byte frames in a 2048 stride a slot flips between the two
// halves of its page while the flip test passes, else the slot releases the page to the skb and
// is refilled at the end of the poll, only once ≥ 8 slots are missing.
//   page_pool mode (v6.15+): page_pool_alloc_pages + page_pool_fragment_page(page, 1); keep =
//     page_pool_ref_page; release if page_count ≠ 1, pp_ref_count ≠ 1, pfmemalloc or remote node.
//   legacy mode (≤ v6.14): alloc_page + dma_map_page per page; keep = page_ref_inc; release
//     unmaps the page and the skb's put_page frees it to the page allocator.
// XDP: one frame per page (stride PAGE_SIZE); XDP_DROP leaves the page in its slot; XDP_TX hands
// the page to the XDP TX ring whose completion returns it to this RX pool (put_full_page,
// direct in NAPI); XDP_PASS / XDP_REDIRECT release the slot.
// Only single-frag layouts (MTU ≤ 2026, or XDP) are modelled; jumbo multi-frag layouts are refused.
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { pageToNetmem, netmemIndex } from '../../netmem/netmemRef';
import { HOLDER_NIC_RING } from '../../netmem/places';
import { toPagePoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { PeakHold } from '../common/peakHold';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { MLX4_EN_REFILL_MIN, MLX4_SMALL_PACKET_SIZE, type Mlx4Params } from './params';

/** MLX4_EN_CACHE_SIZE = 2 × NAPI_POLL_WEIGHT: the pre-6.15 local XDP_TX recycle ring. */
export const MLX4_EN_CACHE_SIZE = 128;

export class Mlx4RxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  readonly peak = new PeakHold();
  readonly counters = { flips: 0, releases: 0, small_copies: 0, refills: 0, pages_allocated: 0, xdp_tx_recycled: 0 };
  private pool: PagePoolApi | null = null;
  private readonly nslots: number;
  private readonly slotRef: Int32Array;
  private readonly slotOff: Int32Array;
  private prod = 0;
  private cons = 0;
  /** legacy: pages the driver holds (slots + XDP cache), for the peak-hold metadata figure */
  private driverPages = 0;
  private readonly xdpCache = new Int32Array(MLX4_EN_CACHE_SIZE);
  private xdpCacheCount = 0;
  private readonly frag = new Int32Array(1);
  private readonly hc: HelperCosts;
  private readonly legacy: boolean;
  private readonly stride: number;

  constructor(readonly ctx: DriverContext, readonly p: Mlx4Params) {
    if (p.frags.length !== 1) {
      throw new DriverConfigError('mlx4', 'EOPNOTSUPP', `MTU needs ${p.frags.length} RX frags per descriptor; the model covers single-frag layouts (MTU ≤ 2026)`);
    }
    this.nslots = p.ring;
    this.ring = new RxRing(p.ring);
    this.slotRef = new Int32Array(p.ring);
    this.slotOff = new Int32Array(p.ring);
    this.hc = helperCosts(ctx.costs);
    this.legacy = p.mode === 'legacy';
    this.stride = p.frags[0].stride;
  }

  start(): void {
    if (!this.legacy) {
      const r = this.ctx.createPagePool(toPagePoolParams(this.p.pool, this.ctx.napiCore, this.ctx.ifindex ?? 0, this.ctx.queue), 'data');
      if (!r.ok) throw new DriverConfigError('mlx4', r.error.errno, `page_pool_create: ${r.error.message}`);
      this.pool = r.value;
      this.pools = [r.value];
    }
    this.refill(true);
  }

  stop(): void {
    const ring = this.ring;
    if (ring.completions > 0) ring.consume(ring.completions);
    ring.takeAllPosted(new Int32Array(2 * ring.size));
    for (let s = 0; s < this.nslots; s++) {
      const ref = this.slotRef[s];
      if (ref !== 0) this.releaseSlotPage(ref);
      this.slotRef[s] = 0;
    }
    for (let i = 0; i < this.xdpCacheCount; i++) this.releaseSlotPage(this.xdpCache[i]);
    this.xdpCacheCount = 0;
    this.prod = this.cons = 0;
    if (this.pool) this.pool.destroy(this.ctx.now());
    this.pool = null;
  }

  heldBuffers(): number {
    let n = this.xdpCacheCount;
    for (let s = 0; s < this.nslots; s++) if (this.slotRef[s] !== 0) n++;
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
      const sop = ring.cqHead;
      const s = this.cons % this.nslots;
      const ref = this.slotRef[s];
      const bytes = ring.cqFrameLen[sop];
      // CQE read, dma_sync_single_for_cpu (driver syncs itself: no DMA_SYNC_DEV), header prefetch.
      ctx.charge(c.drv_rx_desc + this.hc.syncForCpu + this.hc.address + this.hc.prefetchGuard);
      this.frag[0] = ref;
      if (this.p.xdp) {
        this.xdp(s, ref, bytes);
      } else if (bytes <= MLX4_SMALL_PACKET_SIZE) {
        // Small packet: copied into the skb head; the frag stays in its slot untouched.
        ctx.charge(bytes * c.copy_per_byte);
        this.counters.small_copies++;
        ctx.deliverSkb(this.frag, 0, bytes, true);
      } else {
        this.completeRxDesc(s, ref);
        ctx.deliverSkb(this.frag, 1, bytes, true);
      }
      ring.consume(n);
      this.cons++;
      work++;
    }
    this.refill(false);
    this.peak.sample(this.pools, this.driverPages);
    return work;
  }

  /** mlx4_en_complete_rx_desc for a stride of PAGE_SIZE/2: flip to the other half or release. */
  private completeRxDesc(s: number, ref: number): void {
    const ctx = this.ctx;
    ctx.charge(ctx.costs.drv_mlx4_flip_check);
    if (!this.p.flip) { this.releaseToSkb(s); return; }
    const page = netmemIndex(ref);
    const mm = ctx.mm;
    let release = mm.pageRefcount(page) !== 1 || mm.pageIsPfmemalloc(page) || mm.pageNid(page) !== this.p.pool.nid;
    if (!this.legacy && !release) {
      // v6.17: pp_ref_count read through netmem_desc (pp_page_to_nmdesc), 4 changed lines.
      const tables = ctx.tables;
      if (!tables) throw new Error('mlx4: the engine must provide DriverContext.tables for the flip test');
      // ppRefEquals reads the exact count without a BigInt (nothing allocated per packet).
      release = !tables.table(ref).ppRefEquals(netmemIndex(ref), 1);
    }
    if (release) { this.releaseToSkb(s); return; }
    // Keep: one more reference so the slot and the skb each hold one; flip to the other half.
    if (this.legacy) {
      mm.pageRefInc(page);
      ctx.charge(ctx.costs.page_ref_atomic);
    } else {
      this.pool!.refNetmem(ref, HOLDER_NIC_RING);
    }
    this.slotOff[s] ^= this.stride;
    this.counters.flips++;
  }

  /** The slot forgets the page: the skb owns the reference. Legacy also unmaps it now. */
  private releaseToSkb(s: number): void {
    if (this.legacy) {
      this.ctx.charge(this.ctx.costs.dma_unmap);
      this.driverPages--;
    }
    this.slotRef[s] = 0;
    this.counters.releases++;
  }

  private xdp(s: number, ref: number, bytes: number): void {
    const ctx = this.ctx;
    ctx.charge(ctx.costs.xdp_prog);
    const act = ctx.xdpAction;
    if (act === 'drop') {
      ctx.count('rx_xdp_drop');
      return; // the page stays in its slot and is reposted as is
    }
    if (act === 'tx') {
      this.slotRef[s] = 0;
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
    this.releaseToSkb(s);
    this.frag[0] = ref;
    if (act === 'redirect') {
      if (this.pool) this.pool.putFullNetmem(ref, false);
      else this.freeDriverPage(ref);
      return;
    }
    ctx.deliverSkb(this.frag, 1, bytes, true);
  }

  /** mlx4_en_refill_rx_buffers: only when ≥ 8 slots are missing (or at start). */
  private refill(force: boolean): void {
    const missing = this.cons + this.nslots - this.prod;
    if (!force && missing < MLX4_EN_REFILL_MIN) return;
    const c = this.ctx.costs;
    let posted = 0;
    while (this.prod < this.cons + this.nslots) {
      const s = this.prod % this.nslots;
      if (this.slotRef[s] === 0) {
        const ref = this.allocPage();
        if (ref === 0) { this.ctx.count('rx_alloc_fail'); break; }
        this.slotRef[s] = ref;
        this.slotOff[s] = 0;
      }
      this.ring.post(this.slotRef[s], this.slotOff[s] + this.p.headroom, this.p.frags[0].size);
      this.ctx.charge(c.drv_refill_desc);
      this.prod++;
      posted++;
    }
    if (posted > 0) {
      this.counters.refills++;
      this.ctx.charge(c.drv_doorbell);
    }
  }

  private allocPage(): number {
    const ctx = this.ctx;
    if (this.pool) {
      const ref = this.pool.allocNetmems();
      if (ref !== 0) this.pool.fragmentNetmem(ref, 1);
      return ref;
    }
    if (this.xdpCacheCount > 0) return this.xdpCache[--this.xdpCacheCount];
    const r = ctx.mm.allocPages(this.p.pool.nid < 0 ? 0 : this.p.pool.nid, 0);
    if (r.page < 0) return 0;
    ctx.charge(ctx.pageAllocCycles(0) + ctx.costs.dma_map);
    this.counters.pages_allocated++;
    this.driverPages++;
    return pageToNetmem(r.page);
  }

  /** A page the slot (or the XDP cache) owns goes away at stop / XDP overflow. */
  private releaseSlotPage(ref: number): void {
    if (this.pool) this.pool.putFullNetmem(ref, false);
    else { this.ctx.charge(this.ctx.costs.dma_unmap); this.driverPages--; this.freeDriverPage(ref); }
  }

  private freeDriverPage(ref: number): void {
    this.ctx.charge(this.ctx.costs.page_free_order0);
    this.ctx.mm.pageRefDec(netmemIndex(ref));
  }

  info(): Record<string, unknown> {
    return { counters: { ...this.counters }, peak: { pool_pages: this.peak.peakPoolPages, driver_pages: this.peak.peakDriverPages } };
  }
}
