// Per-pool count of OUT buffers by their most downstream holder (user > stack > nic_ring),
// kept incrementally so PoolAccounting is O(1) instead of a scan of every table entry, and the
// count of those in the counted form (slot OUT_COUNTED: while it is 0, every OUT buffer of the
// pool is a sole reference and a hand-over moves counts without reading a buffer's word).
// Indexed by page_pool id (ids are small, allocated cyclically from 1), OUT_STRIDE slots each.
import { OUT_STRIDE } from './places';

export class PoolPlaceCounts {
  /** out[id * OUT_STRIDE + holder], out[id * OUT_STRIDE + OUT_COUNTED] */
  out: Int32Array = new Int32Array(64 * OUT_STRIDE);

  /** Make room for pool `id` (called at pool creation, never on the hot path). */
  ensure(id: number): void {
    const need = (id + 1) * OUT_STRIDE;
    if (need <= this.out.length) return;
    let len = this.out.length;
    while (len < need) len *= 2;
    const next = new Int32Array(len);
    next.set(this.out);
    this.out = next;
  }

  get(id: number, holder: number): number {
    return this.out[id * OUT_STRIDE + holder];
  }
}
