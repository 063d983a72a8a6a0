// Receive socket buffers: one socket per flow, bytes charged while its skbs wait to be read.
// Sits between the stack and the consumer (Stack's SkbSink): an skb queued to its socket is
// charged (skb_set_owner_r → sk_rmem_alloc), the application's read uncharges it (sock_rfree
// when tcp_recvmsg / skb_consume_udp eats the skb); devmem tokens the user still holds after
// recvmsg are not charged (the skb is gone, the net_iov ref is the user's), as in the kernel.
//
// What is charged: the skb's frame bytes (SkbTable.bytes). The kernel charges skb->truesize,
// which depends on each driver's buffer layout (frag size, page order, header buffer, skb head)
// that the stack model does not carry. With frame bytes, rcvbuf reads as the payload a socket
// may hold, i.e. the window the sender sees once tcp's scaling_ratio (len/truesize, 6.7+) has
// corrected the advertised window for truesize overhead.
//
// TCP (flow control): the sender may have at most the advertised window outstanding, and the
// window it was last given is sk_rcvbuf minus what the socket holds; so bytes sent and not yet
// read by the application never exceed rcvbuf (tcp_select_window / tcp_snd_wnd_test). The
// model checks this at the traffic source: a send slot whose frame belongs to a flow with
//   bytes in the RX ring (sent, not yet taken by the driver) + bytes charged to its socket ≥ rcvbuf
// is skipped (not offered to the NIC, not a drop) and counted as window-limited. A real sender
// is ACK-clocked — it sends when a window update arrives after the application read; skipping
// slots at the configured rate gives the same goodput in steady state (the flow sends exactly
// as fast as the reader frees space), without ACK packets, RTT, receiver SWS avoidance
// (tcp_cleanup_rbuf's window-update threshold) or the sender's bursts at window reopening.
// Not counted: the one skb GRO holds open per queue during a poll (taken off the ring, not yet
// queued to the socket), so a socket may hold rcvbuf + one frame + one GRO skb at most; nothing
// here drops TCP (tcp_data_queue accepts in-window data). rcvbuf is a fixed sk_rcvbuf:
// tcp_rcv_space_adjust's autotuning up to tcp_rmem[2] is taken as already done.
// Frames the NIC drops (rx_missed) were never in the ring and are not counted: retransmission
// is not modelled. Frames the driver drops after the ring (XDP_DROP, queue stop) leave the
// window when the driver consumes their descriptors (RxRing.consume).
//
// UDP (no feedback): __udp_enqueue_schedule_skb drops a datagram when sk_rmem_alloc > sk_rcvbuf
// (UDP_MIB_RCVBUFERRORS): counted as the NIC's `rcvbuf_errors` drop, the skb freed at once in
// the current context (softirq on the NAPI core: page_pool direct recycling where allowed).
//
// The check is kept as one number per flow, the room left in its window (sendRoom = window −
// charged − ring bytes, all integers, so the incremental sum is exact): the arrival reads it and
// takes the frame off it, RxRing.consume gives the frame back, the socket's charge and the read
// take it off and give it back again. `room ≤ 0` is `ring + charged ≥ window`; for UDP it stays
// Infinity. Per skb: a few typed-array reads and writes, no allocation; per arrival, one read and
// one write; per descriptor consumed, one flag test (RxRing.consume).
import { SKB_PFMEMALLOC, type SkbTable } from './skbTable';
import { PROTO_UDP as L_PROTO_UDP } from './protocols';
import type { SkbSink, Stack } from './stack';

/** net.ipv4.tcp_rmem[2] default: the largest receive buffer TCP autotuning grows to. */
export const TCP_RMEM_MAX_DEFAULT = 6291456;
/** net.core.rmem_default: sk_rcvbuf of a new UDP socket (SK_RMEM_MAX on most builds). */
export const UDP_RMEM_DEFAULT = 212992;

export class SocketBuffers implements SkbSink {
  /** per NIC, per NIC-wide flow id: bytes charged to the flow's socket (queued, not yet read) */
  readonly charged: Float64Array[];
  /**
   * per NIC, per flow: the send window left, sendWindow − charged − frame bytes in the NIC's RX
   * rings (an arrival takes its frame off, RxRing.consume gives it back)
   */
  readonly sendRoom: Float64Array[];
  /** per NIC, per flow: sk_rcvbuf */
  readonly rcvbuf: Float64Array[];
  /** per NIC, per flow: the send window limit — rcvbuf for TCP, Infinity for UDP (no flow control) */
  readonly sendWindow: Float64Array[];
  /** per NIC, per flow: 1 for UDP */
  private readonly udp: Uint8Array[];
  /** per NIC: 1 when any of its flows is UDP (a TCP-only NIC's skb skips the per-flow test) */
  private readonly anyUdp: Uint8Array;
  /** per NIC: bytes charged over all its sockets */
  readonly queuedBytes: Float64Array;
  /** per NIC: the largest charge any one socket reached */
  readonly peakFlowBytes: Float64Array;
  /** per NIC: send slots skipped because the flow's window was closed */
  readonly windowLimited: Float64Array;
  /** per NIC: packets dropped at a full UDP socket */
  readonly rcvbufErrors: Float64Array;
  /** per NIC: pfmemalloc skbs an ordinary socket refused (LINUX_MIB_PFMEMALLOCDROP, TcpExt PFMemallocDrop) */
  readonly pfmemallocDrops: Float64Array;
  stack!: Stack;

  constructor(
    private readonly skbs: SkbTable,
    private readonly next: SkbSink,
    /** protocol of each NIC-wide flow id, per NIC */
    flowProto: Uint8Array[],
    /** configured rcvbuf per NIC (consumer.rcvbuf), undefined for the per-protocol default */
    rcvbufCfg: (number | undefined)[],
  ) {
    const n = flowProto.length;
    this.charged = [];
    this.sendRoom = [];
    this.rcvbuf = [];
    this.sendWindow = [];
    this.udp = [];
    for (let nic = 0; nic < n; nic++) {
      const proto = flowProto[nic];
      const nf = proto.length;
      const limit = new Float64Array(nf);
      const window = new Float64Array(nf);
      const udp = new Uint8Array(nf);
      for (let f = 0; f < nf; f++) {
        udp[f] = proto[f] === L_PROTO_UDP ? 1 : 0;
        limit[f] = rcvbufCfg[nic] ?? (udp[f] === 1 ? UDP_RMEM_DEFAULT : TCP_RMEM_MAX_DEFAULT);
        window[f] = udp[f] === 1 ? Infinity : limit[f];
      }
      this.charged.push(new Float64Array(nf));
      this.sendRoom.push(Float64Array.from(window));
      this.rcvbuf.push(limit);
      this.sendWindow.push(window);
      this.udp.push(udp);
    }
    this.anyUdp = Uint8Array.from(this.udp, (u) => (u.includes(1) ? 1 : 0));
    this.queuedBytes = new Float64Array(n);
    this.peakFlowBytes = new Float64Array(n);
    this.windowLimited = new Float64Array(n);
    this.rcvbufErrors = new Float64Array(n);
    this.pfmemallocDrops = new Float64Array(n);
  }

  /** The stack queues an skb to its socket: charge it, or drop it at a full UDP socket. */
  enqueue(skb: number, now: number): void {
    if (this.admit(skb)) this.next.enqueue(skb, now);
  }

  enqueueQueued(skb: number): void {
    if (this.admit(skb)) this.next.enqueueQueued(skb);
  }

  /** Charge the skb to its socket (true), or drop and free it (false). */
  private admit(skb: number): boolean {
    const skbs = this.skbs;
    const nic = skbs.nic[skb];
    const flow = skbs.flow[skb];
    if ((skbs.readable[skb] & SKB_PFMEMALLOC) !== 0) {
      // sk_filter_trim_cap (net/core/filter.c): an skb built on reserve pages is only for a
      // SOCK_MEMALLOC socket (swap over the network); the model's sockets are ordinary, so it is
      // dropped before it is queued, counted once per skb, and its pages freed at once.
      this.pfmemallocDrops[nic]++;
      this.stack.freeSkb(skb);
      return false;
    }
    const ch = this.charged[nic];
    let c = ch[flow];
    if (this.anyUdp[nic] !== 0 && this.udp[nic][flow] === 1 && c > this.rcvbuf[nic][flow]) {
      // __udp_enqueue_schedule_skb: sk_rmem_alloc > sk_rcvbuf → drop (kfree_skb, still in softirq)
      this.rcvbufErrors[nic] += skbs.segs[skb];
      this.stack.freeSkb(skb);
      return false;
    }
    const b = skbs.bytes[skb];
    c += b;
    ch[flow] = c;
    this.sendRoom[nic][flow] -= b;
    this.queuedBytes[nic] += b;
    if (c > this.peakFlowBytes[nic]) this.peakFlowBytes[nic] = c;
    return true;
  }

  // The application's read (recvmsg → sock_rfree) uncharges the skb and opens the window: the
  // consumer's tick (Consumer.tick) takes its bytes off charged and queuedBytes and gives them
  // back to sendRoom, in place.
}
