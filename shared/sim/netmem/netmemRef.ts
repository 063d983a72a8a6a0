// netmem_ref as a tagged integer (include/net/netmem.h, docs/model/netmem.md#netmem_ref):
// the low bit set means a struct net_iov, clear means a struct page. 0 is "no netmem".
// Here the rest of the integer is (table index + 1), so index 0 is a valid buffer and the
// value 0 stays reserved for "empty", as drivers use 0 instead of NULL after conversion.

export type NetmemRef = number;

export const NET_IOV = 0x01;
export const NETMEM_NONE: NetmemRef = 0;

export function pageToNetmem(pageIndex: number): NetmemRef {
  return (pageIndex + 1) << 1;
}

export function netIovToNetmem(niovIndex: number): NetmemRef {
  return ((niovIndex + 1) << 1) | NET_IOV;
}

export function netmemIsNetIov(ref: NetmemRef): boolean {
  return (ref & NET_IOV) !== 0;
}

/** Index into the page table or the net_iov table, whichever the tag says. */
export function netmemIndex(ref: NetmemRef): number {
  return (ref >>> 1) - 1;
}

/** Max buffers of either kind: refs must stay small positive int32s. */
export const MAX_NETMEM_INDEX = (1 << 29) - 2;
