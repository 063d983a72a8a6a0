// Peak hold of one queue's buffers, for the metadata-memory figures (conversion/metadata.ts):
// the most page_pool buffers in flight at once (sum over the queue's pools of hold − release)
// and the most pages a driver's own reuse scheme held, sampled at the end of each NAPI poll.
import type { PagePoolApi } from '../../page_pool/types';

export class PeakHold {
  peakPoolPages = 0;
  peakNetIovs = 0;
  peakDriverPages = 0;

  sample(pools: readonly PagePoolApi[], driverPages: number): void {
    let pp = 0;
    let niov = 0;
    // A pool fed by a memory provider (devmem) holds net_iovs, not pages.
    for (let i = 0; i < pools.length; i++) {
      if (pools[i].provider) niov += pools[i].inflight();
      else pp += pools[i].inflight();
    }
    if (pp > this.peakPoolPages) this.peakPoolPages = pp;
    if (niov > this.peakNetIovs) this.peakNetIovs = niov;
    if (driverPages > this.peakDriverPages) this.peakDriverPages = driverPages;
  }
}
