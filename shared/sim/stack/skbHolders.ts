// Whose a sole reference is (netmem/places.ts STATE_OUT_SOLE), read off the containers: a buffer
// in a live skb's frags is the stack's, any other OUT buffer with a sole reference is the driver's
// (a NIC ring slot, or a page the driver keeps). Built on demand for the invariant checks
// (page_pool/invariants.ts), never on the hot path: it scans every skb.
import type { NetmemRef } from '../netmem/netmemRef';
import { HOLDER_NIC_RING, HOLDER_STACK, type Holder } from '../netmem/places';
import { SKB_SLOTS, type SkbTable } from './skbTable';

export function soleHolderView(skbs: SkbTable): (ref: NetmemRef) => Holder {
  const inSkb = new Set<number>();
  for (let row = 0; row < skbs.capacity; row++) {
    for (let f = 0; f < skbs.nfrags[row]; f++) inSkb.add(skbs.frags[row * SKB_SLOTS + f]);
  }
  return (ref) => (inSkb.has(ref) ? HOLDER_STACK : HOLDER_NIC_RING);
}
