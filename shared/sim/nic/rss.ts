// Receive-side scaling: a flow's hash selects an entry of the 128-entry indirection table
// (ETH_RXFH_INDIR default size in most drivers), whose value is the RX queue. The default table
// spreads entries round-robin (ethtool_rxfh_indir_default: index % n_queues). The hash here is a
// deterministic 32-bit mix of the flow id, standing in for Toeplitz over the 5-tuple: what
// matters is that a few flows can land unevenly on queues, as with real RSS.
export const RSS_INDIR_SIZE = 128;

export function defaultIndirTable(queues: number): Int32Array {
  const t = new Int32Array(RSS_INDIR_SIZE);
  for (let i = 0; i < RSS_INDIR_SIZE; i++) t[i] = i % queues;
  return t;
}

/** murmur3 fmix32 of (salt, flow): a stand-in for the Toeplitz hash of the flow's 5-tuple. */
export function flowHash(salt: number, flow: number): number {
  let h = (Math.imul(flow + 1, 0x9e3779b1) ^ salt) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Queue of a flow by RSS. */
export function rssQueue(indir: Int32Array, salt: number, flow: number): number {
  return indir[flowHash(salt, flow) & (RSS_INDIR_SIZE - 1)];
}
