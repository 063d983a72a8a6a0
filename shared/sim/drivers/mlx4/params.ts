// mlx4_en (ConnectX-3 / CX-3 Pro) RX parameters (docs/model/drivers/mlx4.md):
// mlx4_en_calc_rx_buf frag layout, page_pool params of mlx4_en_create_rx_ring (v6.15+), and the
// pre-6.15 driver-allocated mode (alloc_page + dma_map_page per page) kept as `legacy` for contrast.
import type { NicConfig } from '../../../scenario/schema';
import { PAGE_SIZE, PP_FLAG_DMA_MAP } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { driverRxRing } from '../common/ringRules';

export { MLX4_EN_DEF_RX_RING_SIZE, MLX4_EN_MAX_RX_SIZE } from '../common/ringRules';
export const MLX4_EN_MAX_RX_FRAGS = 4;
/** Effective MTU = MTU + ETH_HLEN + 2 × VLAN_HLEN (two VLAN tags). */
export const ETH_HLEN = 14;
export const VLAN_HLEN = 4;
/** Refill only when at least 8 slots are missing (mlx4_en_refill_rx_buffers batching). */
export const MLX4_EN_REFILL_MIN = 8;
export const XDP_PACKET_HEADROOM = 256;
/** SMALL_PACKET_SIZE = 256 − NET_IP_ALIGN (2 on most arches, 0 on x86: we take 256 − 0 on x86-64). */
export const MLX4_SMALL_PACKET_SIZE = 256;

export type Mlx4Mode = 'page_pool' | 'legacy';

export interface Mlx4Frag {
  /** bytes the device may write into this frag */
  size: number;
  /** bytes of page each buffer of this frag takes */
  stride: number;
}

export interface Mlx4Params {
  mode: Mlx4Mode;
  ring: number;
  effMtu: number;
  frags: Mlx4Frag[];
  headroom: number;
  xdp: boolean;
  /** the half-page flip applies to frags whose stride is PAGE_SIZE / 2 */
  flip: boolean;
  pool: DriverPoolParams;
}

/** mlx4_en_calc_rx_buf: ≤ 4 frags, ≤ 2048 bytes each but the last, strides padded to fill the page. */
export function mlx4CalcRxBuf(effMtu: number, xdp: boolean): Mlx4Frag[] {
  if (xdp) return [{ size: effMtu, stride: PAGE_SIZE }];
  // The first three frags take at most 2048 bytes; the last allowed one takes the remainder.
  const fragMax = 2048;
  const frags: Mlx4Frag[] = [];
  let left = effMtu;
  while (left > 0 && frags.length < MLX4_EN_MAX_RX_FRAGS) {
    const last = frags.length === MLX4_EN_MAX_RX_FRAGS - 1;
    const size = last ? left : Math.min(left, fragMax);
    const aligned = Math.ceil(size / 64) * 64;
    const perPage = Math.max(1, Math.floor(PAGE_SIZE / aligned));
    // Leftover page space spread over the buffers that fit: stride = PAGE_SIZE / perPage (64-aligned).
    const stride = perPage > 1 ? Math.floor(PAGE_SIZE / perPage / 64) * 64 : Math.max(aligned, PAGE_SIZE);
    frags.push({ size, stride });
    left -= size;
  }
  return frags;
}

export function mlx4Params(nic: NicConfig): Mlx4Params {
  const mode = (nic.mode ?? 'page_pool') as Mlx4Mode;
  if (mode !== 'page_pool' && mode !== 'legacy') {
    throw new DriverConfigError('mlx4', 'EINVAL', `mode "${nic.mode}" unknown (page_pool = v6.15+, legacy = ≤ v6.14)`);
  }
  if (nic.header_split) throw new DriverConfigError('mlx4', 'EOPNOTSUPP', 'no header split (tcp-data-split) support');
  const ring = driverRxRing('mlx4', nic);
  const xdp = nic.xdp !== 'none';
  const effMtu = nic.mtu + ETH_HLEN + 2 * VLAN_HLEN;
  const frags = mlx4CalcRxBuf(effMtu, xdp);
  // v3 of the page_pool series: pool_size = ring × ceil(rx_skb_size / PAGE_SIZE).
  const pool = applyPoolOverrides(nic, {
    order: 0,
    pool_size: ring * Math.ceil(effMtu / PAGE_SIZE),
    flags: PP_FLAG_DMA_MAP,
    nid: nic.numa_node,
    napi: true,
    dma_dir: xdp ? 'DMA_BIDIRECTIONAL' : 'DMA_FROM_DEVICE',
    max_len: 0,
    offset: 0,
  });
  return {
    mode, ring, effMtu, frags, headroom: xdp ? XDP_PACKET_HEADROOM : 0, xdp,
    flip: !xdp && frags.length === 1 && frags[0].stride === PAGE_SIZE / 2, pool,
  };
}
