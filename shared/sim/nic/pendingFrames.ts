// The frames an RX ring holds for its driver, one by one, as a completion per descriptor would
// list them: built on demand from the ring's completion runs (nic/completionRuns.ts) for
// inspection and tests. It allocates; nothing on the packet path calls it.
import { CQ_FLOW_SHIFT, RUN_FRAMES, RUN_HDR_LEN, RUN_INFO, RUN_LEN } from './completionRun';
import type { RxRing } from './rxRing';

export interface PendingFrame {
  /** its SOP descriptor's slot */
  slot: number;
  descs: number;
  frameLen: number;
  /** NIC-wide flow id */
  flow: number;
  /** header bytes in a header buffer (header split), else 0 */
  hdrLen: number;
  /** arrival time (ns) */
  time: number;
}

/** The completed frames `ring`'s driver has not taken, oldest first. */
export function pendingFrames(ring: RxRing): PendingFrame[] {
  const out: PendingFrame[] = [];
  const rec = ring.runRec;
  let slot = ring.cqHead;
  for (let i = 0; i < ring.runCount; i++) {
    const r = ring.runAt(i);
    const info = rec[r + RUN_INFO];
    const descs = ring.descsOf(r);
    const hdrLen = rec[r + RUN_HDR_LEN];
    for (let k = 0; k < rec[r + RUN_FRAMES]; k++) {
      out.push({ slot, descs, frameLen: rec[r + RUN_LEN], flow: info >> CQ_FLOW_SHIFT, hdrLen, time: ring.cqTime[slot] });
      slot = (slot + descs) & ring.mask;
    }
  }
  return out;
}
