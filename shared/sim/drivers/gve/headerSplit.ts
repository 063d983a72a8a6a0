// GVE DQO header split (docs/model/drivers/gve.md#header-split): one coherent DMA area of header_buf_size ×
// ring_size per RX queue, slot i at base + i × header_buf_size; every buffer-queue descriptor
// carries the address of its header slot. Not a page_pool: the header bytes are copied into
// the skb head, and the area is reused in place. The devmem data path builds on
// this: payload in net_iov, headers here, so the stack never reads the payload.
import type { RxRing } from '../../nic/rxRing';
import type { DriverContext } from '../driver';
import { NETMEM_NONE } from '../../netmem/netmemRef';
import { STAGE_COPY } from '../../../doc/cycleStages';

export class HeaderArea {
  /** bytes of coherent memory the area takes (dma_alloc_coherent) */
  readonly bytes: number;
  private next = 0;
  hsplitPackets = 0;
  unsplitPackets = 0;

  constructor(
    readonly slots: number,
    readonly hdrBufSize: number,
  ) {
    this.bytes = slots * hdrBufSize;
  }

  /** Give the descriptor just posted its header slot (keeps one header per posted buffer). */
  post(ring: RxRing): void {
    if (ring.postedHeaders >= ring.posted) return;
    ring.postHeader(NETMEM_NONE, this.next * this.hdrBufSize, this.hdrBufSize);
    this.next = this.next + 1 === this.slots ? 0 : this.next + 1;
  }

  /**
   * A completed frame: split → copy hdr_len bytes from the header slot into a new skb head
   * (gve ethtool rx_hsplit_pkt); not split (header did not fit, or not parsed) → rx_hsplit_unsplit_pkt and the
   * headers sit in the payload buffer.
   */
  onFrame(ctx: DriverContext, ring: RxRing): void {
    const hdrLen = ring.headHdrLen;
    if (hdrLen !== 0) {
      this.hsplitPackets++;
      ctx.charge(hdrLen * ctx.costs.copy_per_byte, STAGE_COPY);
    } else {
      this.unsplitPackets++;
    }
  }
}
