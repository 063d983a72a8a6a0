// The receive stack from napi_gro_receive to the socket, as costs and buffer moves:
// build the skb, GRO (per packet; a packet that merges into the flow's pending skb costs only
// the merge), IP + TCP/UDP per skb that leaves GRO, then the socket queue (the consumer).
// Freeing an skb drops its frag references: napi_pp_put_page → page_pool_put_full_netmem with
// allow_direct = false (the pool decides napi-locality itself, docs/model/page-pool.md#skb-recycling), put_page otherwise.
// hot path: inlined netmemIndex, an imported function costs a cell load and a check per call.
import type { CostTable } from '../costs/costTable';
import type { PageAllocatorApi } from '../mm/types';
import type { NetmemTables } from '../netmem/netmemTables';
import {
  HOLDER_NIC_RING as H_NIC,
  HOLDER_STACK as H_STACK,
  OUT_STRIDE as STRIDE,
  OUT_COUNTED,
  STATE_OUT_SOLE as SOLE,
} from '../netmem/places';
import type { PagePoolRegistryApi } from '../page_pool/types';
import { skbFragPool } from '../page_pool/skbRecycle';
import type { Cores } from '../engine/cores';
import { CYCLE_STAGE_COUNT, STAGE_DRIVER, STAGE_GRO, STAGE_RECYCLE } from '../../doc/cycleStages';
import { groReceive, type GroState, type SkbSink } from './groReceive';
import { PROTO_UDP } from './protocols';
import { MAX_SKB_FRAGS, SKB_GRO_HEAD, SKB_PFMEMALLOC, SKB_READABLE, SKB_SLOTS, type SkbTable } from './skbTable';

export type { SkbSink };

export class Stack implements GroState {
  /** per global queue: the TCP skb GRO holds open (-1 none) and its flow (read by groReceive) */
  readonly groSkb: Int32Array;
  readonly groFlow: Int32Array;
  /**
   * deliverFrames' driver cycles per frame, set by the caller just before the call: a float
   * argument to a call the compiler does not inline is boxed (an allocation per run).
   */
  frameDrvCycles = 0;
  /** skbs handed up and skbs freed, for conservation checks */
  delivered = 0;
  freed = 0;

  constructor(
    readonly costs: CostTable,
    readonly cores: Cores,
    readonly skbs: SkbTable,
    readonly tables: NetmemTables,
    private readonly pools: PagePoolRegistryApi,
    private readonly mm: PageAllocatorApi,
    /** protocol of each NIC-wide flow id, per NIC */
    readonly flowProto: Uint8Array[],
    readonly sink: SkbSink,
    nQueues: number,
  ) {
    this.groSkb = new Int32Array(nQueues).fill(-1);
    this.groFlow = new Int32Array(nQueues).fill(-1);
  }

  /** napi_gro_receive of one packet whose frags the driver hands over (groReceive). */
  deliver(nic: number, gq: number, queue: number, flow: number, frags: Int32Array, nfrags: number, bytes: number, readable: boolean): void {
    void queue;
    groReceive(this, nic, gq, flow, frags, nfrags, bytes, readable);
  }

  /**
   * A driver's receive of `count` frames of NIC-wide `flow` and `frameLen` bytes that each sit in
   * one buffer (ring slots `first`.. wrapping at `mask`: ref in `refs`): per frame the
   * driver's frameDrvCycles (STAGE_DRIVER of NIC `nic`), then napi_gro_receive as deliver() does it,
   * with the same charges in the same order. Frames of one flow and readability keep merging
   * into the skb GRO holds until it is full (MAX_SKB_FRAGS), so the held skb is tested once.
   * `ppId`: the page_pool every buffer of the run comes from when the driver can promise one
   * (a driver with a single pool), else 0: the pool's nic_ring → stack out-count moves are then
   * made once for the run instead of reading each buffer's pp id (the same counts).
   * Returns the run's frame bytes.
   */
  deliverFrames(
    nic: number,
    gq: number,
    flow: number,
    refs: Int32Array,
    frameLen: number,
    first: number,
    mask: number,
    count: number,
    readable: boolean,
    ppId: number,
  ): number {
    // Arguments and loop invariants as machine numbers (`* 1` floats, `| 0` integers): converted
    // once here; read plainly, the compiled loop re-checks and unboxes them per frame.
    const drv = this.frameDrvCycles * 1;
    const ringMask = mask | 0;
    const frames = count | 0;
    const pool = ppId | 0;
    const nicI = nic | 0;
    const q = gq | 0;
    const fl = flow | 0;
    const len = frameLen | 0;
    const c = this.costs;
    const cores = this.cores;
    const stage = cores.stageCycles;
    const drvCell = nic * CYCLE_STAGE_COUNT + STAGE_DRIVER;
    const gro = c.skb_build + c.gro_per_pkt;
    const skbs = this.skbs;
    // a strict compare: a plain truthiness test compiles to a ToBoolean of any value, per call
    const flag = readable === true ? SKB_READABLE : 0;
    const tcp = this.flowProto[nic][flow] !== PROTO_UDP;
    const ipCycles = (tcp ? c.ip_tcp_per_skb : c.ip_udp_per_skb) * 1;
    const page = this.tables.page;
    const niov = this.tables.niov;
    const out = page.counts.out;
    const outBase = (pool * STRIDE) | 0;
    // the page state words, read again after each call (a table may grow only then)
    let pageSt = page.state;
    // the pool's OUT buffers in the counted form (read again with the words): 0, all are sole
    let counted = out[(outBase + OUT_COUNTED) | 0];
    let skb = this.groSkb[q];
    // frags in the held skb; MAX_SKB_FRAGS when the next packet cannot merge into it
    let n = skb >= 0 && this.groFlow[q] === fl && (skbs.readable[skb] & SKB_READABLE) === flag ? skbs.nfrags[skb] : MAX_SKB_FRAGS;
    // The per-packet adds to the cycle sums are made in locals, one add each in the same order,
    // and written back before anything reads or adds to them (now(), the socket enqueue). The
    // held skb's frag count (n0 when last written), segs = n + segAdj, bytes = total + byteAdj
    // and the pool's out counts (integers) are written before anything else runs.
    const groCell = cores.stageRow + STAGE_GRO;
    let u = cores.unitCycles;
    let sd = stage[drvCell];
    let sg = stage[groCell];
    let n0 = n;
    let segAdj = 0;
    let byteAdj = 0;
    if (n < MAX_SKB_FRAGS) {
      segAdj = skbs.segs[skb] - n;
      byteAdj = skbs.bytes[skb];
    }
    let moved = 0;
    // counts and byte sums as int32 (`| 0`): a run's stay far below 2^31, and no overflow checks
    let total = 0;
    let frags = skbs.frags;
    let slot = skb * SKB_SLOTS;
    let i = 0;
    let s = first | 0;
    while (i < frames) {
      // frame i's cycles; those of the frames that join it are added in the loop below
      u += drv;
      sd += drv;
      u += gro;
      sg += gro;
      if (n >= MAX_SKB_FRAGS) {
        if (skb >= 0) {
          // the held skb goes up: what it and the socket read is written back first
          cores.unitCycles = u;
          stage[drvCell] = sd;
          stage[groCell] = sg;
          if (moved !== 0) {
            out[outBase + H_NIC] -= moved;
            out[outBase + H_STACK] += moved;
            moved = 0;
          }
          if (n !== n0) {
            skbs.nfrags[skb] = n;
            skbs.segs[skb] = (n + segAdj) | 0;
            skbs.bytes[skb] = (total + byteAdj) | 0;
          }
          this.groFlush(q);
          u = cores.unitCycles;
          sd = stage[drvCell];
          sg = stage[groCell];
          pageSt = page.state;
          counted = out[(outBase + OUT_COUNTED) | 0];
        }
        // cores.charge(STAGE_GRO, ipCycles)
        u += ipCycles;
        sg += ipCycles;
        skb = skbs.alloc();
        frags = skbs.frags;
        slot = skb * SKB_SLOTS;
        n = 0;
        n0 = 0;
        segAdj = 0;
        byteAdj = -total | 0;
        skbs.nic[skb] = nicI;
        skbs.queue[skb] = q;
        skbs.flow[skb] = fl;
        // __skb_fill_netmem_desc: skb->pfmemalloc follows the page of the packet that opens the skb
        let pf = 0;
        if (page.irregular !== 0) {
          const ref = refs[s];
          if ((ref & 1) === 0) pf = page.pfmemalloc[(ref >>> 1) - 1];
        }
        skbs.readable[skb] = flag | SKB_GRO_HEAD | (pf !== 0 ? SKB_PFMEMALLOC : 0);
        skbs.tQueued[skb] = cores.nowAt(u);
        this.delivered++;
        if (tcp) {
          this.groSkb[q] = skb;
          this.groFlow[q] = fl;
        }
      }
      // frame i and the frames that join its skb (UDP: none): no calls on the common path
      const room = tcp ? MAX_SKB_FRAGS - n : 1;
      const pStart = (slot + n) | 0;
      const pEnd = (pStart + (frames - i > room ? room : frames - i)) | 0;
      // Every buffer counts as moved from the pool's nic_ring class to the stack's. One that is
      // not the common case ends the loop (slow: its ref) and takes its holder move after it.
      let p = pStart;
      let slow = 0;
      // four frames a pass while four are left and all four are the common case (a loop pass
      // re-checks the arrays' maps and reloads their bases: once for four), then one by one
      while (pEnd - p >= 4 && pool !== 0) {
        const s1 = (s + 1) & ringMask;
        const s2 = (s + 2) & ringMask;
        const s3 = (s + 3) & ringMask;
        const r0 = refs[s];
        const r1 = refs[s1];
        const r2 = refs[s2];
        const r3 = refs[s3];
        if (((r0 | r1 | r2 | r3) & 1) !== 0) break;
        // each page is a sole reference of the pool (netmem/places.ts): its word does not change
        // as the skb takes it, and while the pool has no buffer in the counted form none is read
        if (
          counted !== 0 &&
          (pageSt[(r0 >>> 1) - 1] !== SOLE ||
            pageSt[(r1 >>> 1) - 1] !== SOLE ||
            pageSt[(r2 >>> 1) - 1] !== SOLE ||
            pageSt[(r3 >>> 1) - 1] !== SOLE)
        )
          break;
        total = (total + 4 * len) | 0;
        frags[p] = r0;
        frags[(p + 1) | 0] = r1;
        frags[(p + 2) | 0] = r2;
        frags[(p + 3) | 0] = r3;
        p = (p + 4) | 0;
        s = (s3 + 1) & ringMask;
        // frames 1..3's cycles, then the next frame's if one is left: the per-frame order
        u += drv;
        sd += drv;
        u += gro;
        sg += gro;
        u += drv;
        sd += drv;
        u += gro;
        sg += gro;
        u += drv;
        sd += drv;
        u += gro;
        sg += gro;
        if (p >= pEnd) break;
        u += drv;
        sd += drv;
        u += gro;
        sg += gro;
      }
      if (p < pEnd)
        for (;;) {
          const ref = refs[s];
          total = (total + len) | 0;
          // the driver's reference becomes the skb's (simulator holder bookkeeping, places.ts)
          frags[p] = ref;
          p = (p + 1) | 0;
          s = (s + 1) & ringMask;
          // the common case, the driver's sole reference: now the skb's, its word unchanged
          if ((ref & 1) !== 0 || pool === 0 || (counted !== 0 && pageSt[(ref >>> 1) - 1] !== SOLE)) {
            slow = ref;
            break;
          }
          if (p >= pEnd) break;
          u += drv;
          sd += drv;
          u += gro;
          sg += gro;
        }
      i = (i + p - pStart) | 0;
      moved = (moved + p - pStart) | 0;
      n = (p - slot) | 0;
      if (slow !== 0) {
        // one call site per table class: each stays monomorphic
        const idx = (slow >>> 1) - 1;
        if ((slow & 1) !== 0) niov.handToSkb(idx);
        else if (pool === 0) page.handToSkb(idx);
        else if (page.handToSkbOfPool(idx)) moved = (moved + 1) | 0;
        moved = (moved - 1) | 0;
      }
      if (!tcp) {
        // UDP: the packet goes up at once (nothing was charged since the open)
        skbs.nfrags[skb] = n;
        skbs.segs[skb] = n;
        skbs.bytes[skb] = (total + byteAdj) | 0;
        if (moved !== 0) {
          out[outBase + H_NIC] -= moved;
          out[outBase + H_STACK] += moved;
          moved = 0;
        }
        cores.unitCycles = u;
        stage[drvCell] = sd;
        stage[groCell] = sg;
        const now = cores.now();
        skbs.tQueued[skb] = now;
        this.sink.enqueue(skb, now);
        skb = -1;
        n = MAX_SKB_FRAGS;
        n0 = MAX_SKB_FRAGS;
        u = cores.unitCycles;
        sd = stage[drvCell];
        sg = stage[groCell];
        pageSt = page.state;
        counted = out[(outBase + OUT_COUNTED) | 0];
      }
    }
    cores.unitCycles = u;
    stage[drvCell] = sd;
    stage[groCell] = sg;
    if (moved !== 0) {
      out[outBase + H_NIC] -= moved;
      out[outBase + H_STACK] += moved;
    }
    if (n !== n0) {
      skbs.nfrags[skb] = n;
      skbs.segs[skb] = (n + segAdj) | 0;
      skbs.bytes[skb] = (total + byteAdj) | 0;
    }
    return total;
  }

  /** napi_gro_flush (end of a poll, napi_complete_done): the open skb goes up to its socket. */
  groFlush(gq: number): void {
    const skb = this.groSkb[gq];
    if (skb < 0) return;
    this.groSkb[gq] = -1;
    this.groFlow[gq] = -1;
    if (this.cores.inUnit) this.skbs.tQueued[skb] = this.cores.now();
    this.sink.enqueueQueued(skb);
  }

  /** kfree_skb / consume_skb in the current exec context (the caller set it up). */
  freeSkb(skb: number): void {
    const skbs = this.skbs;
    // the free is work for the skb's NIC, whatever unit it runs in
    const cores = this.cores;
    const row = cores.stageRow;
    cores.stageRow = skbs.nic[skb] * CYCLE_STAGE_COUNT;
    const n = skbs.nfrags[skb];
    const base = skb * SKB_SLOTS;
    const frags = skbs.frags;
    const page = this.tables.page;
    const niov = this.tables.niov;
    // napi_pp_put_page per frag (net/core/skbuff.c skb_pp_recycle → napi_pp_put_page). Its pool
    // lookup (netmem_get_pp) gives the same pool for a run of frags with the same pp id: the
    // pool takes the run at once (PagePool.putSkbFrags, docs/model/page-pool.md#skb-recycling).
    const end = base + n;
    let k = base;
    while (k < end) {
      const ref = frags[k];
      if (ref === 0) {
        k++; // reference already taken away (devmem token hand-over)
        continue;
      }
      const t = (ref & 1) !== 0 ? niov : page;
      const idx = (ref >>> 1) - 1;
      if (t.ppMagic[idx] !== 1) {
        this.putPage(idx);
        k++;
        continue;
      }
      k = skbFragPool(this.pools, t.ppId[idx], ref).putSkbFrags(frags, k, end, H_STACK);
    }
    cores.charge(STAGE_RECYCLE, this.costs.skb_free);
    cores.stageRow = row;
    skbs.free(skb);
    this.freed++;
  }

  /**
   * A freed skb's frag that is not a page_pool buffer: put_page. Kept out of freeSkb: code that
   * never runs in a pool-backed receive path still counts against what the compiler inlines
   * into freeSkb's callers.
   */
  private putPage(idx: number): void {
    this.cores.charge(STAGE_RECYCLE, this.costs.page_ref_atomic);
    this.mm.pageRefDec(idx);
  }
}
