// GVE DQO-RDA RX queue (gve_rx_dqo.c, gve_buffer_mgmt_dqo.c; docs/model/drivers/gve.md#rx-flow-dqo-rda).
// Buffer queue + completion queue over one NIC ring: buffers are page_pool frags of
// packet_buffer_truesize (2048 → two per 4 KiB page), posted at the end of every NAPI poll,
// min(free buffer-queue slots, free completion slots) of them, with the doorbell rung every 32
// posts (GVE_RX_BUF_THRESH_DQO). Buffers written since the last doorbell are invisible to the
// device: they wait in `pending` until the 32nd post rings it.
// The page variant and the netmem variant (v6.15, aa3e360701c3) differ in helper costs and in
// unreadable support; both run the same buffer scheme.
import { RxRing } from '../../nic/rxRing';
import type { DriverContext, RxQueueDriver } from '../driver';
import type { PagePoolApi } from '../../page_pool/types';
import { NET_IOV } from '../../netmem/netmemRef';
import { toPagePoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { helperCosts, type HelperCosts } from '../common/helperCosts';
import { GVE_RX_BUF_THRESH_DQO, MAX_SKB_FRAGS, type GveParams } from './params';
import { HeaderArea } from './headerSplit';
import { STAGE_COPY, STAGE_DMA } from '../../../doc/cycleStages';

export class GveDqoRdaQueue implements RxQueueDriver {
  ring: RxRing;
  pools: PagePoolApi[] = [];
  /** doorbell writes (gve_rx_write_doorbell_dqo) and buffers posted, for inspection */
  doorbells = 0;
  postedTotal = 0;
  /** gve ethtool per-queue counters (gve_ethtool.c names) that are not drops */
  readonly counters = { rx_copybreak_pkt: 0, rx_xdp_pass: 0, rx_xdp_tx: 0, rx_xdp_redirect: 0, rx_frag_alloc_cnt: 0 };
  private pool: PagePoolApi | null = null;
  private headers: HeaderArea | null;
  private readonly pendRef = new Int32Array(GVE_RX_BUF_THRESH_DQO);
  private readonly pendOff = new Int32Array(GVE_RX_BUF_THRESH_DQO);
  private pendCount = 0;
  private readonly frags = new Int32Array(MAX_SKB_FRAGS);
  private readonly scratch: Int32Array;
  private readonly hc: HelperCosts;

  constructor(
    readonly ctx: DriverContext,
    readonly p: GveParams,
    readonly netdev: number,
  ) {
    this.ring = new RxRing(p.ring);
    this.headers = p.headerSplit ? new HeaderArea(p.ring, p.hdrBufSize) : null;
    this.scratch = new Int32Array(2 * p.ring + GVE_RX_BUF_THRESH_DQO);
    this.hc = helperCosts(ctx.costs);
  }

  // ---- queue management ops (netdev_queue_mgmt_ops, docs/model/drivers/gve.md#queue-management-ops) ----

  /** ndo_queue_mem_alloc: allocate the ring state and its page_pool. */
  memAlloc(): void {
    const r = this.ctx.createPagePool(toPagePoolParams(this.p.pool, this.ctx.napiCore, this.netdev, this.ctx.queue), 'data');
    if (!r.ok) throw new DriverConfigError('gve', r.error.errno, `page_pool_create: ${r.error.message}`);
    this.pool = r.value;
    this.pools = [r.value];
  }

  /** ndo_queue_start: register with the device and post buffers. */
  queueStart(): void {
    this.postBuffers();
  }

  /**
   * ndo_queue_stop: direct recycling off before the NAPI goes away (Feb 2025 fix), then every
   * buffer the queue holds goes back with allow_direct=false.
   */
  queueStop(): void {
    const pool = this.pool;
    if (!pool) return;
    pool.disableDirectRecycling();
    let n = this.ring.takeAllPosted(this.scratch);
    for (let i = 0; i < this.pendCount; i++) this.scratch[n++] = this.pendRef[i];
    this.pendCount = 0;
    const done = this.ring.completions;
    for (let i = 0; i < done; i++) this.scratch[n++] = this.ring.cqRef[this.ring.cqSlot(i)];
    if (done > 0) this.ring.consume(done);
    for (let i = 0; i < n; i++) if (this.scratch[i] !== 0) pool.putFullNetmem(this.scratch[i], false);
  }

  /** ndo_queue_mem_free: page_pool_destroy (deferred while buffers are in flight). */
  memFree(): void {
    if (this.pool) this.pool.destroy(this.ctx.now());
    this.pool = null;
  }

  start(): void {
    this.memAlloc();
    this.queueStart();
  }

  /**
   * Restart this one queue through the queue management ops in the core's order
   * (netdev_rx_queue_restart): alloc new memory (a new page_pool, picking up the queue's memory
   * provider as page_pool_create does) → stop the old queue → start the new → free the old
   * (its pool's destroy waits for buffers still in flight). The NIC ring object is reused empty.
   */
  restart(): void {
    const old = this.pool;
    this.memAlloc();
    const fresh = this.pool!;
    this.pool = old;
    this.queueStop();
    this.pool = fresh;
    this.pools = [fresh];
    this.queueStart();
    if (old) old.destroy(this.ctx.now());
  }

  stop(): void {
    this.queueStop();
    this.memFree();
  }

  heldBuffers(): number {
    return this.ring.posted + this.ring.completions + this.pendCount;
  }

  // ---- NAPI ----

  napiPoll(budget: number): number {
    const ring = this.ring;
    const ctx = this.ctx;
    const c = ctx.costs;
    const pool = this.pool!;
    let work = 0;
    while (work < budget) {
      const n = ring.frameDescs();
      if (n === 0) break;
      // gve_rx_dqo: per completion, buffer id checks, buffer state back to the free list, sync for CPU.
      ctx.chargeSplit(
        n * (c.drv_rx_desc + (c.drv_gve_buf_state ?? 0) + this.hc.syncForCpu) + this.hc.prefetchGuard,
        STAGE_DMA,
        n * this.hc.syncForCpu,
      );
      const frameBytes = ring.headFrameLen;
      let readable = true;
      for (let d = 0; d < n; d++) {
        const ref = ring.cqRef[ring.cqSlot(d)];
        this.frags[d] = ref;
        if ((ref & NET_IOV) !== 0) readable = false;
      }
      if (this.headers) this.headers.onFrame(ctx, ring);
      if (!this.p.headerSplit && (this.frags[0] & NET_IOV) !== 0) {
        // gve_rx_dqo (6.18, 62d7f40503bc): the completion has no split_header bit (header split is
        // off), so the header sits in the first buffer, a net_iov the kernel cannot map: drop, the
        // buffers go straight back to the pool. With header split on, a frame the device did not
        // split is not dropped (rx_hsplit_unsplit_pkt): it goes up unreadable, headers and all.
        ctx.count('rx_dropped_pkt');
        for (let d = 0; d < n; d++) pool.putFullNetmem(this.frags[d], true);
      } else if (this.p.xdp) {
        this.runXdp(pool, n, frameBytes);
      } else if (n === 1 && readable && frameBytes <= this.p.copybreak && ring.headHdrLen === 0) {
        // Small frame: copied into a fresh skb, the buffer goes straight back (gve_free_buffer).
        ctx.chargeSplit(frameBytes * c.copy_per_byte + this.hc.address, STAGE_COPY, frameBytes * c.copy_per_byte);
        this.counters.rx_copybreak_pkt++;
        pool.putFullNetmem(this.frags[0], true);
        ctx.deliverSkb(this.frags, 0, frameBytes, true);
      } else {
        // Attach as frags; the netmem reference moves to the skb (gve_reuse_buffer with page_pool).
        ctx.deliverSkb(this.frags, n, frameBytes, readable);
      }
      ring.consume(n);
      work++;
    }
    this.postBuffers();
    return work;
  }

  private runXdp(pool: PagePoolApi, n: number, frameBytes: number): void {
    const ctx = this.ctx;
    ctx.charge(ctx.costs.xdp_prog);
    const act = ctx.xdpAction;
    if (act === 'pass' || act === 'none') {
      this.counters.rx_xdp_pass++;
      ctx.deliverSkb(this.frags, n, frameBytes, true);
      return;
    }
    // DROP: gve_free_buffer → put_full(allow_direct=true). TX: the frame rides the XDP TX queue and
    // its completion returns the page to this RX pool; modelled as returned within this NAPI.
    // REDIRECT: the target returns it through the memory model (not direct).
    if (act === 'drop') ctx.count('rx_xdp_drop');
    else if (act === 'tx') this.counters.rx_xdp_tx++;
    else this.counters.rx_xdp_redirect++;
    for (let d = 0; d < n; d++) pool.putFullNetmem(this.frags[d], act !== 'redirect');
  }

  /** gve_rx_post_buffers_dqo: allocate and post; stops at the first allocation failure. */
  private postBuffers(): void {
    const pool = this.pool;
    if (!pool) return;
    const ring = this.ring;
    const c = this.ctx.costs;
    // Buffer queue: mask − used slots (one slot stays empty); completion queue: free slots.
    const bufqFree = ring.size - 1 - ring.posted - this.pendCount;
    const complqFree = ring.freeDescs - this.pendCount;
    const n = bufqFree < complqFree ? bufqFree : complqFree;
    for (let i = 0; i < n; i++) {
      const ref = pool.allocNetmem(this.p.truesize);
      if (ref === 0) {
        this.ctx.count('rx_buf_alloc_fail');
        break;
      }
      this.ctx.charge(c.drv_refill_desc + (c.drv_gve_buf_state ?? 0));
      this.pendRef[this.pendCount] = ref;
      this.pendOff[this.pendCount] = pool.fragOffset + this.p.headroom;
      this.pendCount++;
      this.postedTotal++;
      this.counters.rx_frag_alloc_cnt++;
      if ((this.postedTotal & (GVE_RX_BUF_THRESH_DQO - 1)) === 0) this.ringDoorbell();
    }
  }

  /** The device sees the buffers written since the last doorbell. */
  private ringDoorbell(): void {
    for (let i = 0; i < this.pendCount; i++) {
      this.ring.post(this.pendRef[i], this.pendOff[i], this.p.bufLen);
      if (this.headers) this.headers.post(this.ring);
    }
    this.pendCount = 0;
    this.doorbells++;
    this.ctx.charge(this.ctx.costs.drv_doorbell);
  }
}
