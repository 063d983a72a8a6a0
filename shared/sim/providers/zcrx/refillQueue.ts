// The zcrx refill queue (struct io_uring_zcrx_rq / io_uring_zcrx_rqe in include/uapi/linux/io_uring.h;
// io_uring/zcrx.c io_zcrx_ring_refill, v6.18; docs/model/zcrx.md#refill-queue): a single-producer
// (the application) single-consumer (the page_pool alloc path in NAPI) ring of rq_entries entries.
// An entry names a net_iov by area token and offset; the model stores the net_iov table index.
import type { KernelError } from '../../page_pool/types';
import { IO_RQ_MAX_ENTRIES } from '../../../scenario/schema';

/**
 * io_register_zcrx_ifq: rq_entries 0 is -EINVAL; it is rounded up to a power of two; above
 * IO_RQ_MAX_ENTRIES -EINVAL unless the ring was set up with IORING_SETUP_CLAMP (not modelled).
 */
export function zcrxRqEntries(requested: number): { ok: true; entries: number } | { ok: false; error: KernelError } {
  if (!Number.isInteger(requested) || requested <= 0)
    return { ok: false, error: { errno: 'EINVAL', message: `rq_entries must be positive, got ${requested}` } };
  let n = 1;
  while (n < requested) n *= 2;
  if (n > IO_RQ_MAX_ENTRIES) {
    return {
      ok: false,
      error: {
        errno: 'EINVAL',
        message: `rq_entries ${requested} rounds up to ${n}, above IO_RQ_MAX_ENTRIES (${IO_RQ_MAX_ENTRIES}) without IORING_SETUP_CLAMP`,
      },
    };
  }
  return { ok: true, entries: n };
}

export class RefillQueue {
  private readonly ring: Int32Array;
  private readonly mask: number;
  /** rq->head (kernel consumer) and rq->tail (user producer), free-running */
  private head = 0;
  private tail = 0;

  constructor(readonly entries: number) {
    this.ring = new Int32Array(entries);
    this.mask = entries - 1;
  }

  get count(): number {
    return this.tail - this.head;
  }
  get space(): number {
    return this.entries - this.count;
  }

  /** user side: io_uring_zcrx_rqe written at tail; false when the queue is full */
  push(niov: number): boolean {
    if (this.count >= this.entries) return false;
    this.ring[this.tail & this.mask] = niov;
    this.tail++;
    return true;
  }

  /** kernel side: the next entry, or -1 when empty */
  pop(): number {
    if (this.head === this.tail) return -1;
    return this.ring[this.head++ & this.mask];
  }
}
