// napi_gro_receive of one packet whose frags the driver hands over (Stack.deliver): kept apart
// from the run-of-frames path (Stack.deliverFrames), which does the same per frame in one call.
// hot path: inlined netmemIndex, an imported function costs a cell load and a check per call.
import type { CostTable } from '../costs/costTable';
import type { Cores } from '../engine/cores';
import type { NetmemTables } from '../netmem/netmemTables';
import { STAGE_GRO } from '../../doc/cycleStages';
import { PROTO_UDP } from './protocols';
import { MAX_SKB_FRAGS, SKB_GRO_HEAD, SKB_PFMEMALLOC, SKB_READABLE, SKB_SLOTS, type SkbTable } from './skbTable';

export interface SkbSink {
  /** The skb is queued to its socket at `now`. */
  enqueue(skb: number, now: number): void;
  /**
   * The skb is queued to its socket at skbs.tQueued[skb]: the time read from the table, not
   * passed (a float argument to a call the compiler does not inline is boxed, once per skb).
   */
  enqueueQueued(skb: number): void;
}

/** What groReceive reads and updates of the Stack. */
export interface GroState {
  readonly costs: CostTable;
  readonly cores: Cores;
  readonly skbs: SkbTable;
  readonly tables: NetmemTables;
  /** protocol of each NIC-wide flow id, per NIC */
  readonly flowProto: Uint8Array[];
  readonly sink: SkbSink;
  /** per global queue: the TCP skb GRO holds open (-1 none) and its flow */
  readonly groSkb: Int32Array;
  readonly groFlow: Int32Array;
  delivered: number;
  groFlush(gq: number): void;
}

/**
 * napi_gro_receive of one packet whose frags the driver hands over (ownership moves to the skb).
 * TCP: a packet of the flow GRO holds open, of the same readability, whose frags still fit
 * (MAX_SKB_FRAGS), is merged: its frags join that skb (skb_gro_receive) and only the merge is
 * paid. Otherwise the open skb goes up the stack and this packet opens a new one, paying IP +
 * TCP once for the whole aggregate. UDP is not aggregated (UDP GRO needs a socket opt-in).
 */
export function groReceive(
  st: GroState,
  nic: number,
  gq: number,
  flow: number,
  frags: Int32Array,
  nfrags: number,
  bytes: number,
  readable: boolean,
): void {
  if (nfrags > SKB_SLOTS) throw new RangeError(`skb with ${nfrags} frags (MAX_SKB_FRAGS ${MAX_SKB_FRAGS} + head)`);
  const c = st.costs;
  const cores = st.cores;
  cores.charge(STAGE_GRO, c.skb_build + c.gro_per_pkt);
  const skbs = st.skbs;
  const flag = readable ? SKB_READABLE : 0;
  const tcp = st.flowProto[nic][flow] !== PROTO_UDP;
  let skb = st.groSkb[gq];
  let n = 0;
  let opened = false;
  if (skb >= 0 && st.groFlow[gq] === flow && (skbs.readable[skb] & SKB_READABLE) === flag && skbs.nfrags[skb] + nfrags <= MAX_SKB_FRAGS) {
    n = skbs.nfrags[skb];
    skbs.segs[skb]++;
    skbs.bytes[skb] += bytes;
  } else {
    if (skb >= 0) st.groFlush(gq);
    cores.charge(STAGE_GRO, tcp ? c.ip_tcp_per_skb : c.ip_udp_per_skb);
    skb = skbs.alloc();
    skbs.segs[skb] = 1;
    skbs.bytes[skb] = bytes;
    skbs.nic[skb] = nic;
    skbs.queue[skb] = gq;
    skbs.flow[skb] = flow;
    skbs.readable[skb] = flag | SKB_GRO_HEAD;
    skbs.tQueued[skb] = cores.now();
    st.delivered++;
    opened = true;
  }
  const base = skb * SKB_SLOTS + n;
  const page = st.tables.page;
  const niov = st.tables.niov;
  let pfmemalloc = 0;
  // no live pfmemalloc page (PageTable.irregular counts them): the flag reads can be skipped
  const anyPfmemalloc = page.irregular !== 0;
  const skbFrags = skbs.frags;
  for (let i = 0; i < nfrags; i++) {
    const ref = frags[i];
    skbFrags[base + i] = ref;
    // the driver's reference becomes the skb's (simulator holder bookkeeping, places.ts)
    const t = (ref & 1) !== 0 ? niov : page;
    const idx = (ref >>> 1) - 1;
    if (t.ppMagic[idx] === 1) t.moveNicToStack(idx);
    if (anyPfmemalloc && (ref & 1) === 0) pfmemalloc |= page.pfmemalloc[idx];
  }
  // __skb_fill_netmem_desc: skb->pfmemalloc follows the page. skb_gro_receive (net/core/gro.c)
  // moves a merged packet's frags into the held skb without touching its flag: only the
  // packet that opens the skb sets it.
  if (opened && pfmemalloc !== 0) skbs.readable[skb] |= SKB_PFMEMALLOC;
  skbs.nfrags[skb] = n + nfrags;
  if (tcp) {
    st.groSkb[gq] = skb;
    st.groFlow[gq] = flow;
  } else {
    const now = cores.now();
    skbs.tQueued[skb] = now;
    st.sink.enqueue(skb, now);
  }
}
