// Header bytes of the model's frames: Ethernet II + IPv4 (no options) + TCP with the timestamp
// option (net.ipv4.tcp_timestamps = 1, the default, so every data segment carries 12 option
// bytes) or UDP. What eth_get_headlen (net/ethernet/eth.c) returns for such a frame: the
// flow dissector finds the transport header and __skb_get_poff adds its length (TCP: doff × 4,
// UDP: 8), never more than the frame.
export const ETH_HLEN = 14;
export const IPV4_HLEN = 20;
export const TCPHDR_LEN = 20;
/** TCPOLEN_TSTAMP_ALIGNED: the timestamp option padded to 12 bytes */
export const TCPOLEN_TSTAMP_ALIGNED = 12;
export const UDPHDR_LEN = 8;

/** 66: Ethernet + IPv4 + TCP with timestamps. */
export const HDR_TCP = ETH_HLEN + IPV4_HLEN + TCPHDR_LEN + TCPOLEN_TSTAMP_ALIGNED;
/** 42: Ethernet + IPv4 + UDP. */
export const HDR_UDP = ETH_HLEN + IPV4_HLEN + UDPHDR_LEN;

/** eth_get_headlen for a frame of `frameLen` bytes whose L2–L4 headers take `hdrLen`. */
export function ethGetHeadlen(hdrLen: number, frameLen: number): number {
  return hdrLen < frameLen ? hdrLen : frameLen;
}
