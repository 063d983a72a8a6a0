// The generic reference driver, netdevsim-like: one order-0 page per RX descriptor from a
// page_pool (PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV, pp.napi set), a frame larger than a page
// spans several descriptors, refill of every free descriptor at the end of each poll with one
// doorbell, XDP verdicts applied in the driver (XDP_DROP recycles directly into the cache).
// It does not set pp.netdev, like drivers before netlink page_pool introspection (e.g. fec; see
// docs/model/drivers/generic.md#visibility): its pools are invisible, so a stalled destroy prints the 60 s warning.
import type { NicConfig } from '../../../scenario/schema';
import type { DriverContext, DriverDescription, DriverModel, RxQueueDriver } from '../driver';
import type { PagePoolApi, PagePoolParams } from '../../page_pool/types';
import { NUMA_NO_NODE, PAGE_SIZE, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../page_pool/types';
import { RxRing } from '../../nic/rxRing';
import { CQ_FLOW_SHIFT, CQ_SPAN, RUN_FRAMES, RUN_INFO, RUN_LEN } from '../../nic/completionRun';
import { SKB_SLOTS } from '../../stack/skbTable';
import { driverRxRing } from '../common/ringRules';

const FLAG_BITS: Record<string, number> = { DMA_MAP: 1, DMA_SYNC_DEV: 2, SYSTEM_POOL: 4, ALLOW_UNREADABLE_NETMEM: 8 };

function poolParams(
  nic: NicConfig,
  ring: number,
  pageSize: number,
): Omit<PagePoolParams, 'napiCore' | 'netdev' | 'queue_idx'> & { napi: boolean } {
  const pp = nic.page_pool;
  const flags =
    pp.flags === undefined
      ? PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV
      : typeof pp.flags === 'number'
        ? pp.flags
        : pp.flags.reduce((m, f) => m | FLAG_BITS[f], 0);
  const order = pp.order ?? 0;
  return {
    order,
    pool_size: pp.pool_size ?? ring,
    flags,
    nid: pp.nid === undefined ? nic.numa_node : pp.nid === 'NUMA_NO_NODE' ? NUMA_NO_NODE : pp.nid,
    dma_dir: pp.dma_dir ?? 'DMA_FROM_DEVICE',
    max_len: pp.max_len ?? pageSize << order,
    offset: pp.offset ?? 0,
    napi: pp.napi ?? true,
  };
}

export const genericDriver: DriverModel = {
  name: 'generic',
  describe(nic: NicConfig, pageSize: number = PAGE_SIZE): DriverDescription {
    const ring = driverRxRing('generic', nic, pageSize);
    const pp = poolParams(nic, ring, pageSize);
    return {
      driver: 'generic',
      variant: nic.variant,
      mode: 'page-per-frame',
      ring,
      buffer_bytes: pageSize << pp.order,
      buffers_per_page: 1,
      page_pool: pp,
      uses_page_pool: true,
      refill: 'every free descriptor at the end of each NAPI poll, one doorbell',
      rx_gfp: 'GFP_ATOMIC (include/net/page_pool/helpers.h page_pool_dev_alloc_pages, the common refill of page_pool drivers)',
      recycle_paths: ['skb free → napi_pp_put_page', 'XDP_DROP → page_pool_recycle_direct'],
      capabilities: {
        xdp: true,
        header_split: false,
        queue_mgmt_ops: false,
        unreadable_netmem: {
          ok: false,
          reasons: ['no_header_split', 'no_queue_api'],
          explanation:
            'the reference driver neither splits headers nor implements netdev_queue_mgmt_ops, so it cannot take unreadable net_iov buffers',
        },
      },
    };
  },
  createQueue(ctx: DriverContext): RxQueueDriver {
    return new GenericRxQueue(ctx, genericDriver.describe(ctx.nic, ctx.mm.pageSize));
  },
};

class GenericRxQueue implements RxQueueDriver {
  readonly ring: RxRing;
  pools: PagePoolApi[] = [];
  private pool: PagePoolApi | null = null;
  // a small integer from the start, not undefined, so V8 reads it without a type check (as in
  // traffic/source.ts)
  private readonly bufLen: number = 0;
  private readonly frags = new Int32Array(SKB_SLOTS);
  private readonly scratch: Int32Array;
  private readonly xdpDrop: boolean;
  /** page_pool_nid_changed before each refill (scenario page_pool.nid_changed) */
  private readonly nidChanged: boolean;

  constructor(
    private readonly ctx: DriverContext,
    private readonly desc: DriverDescription,
  ) {
    this.ring = new RxRing(desc.ring);
    this.bufLen = desc.buffer_bytes;
    this.scratch = new Int32Array(desc.ring * 2);
    this.xdpDrop = ctx.xdpAction === 'drop';
    this.nidChanged = ctx.nic.page_pool.nid_changed ?? false;
  }

  start(): void {
    const pp = this.desc.page_pool;
    const r = this.ctx.createPagePool(
      {
        order: pp.order,
        pool_size: pp.pool_size,
        flags: pp.flags,
        nid: pp.nid,
        dma_dir: pp.dma_dir,
        max_len: pp.max_len,
        offset: pp.offset,
        napiCore: pp.napi ? this.ctx.napiCore : -1,
        netdev: 0,
        queue_idx: this.ctx.queue,
      },
      'data',
    );
    if (!r.ok) {
      this.ctx.log(
        'error',
        `${this.ctx.nic.name}: rx queue ${this.ctx.queue}: page_pool_create failed: -${r.error.errno} (${r.error.message})`,
      );
      return;
    }
    this.pool = r.value;
    this.pools = [r.value];
    this.refill();
  }

  /** Post a fresh buffer into every free descriptor; one doorbell for the batch. */
  private refill(): void {
    const pool = this.pool;
    if (pool === null) return;
    const ring = this.ring;
    const ctx = this.ctx;
    const costs = ctx.costs;
    const bufLen = this.bufLen;
    // page_pool_nid_changed(pool, numa_mem_id()) as mlx5e_post_rx_wqes does: a NAPI that moved
    // to another node flushes the alloc cache and makes refills waive the old node's pages
    if (this.nidChanged && ctx.numaMemId) {
      const nid = ctx.numaMemId();
      if (pool.params.nid !== nid) pool.updateNid(nid);
    }
    // the buffers go straight into the free descriptors, in one call; one that cannot be
    // allocated ends the refill
    const free = ring.freeDescs;
    const posted = pool.allocNetmemsToRing(ring.cqRef, ring.postSlot, ring.mask, free);
    if (posted > 0) ring.postRun(posted, bufLen);
    if (posted < free) ctx.count('rx_alloc_fail');
    if (posted > 0) ctx.charge(costs.drv_refill_desc * posted + costs.drv_doorbell);
  }

  napiPoll(budget: number): number {
    const ring = this.ring;
    const ctx = this.ctx;
    const costs = ctx.costs;
    const pool = this.pool;
    const xdpDrop = this.xdpDrop && pool !== null;
    const xdpPass = ctx.xdpAction === 'pass';
    const frags = this.frags;
    const cqRef = ring.cqRef;
    const mask = ring.mask;
    const drvRxDesc = costs.drv_rx_desc;
    // every buffer in the ring comes from the queue's one pool: the stack moves its out counts per run
    const ppId = pool !== null ? pool.id : 0;
    // without an XDP program, a completion run of one-descriptor frames goes to the stack in one call
    const runs = ctx.xdpAction === 'none';
    let work = 0;
    let xdpDrops = 0;
    while (work < budget) {
      if (runs) {
        // the head record's frames, as many as the budget takes (nothing but this loop moves the
        // completion queue until the next pull)
        const rec = ring.runRec;
        while (ring.completions > 0 && work < budget) {
          const r = ring.headRun;
          const info = rec[r + RUN_INFO];
          if ((info & CQ_SPAN) !== 0) break;
          const frames = rec[r + RUN_FRAMES];
          const k = frames < budget - work ? frames : budget - work;
          const flow = info >> CQ_FLOW_SHIFT;
          const bytes = ctx.deliverFrames(cqRef, rec[r + RUN_LEN], ring.cqHead, mask, k, flow, drvRxDesc, ppId);
          ring.consumeFrames(k, flow, bytes);
          work += k;
        }
        if (work >= budget) break;
      }
      // none completed: frameDescs() lets the NIC catch up to the poller's clock
      const n = ring.frameDescs();
      if (n === 0) break;
      // a frame the catch-up completed in one descriptor: the run loop above takes it
      if (runs && n === 1) continue;
      const head = ring.cqHead;
      const bytes = ring.headFrameLen;
      const flow = ring.headFlow;
      ctx.charge(drvRxDesc * n);
      if (xdpDrop) {
        ctx.charge(costs.xdp_prog);
        for (let i = 0; i < n; i++) pool.recycleDirectNetmem(cqRef[(head + i) & mask]);
        xdpDrops++;
      } else {
        for (let i = 0; i < n; i++) frags[i] = cqRef[(head + i) & mask];
        if (xdpPass) ctx.charge(costs.xdp_prog);
        ctx.deliverSkb(frags, n, bytes, true, flow);
      }
      ring.consume(n);
      work++;
    }
    if (xdpDrops > 0) ctx.count('rx_xdp_drop', xdpDrops);
    this.refill();
    // Nothing posted and nothing to poll (allocation failing): stay scheduled and retry, as
    // drivers do by returning the full budget when a refill left the ring empty.
    if (ring.posted === 0 && ring.completions === 0 && this.pool !== null && this.pool.state === 'live') return budget;
    return work;
  }

  stop(): void {
    const pool = this.pool;
    if (pool === null) return;
    const ring = this.ring;
    // completions the driver never polled: their buffers go back too
    const done = ring.completions;
    for (let i = 0; i < done; i++) pool.putFullNetmem(ring.cqRef[ring.cqSlot(i)], false);
    if (done > 0) ring.consume(done);
    const n = ring.takeAllPosted(this.scratch);
    for (let i = 0; i < n; i++) pool.putFullNetmem(this.scratch[i], false);
    pool.destroy(this.ctx.now());
    this.pool = null;
  }

  heldBuffers(): number {
    return this.ring.posted + this.ring.completions;
  }
}
