// The receive stack from napi_gro_receive to the socket, as costs and buffer moves:
// build the skb, GRO (per packet; a packet that merges into the flow's pending skb costs only
// the merge), IP + TCP/UDP per skb that leaves GRO, then the socket queue (the consumer).
// Freeing an skb drops its frag references: napi_pp_put_page → page_pool_put_full_netmem with
// allow_direct = false (the pool decides napi-locality itself, kernel.md §3.5), put_page otherwise.
import type { CostTable } from '../costs/costTable';
import type { PageAllocatorApi } from '../mm/types';
import type { NetmemTables } from '../netmem/netmemTables';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../netmem/places';
import type { PagePoolRegistryApi } from '../page_pool/types';
import { napiPpPutPage } from '../page_pool/skbRecycle';
import type { Cores } from '../engine/cores';
import { MAX_SKB_FRAGS, SKB_GRO_HEAD, SKB_READABLE, SKB_SLOTS, type SkbTable } from './skbTable';

export const PROTO_TCP = 0;
export const PROTO_UDP = 1;

export interface SkbSink {
  /** The skb is queued to its socket at `now`. */
  enqueue(skb: number, now: number): void;
}

export class Stack {
  /** per global queue: flow of the skb GRO holds open, and segments merged into it */
  private readonly groFlow: Int32Array;
  private readonly groSegs: Int32Array;
  /** skbs handed up and skbs freed, for conservation checks */
  delivered = 0;
  freed = 0;

  constructor(
    private readonly costs: CostTable,
    private readonly cores: Cores,
    private readonly skbs: SkbTable,
    private readonly tables: NetmemTables,
    private readonly pools: PagePoolRegistryApi,
    private readonly mm: PageAllocatorApi,
    /** protocol of each NIC-wide flow id, per NIC */
    private readonly flowProto: Uint8Array[],
    private readonly sink: SkbSink,
    nQueues: number,
  ) {
    this.groFlow = new Int32Array(nQueues).fill(-1);
    this.groSegs = new Int32Array(nQueues);
  }

  /** napi_gro_receive of one packet whose frags the driver hands over (ownership moves to the skb). */
  deliver(nic: number, gq: number, queue: number, flow: number, frags: Int32Array, nfrags: number, bytes: number, readable: boolean): void {
    if (nfrags > SKB_SLOTS) throw new RangeError(`skb with ${nfrags} frags (MAX_SKB_FRAGS ${MAX_SKB_FRAGS} + head)`);
    const c = this.costs;
    const cores = this.cores;
    cores.unitCycles += c.skb_build + c.gro_per_pkt;
    // GRO: a packet of the flow GRO holds open merges (up to MAX_SKB_FRAGS segments); otherwise
    // the previous skb goes up the stack and this one opens a new GRO skb.
    let flags = readable ? SKB_READABLE : 0;
    if (this.groFlow[gq] === flow && this.groSegs[gq] < MAX_SKB_FRAGS) {
      this.groSegs[gq]++;
    } else {
      this.groFlow[gq] = flow;
      this.groSegs[gq] = 1;
      flags |= SKB_GRO_HEAD;
      cores.unitCycles += this.flowProto[nic][flow] === PROTO_UDP ? c.ip_udp_per_skb : c.ip_tcp_per_skb;
    }
    const skbs = this.skbs;
    const skb = skbs.alloc();
    const base = skb * SKB_SLOTS;
    const tables = this.tables;
    const page = tables.page;
    const niov = tables.niov;
    for (let i = 0; i < nfrags; i++) {
      const ref = frags[i];
      skbs.frags[base + i] = ref;
      // the driver's reference becomes the skb's (simulator holder bookkeeping, places.ts)
      const t = (ref & 1) !== 0 ? niov : page;
      const idx = (ref >>> 1) - 1;
      if (t.ppMagic[idx] === 1) t.moveHold(idx, HOLDER_NIC_RING, HOLDER_STACK);
    }
    skbs.nfrags[skb] = nfrags;
    skbs.bytes[skb] = bytes;
    skbs.nic[skb] = nic;
    skbs.queue[skb] = gq;
    skbs.flow[skb] = flow;
    skbs.readable[skb] = flags;
    const now = cores.now();
    skbs.tQueued[skb] = now;
    this.delivered++;
    this.sink.enqueue(skb, now);
  }

  /** napi_complete_done flushes GRO: the next packet opens a new skb. */
  groFlush(gq: number): void {
    this.groFlow[gq] = -1;
    this.groSegs[gq] = 0;
  }

  /** kfree_skb / consume_skb in the current exec context (the caller set it up). */
  freeSkb(skb: number): void {
    const skbs = this.skbs;
    const n = skbs.nfrags[skb];
    const base = skb * SKB_SLOTS;
    const tables = this.tables;
    for (let i = 0; i < n; i++) {
      const ref = skbs.frags[base + i];
      if (ref === 0) continue; // reference already taken away (devmem token hand-over)
      if (!napiPpPutPage(this.pools, tables, ref, HOLDER_STACK)) {
        this.cores.unitCycles += this.costs.put_page;
        this.mm.pageRefDec((ref >>> 1) - 1);
      }
    }
    this.cores.unitCycles += this.costs.skb_free;
    skbs.free(skb);
    this.freed++;
  }
}
