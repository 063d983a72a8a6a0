// GVE DQO-QPL RX queue (gve_buffer_mgmt_dqo.c; docs/model/drivers/gve.md#dqo-qpl): no page_pool. The queue owns a
// fixed queue page list of 2 × ring pages registered with the device once (mapped once, never
// per packet). Each QPL page is one buffer state; a state posts one truesize chunk at its
// current offset. After a chunk is attached to an skb (pagecnt_bias − 1: the skb owns a ref),
// gve_try_recycle_buf: if only that skb holds the page, remember the offset as
// last_single_ref_offset; advance the offset (wrapping); if it came back to
// last_single_ref_offset the page is full → used list, else → recycled list (ready at once).
// Allocation takes the recycled list first, then searches up to 5 used entries for one whose
// page_count − pagecnt_bias is 0. When used states reach num_buf_states − 96, received data is
// copied into a fresh page so the QPL buffer is freed at once (on-demand copy).
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { pageToNetmem } from '../../netmem/netmemRef';
import { IntFifo } from '../../util/intFifo';
import { DriverConfigError } from '../common/errors';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { GVE_DQO_QPL_ONDEMAND_ALLOC_THRESHOLD, GVE_DQO_QPL_PAGES_PER_DESC, MAX_SKB_FRAGS, type GveParams } from './params';
import { GFP_ATOMIC, GFP_KERNEL } from '../../mm/gfp';
import { STAGE_ALLOC, STAGE_COPY, STAGE_DMA } from '../../../doc/cycleStages';

/**
 * The kernel adds INT_MAX references; the behaviour depends only on page_count − bias, so the
 * model uses 2^24 to stay inside its int32 refcount.
 */
export const GVE_QPL_BIAS = 1 << 24;
/** Used-list entries searched per allocation (gve_get_recycled_buf_state_dqo). */
export const GVE_QPL_USED_SCAN = 5;

export class GveDqoQplQueue implements RxQueueDriver {
  readonly ring: RxRing;
  readonly pools: PagePoolApi[] = [];
  readonly counters = { rx_copybreak_pkt: 0, rx_copied_pkt: 0, recycled: 0, used: 0, ondemand_pages: 0, no_buf_state: 0 };
  readonly numBufStates: number;
  private readonly statePage: Int32Array;
  private readonly stateOff: Int32Array;
  private readonly stateLastSingle: Int32Array;
  private readonly stateBias: Int32Array;
  private readonly recycled = new IntFifo(64);
  private readonly usedList = new IntFifo(64);
  /** buffer state of each posted descriptor, in posting order */
  private readonly postedState = new IntFifo(64);
  private readonly frags = new Int32Array(MAX_SKB_FRAGS);
  private readonly hc: HelperCosts;
  private started = false;

  constructor(
    readonly ctx: DriverContext,
    readonly p: GveParams,
  ) {
    this.ring = new RxRing(p.ring);
    this.numBufStates = GVE_DQO_QPL_PAGES_PER_DESC * p.ring;
    this.statePage = new Int32Array(this.numBufStates).fill(-1);
    this.stateOff = new Int32Array(this.numBufStates);
    this.stateLastSingle = new Int32Array(this.numBufStates).fill(-1);
    this.stateBias = new Int32Array(this.numBufStates);
    this.hc = helperCosts(ctx.costs);
  }

  start(): void {
    const ctx = this.ctx;
    const nid = ctx.nic.numa_node;
    for (let s = 0; s < this.numBufStates; s++) {
      // gve_alloc_qpl_page_dqo → gve_alloc_page(…, GFP_KERNEL) at queue setup
      const r = ctx.mm.allocPages(nid, 0, GFP_KERNEL);
      if (r.page < 0) throw new DriverConfigError('gve', 'ENOMEM', `cannot allocate QPL page ${s} of ${this.numBufStates}`);
      ctx.mm.pageRefInc(r.page, GVE_QPL_BIAS);
      ctx.chargeSplit(ctx.pageAllocCycles(0) + ctx.costs.dma_map, STAGE_DMA, ctx.costs.dma_map, STAGE_ALLOC);
      this.statePage[s] = r.page;
      this.stateBias[s] = GVE_QPL_BIAS + 1;
      this.stateOff[s] = 0;
      this.recycled.push(s);
    }
    this.started = true;
    this.post();
  }

  stop(): void {
    if (!this.started) return;
    const ring = this.ring;
    if (ring.completions > 0) ring.consume(ring.completions);
    ring.takeAllPosted(new Int32Array(2 * ring.size));
    // Unregister the QPL: drop the driver's references; pages still in skbs go when those are freed.
    for (let s = 0; s < this.numBufStates; s++) {
      this.ctx.charge(this.ctx.costs.dma_unmap, STAGE_DMA);
      this.ctx.mm.pageRefDec(this.statePage[s], this.stateBias[s]);
      this.statePage[s] = -1;
    }
    this.recycled.clear();
    this.usedList.clear();
    this.postedState.clear();
    this.started = false;
  }

  heldBuffers(): number {
    return this.ring.posted + this.ring.completions;
  }

  /** gve_buf_ref_cnt: references other than the driver's bias (skbs holding chunks). */
  private refCnt(s: number): number {
    return this.ctx.mm.pageRefcount(this.statePage[s]) - this.stateBias[s];
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
      ctx.chargeSplit(n * (c.drv_rx_desc + c.drv_gve_buf_state + this.hc.syncForCpu), STAGE_DMA, n * this.hc.syncForCpu);
      const copyAll = this.usedList.length >= this.numBufStates - GVE_DQO_QPL_ONDEMAND_ALLOC_THRESHOLD;
      if (n === 1 && bytes <= this.p.copybreak) {
        ctx.charge(bytes * c.copy_per_byte, STAGE_COPY);
        this.counters.rx_copybreak_pkt++;
        this.recycled.push(this.postedState.shift());
        ctx.deliverSkb(this.frags, 0, bytes, true);
      } else {
        let nf = 0;
        for (let d = 0; d < n; d++) {
          const s = this.postedState.shift();
          const len = ring.descLen(d);
          if (copyAll) {
            // gve_rx_copy_ondemand: copy into a fresh page, the QPL chunk is free again at once.
            const r = ctx.mm.allocPages(ctx.nic.numa_node, 0, GFP_ATOMIC); // alloc_page(GFP_ATOMIC)
            if (r.page >= 0) {
              ctx.chargeSplit(ctx.pageAllocCycles(0) + len * c.copy_per_byte, STAGE_COPY, len * c.copy_per_byte, STAGE_ALLOC);
              this.counters.rx_copied_pkt++;
              this.counters.ondemand_pages++;
              this.frags[nf++] = pageToNetmem(r.page);
              this.recycled.push(s);
              continue;
            }
          }
          // Attach the chunk: the skb takes one of the bias references.
          this.stateBias[s]--;
          this.frags[nf++] = pageToNetmem(this.statePage[s]);
          this.tryRecycle(s);
        }
        ctx.deliverSkb(this.frags, nf, bytes, true);
      }
      ring.consume(n);
      work++;
    }
    this.post();
    return work;
  }

  /** gve_try_recycle_buf for QPL. */
  private tryRecycle(s: number): void {
    if (this.refCnt(s) === 1) this.stateLastSingle[s] = this.stateOff[s];
    const next = (this.stateOff[s] + this.p.truesize) & (this.p.pageSize - 1);
    this.stateOff[s] = next;
    if (next === this.stateLastSingle[s]) {
      this.usedList.push(s);
      this.counters.used++;
    } else {
      this.recycled.push(s);
      this.counters.recycled++;
    }
  }

  /** A free buffer state: recycled list first, then up to 5 used entries with no outside refs. */
  private getBufState(): number {
    if (this.recycled.length > 0) return this.recycled.shift();
    const scan = Math.min(GVE_QPL_USED_SCAN, this.usedList.length);
    for (let i = 0; i < scan; i++) {
      this.ctx.charge(this.ctx.costs.drv_gve_qpl_used_scan);
      const s = this.usedList.shift();
      if (this.refCnt(s) === 0) {
        this.stateLastSingle[s] = -1;
        return s;
      }
      this.usedList.push(s);
    }
    return -1;
  }

  private post(): void {
    const ring = this.ring;
    const c = this.ctx.costs;
    let n = Math.min(ring.size - 1 - ring.posted, ring.freeDescs);
    let posted = 0;
    while (n-- > 0) {
      const s = this.getBufState();
      if (s < 0) {
        this.counters.no_buf_state++;
        break;
      }
      ring.post(pageToNetmem(this.statePage[s]), this.stateOff[s], this.p.bufLen);
      this.postedState.push(s);
      this.ctx.charge(c.drv_refill_desc);
      posted++;
    }
    if (posted > 0) this.ctx.charge(c.drv_doorbell * Math.ceil(posted / 32));
  }

  info(): Record<string, unknown> {
    return { counters: { ...this.counters }, qpl_pages: this.numBufStates };
  }
}
