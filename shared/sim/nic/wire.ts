// The link in front of a NIC (docs/model/line-rate.md): frames cross it one at a time, each for
// its wire time (frame + preamble/SFD + inter-frame gap at the link rate), so the NIC never
// receives more than line rate.
// Each source serializes its own frames (a sender cannot transmit faster than its port: a burst
// waits in its transmit queue, TrafficSource). Several sources on one NIC merge at the link's far
// end (a switch port); a frame that finds the link busy waits there for at most one frame of
// every other source ahead of it, and is dropped beyond that: counted as wire_dropped, never
// offered to the NIC. Per-frame work: a few float compares, no allocation.
import { WIRE_EPS_NS, wireBits } from './lineRate';

export class LinkWire {
  /** when the frame now on the link has been transmitted */
  freeAt = -Infinity;
  /** frames the link's far end dropped because the link was oversubscribed */
  dropped = 0;
  /** the last frame size offered and its wire time: frame sizes repeat, the division need not */
  private lastBytes = -1;
  private lastNs = 0;
  constructor(
    readonly linkBps: number,
    /** the longest a frame may wait for the link: one largest frame of every other source */
    readonly maxWaitNs: number,
  ) {}

  /** wire time of a frame of `bytes` (incl. FCS) */
  wireNs(bytes: number): number {
    return (wireBits(bytes) * 1e9) / this.linkBps;
  }

  /**
   * A frame ready at `t` (it left its sender at `readyT`): returns 0 when it goes on the link now
   * (the link is busy until it has passed), else the time the link frees up (the caller retries
   * then), or -1 when it waited too long and was dropped.
   */
  offer(t: number, readyT: number, bytes: number): number {
    if (this.freeAt > t + WIRE_EPS_NS) {
      if (this.freeAt - readyT > this.maxWaitNs + WIRE_EPS_NS) {
        this.dropped++;
        return -1;
      }
      return this.freeAt;
    }
    if (bytes !== this.lastBytes) {
      this.lastBytes = bytes;
      this.lastNs = this.wireNs(bytes);
    }
    this.freeAt = t + this.lastNs;
    return 0;
  }
}
