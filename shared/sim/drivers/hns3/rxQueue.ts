// hns3 RX queue (hns3_enet.c hns3_clean_rx_ring / hns3_handle_rx_bd; docs/model/drivers/hns3.md).
// In-order ring; refill inside the poll loop whenever ≥ 16 buffers are missing, and at the end.
// Frames ≤ 256 bytes are copied into the skb head and their buffer stays in its slot (if the page
// is local and not pfmemalloc). Larger frames: eth_get_headlen bytes are pulled into the head and
// the rest attached as a frag.
//   page_pool mode: buffers are page_pool frags (two 2048-byte buffers per page); an attached
//     frag leaves the slot, which gets a fresh frag at refill; skbs are marked for recycle. No
//     pp.napi, so skb frees recycle through the ptr_ring.
//   legacy mode (page_pool_enabled=0): the pagecnt_bias reuse of pageReuse.ts on driver pages
//     (alloc + dma_map per new page, unmap when a page is handed over for good).
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { netmemIndex, pageToNetmem } from '../../netmem/netmemRef';
import { toPagePoolParams } from '../common/poolParams';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { MAX_SKB_FRAGS } from '../gve/params';
import { HNS3_PAGECNT_BIAS, HNS3_RX_HEAD_SIZE, RCB_NOF_ALLOC_RX_BUFF_ONCE, type Hns3Params } from './params';
import { ethGetHeadlen } from '../../nic/headers';
import { RULE_D, RULE_E, RULE_NAMES, hns3NextOffset, hns3ReuseRule } from './pageReuse';
import { GFP_DEV_ALLOC } from '../../mm/gfp';
import { STAGE_ALLOC, STAGE_COPY, STAGE_DMA, STAGE_RECYCLE } from '../../../doc/cycleStages';

export class Hns3RxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  /** how often each legacy reuse rule fired (a–e), small-frame copies, pages allocated */
  readonly rules = { a: 0, b: 0, c: 0, d: 0, e: 0 };
  /** pulled_bytes: header bytes eth_get_headlen made hns3 copy into skb heads */
  readonly counters = { small_copies: 0, pages_allocated: 0, frag_allocs: 0, pulled_bytes: 0 };
  private pool: PagePoolApi | null = null;
  private readonly slotRef: Int32Array;
  private readonly slotOff: Int32Array;
  private readonly slotBias: Int32Array;
  private prod = 0;
  private cons = 0;
  private readonly frags = new Int32Array(MAX_SKB_FRAGS + 1);
  private readonly hc: HelperCosts;
  private readonly legacy: boolean;
  private readonly localNid: number;

  constructor(
    readonly ctx: DriverContext,
    readonly p: Hns3Params,
  ) {
    this.ring = new RxRing(p.ring);
    this.slotRef = new Int32Array(p.ring);
    this.slotOff = new Int32Array(p.ring);
    this.slotBias = new Int32Array(p.ring);
    this.hc = helperCosts(ctx.costs);
    this.legacy = p.mode === 'legacy';
    this.localNid = p.pool.nid < 0 ? 0 : p.pool.nid;
  }

  start(): void {
    if (!this.legacy) {
      // hns3_enet.c hns3_alloc_page_pool sets no pp.netdev: page-pool-get does not list the pool
      // and a stalled destroy prints the 60 s "stalled pool shutdown" warning.
      const r = this.ctx.createPagePool(toPagePoolParams(this.p.pool, this.ctx.napiCore, 0, this.ctx.queue), 'data');
      // hns3_alloc_page_pool: a creation failure only warns and falls back to the split-page mode.
      if (r.ok) {
        this.pool = r.value;
        this.pools = [r.value];
      } else {
        this.ctx.log('warn', `page pool creation failed: ${r.error.errno}`);
      }
    }
    this.refill();
  }

  stop(): void {
    const ring = this.ring;
    if (ring.completions > 0) ring.consume(ring.completions);
    ring.takeAllPosted(new Int32Array(2 * ring.size));
    for (let s = 0; s < this.p.ring; s++) {
      if (this.slotRef[s] !== 0) this.dropSlot(s);
    }
    this.prod = this.cons = 0;
    if (this.pool) this.pool.destroy(this.ctx.now());
    this.pool = null;
  }

  heldBuffers(): number {
    let n = 0;
    for (let s = 0; s < this.p.ring; s++) if (this.slotRef[s] !== 0) n++;
    return n;
  }

  napiPoll(budget: number): number {
    const ring = this.ring;
    const ctx = this.ctx;
    const c = ctx.costs;
    let work = 0;
    while (work < budget) {
      if (this.cons + this.p.ring - this.prod >= RCB_NOF_ALLOC_RX_BUFF_ONCE) this.refill();
      const n = ring.frameDescs();
      if (n === 0) break;
      const bytes = ring.headFrameLen;
      ctx.chargeSplit(
        n * (c.drv_rx_desc + this.hc.syncForCpu) + this.hc.address + this.hc.prefetchGuard,
        STAGE_DMA,
        n * this.hc.syncForCpu,
      );
      if (n === 1 && bytes <= HNS3_RX_HEAD_SIZE) {
        // hns3_alloc_skb: the whole frame is copied into the head; the buffer stays if reusable.
        ctx.charge(bytes * c.copy_per_byte, STAGE_COPY);
        this.counters.small_copies++;
        const s = this.cons % this.p.ring;
        if (!this.pageReusable(this.slotRef[s])) this.dropSlot(s);
        this.cons++;
        ctx.deliverSkb(this.frags, 0, bytes, true);
      } else {
        // hns3_handle_rx_bd → hns3_alloc_skb: eth_get_headlen() bytes of this frame (its real
        // L2–L4 headers) pulled into the head, the rest attached as frags.
        const pull = ethGetHeadlen(ctx.frameHeaderLen(ring.headFlow), bytes);
        this.counters.pulled_bytes += pull;
        ctx.charge(pull * c.copy_per_byte, STAGE_COPY);
        let nf = 0;
        for (let d = 0; d < n; d++) {
          const s = this.cons % this.p.ring;
          const len = ring.descLen(d) - (d === 0 ? pull : 0);
          const ref = this.slotRef[s];
          if (this.legacy) {
            if (this.reusePage(s, len)) this.frags[nf++] = ref;
          } else {
            this.frags[nf++] = ref;
            this.slotRef[s] = 0; // reuse function only adds the frag and returns (page_pool mode)
          }
          this.cons++;
        }
        ctx.deliverSkb(this.frags, nf, bytes, true);
      }
      ring.consume(n);
      work++;
    }
    this.refill();
    return work;
  }

  /** dev_page_is_reusable: local node and not pfmemalloc. */
  private pageReusable(ref: number): boolean {
    const page = netmemIndex(ref);
    return this.ctx.mm.pageNid(page) === this.localNid && !this.ctx.mm.pageIsPfmemalloc(page);
  }

  /**
   * hns3_nic_reuse_page for one buffer; returns whether the slot's page went to the skb as a frag
   * (false for rule d: the bytes were copied).
   */
  private reusePage(s: number, fragBytes: number): boolean {
    const ctx = this.ctx;
    const mm = ctx.mm;
    const ref = this.slotRef[s];
    const page = netmemIndex(ref);
    ctx.charge(ctx.costs.drv_hns3_reuse_check);
    const sole = mm.pageRefcount(page) === this.slotBias[s];
    const rule = hns3ReuseRule(
      this.slotOff[s],
      this.p.bufSize,
      this.p.pageBytes,
      sole,
      this.pageReusable(ref),
      fragBytes,
      this.p.copybreak,
    );
    this.rules[RULE_NAMES[rule] as 'a' | 'b' | 'c' | 'd' | 'e']++;
    if (rule === RULE_D) {
      ctx.chargeSplit(
        fragBytes * ctx.costs.copy_per_byte + ctx.costs.napi_alloc_frag,
        STAGE_COPY,
        fragBytes * ctx.costs.copy_per_byte,
        STAGE_ALLOC,
      ); // napi_alloc_frag + copy
      return false;
    }
    // The out path: one bias reference becomes the skb's; re-arm the bias when it runs out.
    this.slotBias[s]--;
    if (this.slotBias[s] === 0) {
      mm.pageRefInc(page, HNS3_PAGECNT_BIAS);
      this.slotBias[s] = HNS3_PAGECNT_BIAS;
      ctx.charge(ctx.costs.page_ref_atomic, STAGE_RECYCLE);
    }
    if (rule === RULE_E) {
      // __page_frag_cache_drain(page, bias): the slot gives up its remaining references.
      ctx.chargeSplit(ctx.costs.dma_unmap + ctx.costs.page_ref_atomic, STAGE_DMA, ctx.costs.dma_unmap, STAGE_RECYCLE);
      mm.pageRefDec(page, this.slotBias[s]);
      this.slotRef[s] = 0;
    } else {
      this.slotOff[s] = hns3NextOffset(rule, this.slotOff[s], this.p.bufSize);
    }
    return true;
  }

  /** Give up a slot's buffer outside the reuse path (small frame on a non-reusable page, stop). */
  private dropSlot(s: number): void {
    const ref = this.slotRef[s];
    if (this.pool) {
      this.pool.putFullNetmem(ref, false);
    } else {
      this.ctx.charge(this.ctx.costs.dma_unmap, STAGE_DMA);
      this.ctx.mm.pageRefDec(netmemIndex(ref), this.slotBias[s]);
    }
    this.slotRef[s] = 0;
  }

  /** hns3_nic_alloc_rx_buffers: reuse the slot's buffer (reuse_flag) or allocate a new one. */
  private refill(): void {
    const c = this.ctx.costs;
    let posted = 0;
    while (this.prod < this.cons + this.p.ring) {
      const s = this.prod % this.p.ring;
      if (this.slotRef[s] === 0 && !this.allocBuffer(s)) {
        this.ctx.count('rx_alloc_fail');
        break;
      }
      this.ring.post(this.slotRef[s], this.slotOff[s], this.p.bufSize);
      this.ctx.charge(c.drv_refill_desc);
      this.prod++;
      posted++;
    }
    // The new head is written to HNS3_RING_RX_RING_HEAD_REG once per batch.
    if (posted > 0) this.ctx.charge(c.drv_doorbell);
  }

  private allocBuffer(s: number): boolean {
    const ctx = this.ctx;
    if (this.pool) {
      const ref = this.pool.allocFragNetmem(this.p.bufSize);
      if (ref === 0) return false;
      ctx.charge(this.hc.address); // cb->buf = page_address(page) (+ netmem_address LSB test)
      this.slotRef[s] = ref;
      this.slotOff[s] = this.pool.fragOffset;
      this.counters.frag_allocs++;
      return true;
    }
    // hns3_alloc_buffer without page_pool: dev_alloc_pages(order) = GFP_ATOMIC | __GFP_MEMALLOC
    // (include/linux/skbuff.h __dev_alloc_pages): may take the reserves, a pfmemalloc page.
    const r = ctx.mm.allocPages(this.localNid, this.p.order, GFP_DEV_ALLOC);
    if (r.page < 0) return false;
    // dev_alloc_pages + dma_map_page + page_ref_add(USHRT_MAX − 1).
    ctx.mm.pageRefInc(r.page, HNS3_PAGECNT_BIAS - 1);
    ctx.chargeSplit(
      ctx.pageAllocCycles(this.p.order) + ctx.costs.dma_map + ctx.costs.page_ref_atomic,
      STAGE_DMA,
      ctx.costs.dma_map,
      STAGE_ALLOC,
    );
    this.slotRef[s] = pageToNetmem(r.page);
    this.slotOff[s] = 0;
    this.slotBias[s] = HNS3_PAGECNT_BIAS;
    this.counters.pages_allocated++;
    return true;
  }

  info(): Record<string, unknown> {
    return {
      counters: { ...this.counters },
      reuse_rules: this.legacy ? { ...this.rules } : undefined,
    };
  }
}
