// mt76 DMA RX queue (dma.c mt76_dma_rx_fill_buf / mt76_dma_rx_process; docs/model/drivers/mt76.md#rx-flow).
// Fill while queued < ndesc − 1 with page_pool frags of buf_size (two 2048-byte buffers per page);
// the first buffer of a frame becomes the skb head (napi_build_skb around it, room left for
// skb_shared_info: 1728 writable bytes), continuation buffers are added as frags, found again with
// virt_to_head_page (netmem variant: virt_to_head_netmem + netmem_address). Refill at the end of
// the poll with allow_direct. Every posted buffer is written with the first-buffer limit (1728):
// the continuation limit (2048) is not modelled separately.
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { toPagePoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { MAX_SKB_FRAGS } from '../gve/params';
import type { Mt76Params } from './params';
import { STAGE_DMA } from '../../../doc/cycleStages';

export class Mt76RxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  readonly counters = { fills: 0, frags_dropped: 0 };
  private pool: PagePoolApi | null = null;
  private readonly frags = new Int32Array(MAX_SKB_FRAGS + 1);
  private readonly hc: HelperCosts;
  private readonly netmem: boolean;

  constructor(
    readonly ctx: DriverContext,
    readonly p: Mt76Params,
  ) {
    this.ring = new RxRing(p.ring);
    this.hc = helperCosts(ctx.costs);
    this.netmem = ctx.nic.variant === 'netmem';
  }

  start(): void {
    // mac80211.c mt76_create_page_pool sets no pp.netdev (a wireless device's pools belong to no
    // net_device): page-pool-get does not list them and a stalled destroy prints the 60 s warning.
    const r = this.ctx.createPagePool(toPagePoolParams(this.p.pool, this.ctx.napiCore, 0, this.ctx.queue), 'data');
    if (!r.ok) throw new DriverConfigError('mt76', r.error.errno, `page_pool_create: ${r.error.message}`);
    this.pool = r.value;
    this.pools = [r.value];
    this.fill();
  }

  stop(): void {
    const pool = this.pool;
    if (!pool) return;
    const out = new Int32Array(2 * this.ring.size);
    let n = this.ring.takeAllPosted(out);
    const done = this.ring.completions;
    for (let i = 0; i < done; i++) out[n++] = this.ring.cqRef[this.ring.cqSlot(i)];
    if (done > 0) this.ring.consume(done);
    for (let i = 0; i < n; i++) pool.putFullNetmem(out[i], false);
    pool.destroy(this.ctx.now());
    this.pool = null;
  }

  heldBuffers(): number {
    return this.ring.posted + this.ring.completions;
  }

  napiPoll(budget: number): number {
    const ring = this.ring;
    const ctx = this.ctx;
    const c = ctx.costs;
    const pool = this.pool!;
    let work = 0;
    while (work < budget) {
      const n = ring.frameDescs();
      if (n === 0) break;
      const bytes = ring.headFrameLen;
      // dequeue + length check + sync for CPU per buffer; head: napi_build_skb around the VA.
      ctx.chargeSplit(n * (c.drv_rx_desc + this.hc.syncForCpu) + this.hc.address, STAGE_DMA, n * this.hc.syncForCpu);
      let nf = 0;
      for (let d = 0; d < n; d++) {
        const ref = ring.cqRef[ring.cqSlot(d)];
        if (d > 0) {
          // mt76_add_fragment: virt_to_head_page(data) + page_address (netmem: _netmem helpers).
          ctx.charge(this.hc.headPage + this.hc.address);
          if (nf >= MAX_SKB_FRAGS + 1) {
            pool.putFullNetmem(ref, true);
            this.counters.frags_dropped++;
            continue;
          }
        }
        this.frags[nf++] = ref;
      }
      ctx.deliverSkb(this.frags, nf, bytes, true);
      ring.consume(n);
      work++;
    }
    this.fill();
    return work;
  }

  /** mt76_dma_rx_fill_buf: while queued < ndesc − 1; kick the queue if anything was posted. */
  private fill(): void {
    const pool = this.pool;
    if (!pool) return;
    const ring = this.ring;
    const c = this.ctx.costs;
    let posted = 0;
    while (ring.posted + ring.completions < ring.size - 1) {
      const ref = this.netmem ? pool.allocNetmem(this.p.bufSize) : pool.allocFragNetmem(this.p.bufSize);
      if (ref === 0) {
        this.ctx.count('rx_alloc_fail');
        break;
      }
      ring.post(ref, pool.fragOffset, this.p.hwLen);
      this.ctx.charge(c.drv_refill_desc + this.hc.address);
      posted++;
    }
    if (posted > 0) {
      this.counters.fills++;
      this.ctx.charge(c.drv_doorbell);
    }
  }

  info(): Record<string, unknown> {
    return { counters: { ...this.counters } };
  }
}
