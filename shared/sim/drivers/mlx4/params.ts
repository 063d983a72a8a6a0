// mlx4_en (ConnectX-3 / CX-3 Pro) RX parameters, drivers/net/ethernet/mellanox/mlx4 (see
// docs/model/drivers/mlx4.md): the frag layout of mlx4_en_calc_rx_buf (en_rx.c), the page_pool
// params of mlx4_en_create_rx_ring (v6.15+), and the pre-6.15 driver-allocated mode kept as
// `legacy` for contrast (alloc_page + dma_map_page per page, same reuse rules).
import type { NicConfig } from '../../../scenario/schema';
import { PAGE_SIZE, PP_FLAG_DMA_MAP } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { driverRxRing } from '../common/ringRules';
import { ETH_HLEN, MLX4_EN_MAX_RX_FRAGS, MLX4_FRAG_SIZE_MAX, SMP_CACHE_BYTES, VLAN_HLEN, XDP_PACKET_HEADROOM } from './defines';

export {
  ETH_HLEN,
  MLX4_EN_MAX_RX_FRAGS,
  MLX4_EN_REFILL_MIN,
  MLX4_FRAG_SIZE_MAX,
  SMP_CACHE_BYTES,
  VLAN_HLEN,
  XDP_PACKET_HEADROOM,
} from './defines';

export { MLX4_EN_DEF_RX_RING_SIZE, MLX4_EN_MAX_RX_SIZE } from '../common/ringRules';

export type Mlx4Mode = 'page_pool' | 'legacy';

export interface Mlx4Frag {
  /** frag_size: bytes the device may write into this scatter entry */
  size: number;
  /** frag_stride: bytes of page one buffer of this frag takes (truesize) */
  stride: number;
}

export interface Mlx4Params {
  mode: Mlx4Mode;
  ring: number;
  effMtu: number;
  frags: Mlx4Frag[];
  /** rx_headroom: XDP_PACKET_HEADROOM with XDP, else 0 */
  headroom: number;
  xdp: boolean;
  pool: DriverPoolParams;
}

/** ALIGN(x, a) for a power-of-two a. */
export function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/**
 * mlx4_en_calc_rx_buf (en_rx.c, v4.12+ through 6.18). XDP: one frag of eff_mtu in a whole page.
 * Otherwise frags of at most 2048 bytes (PAGE_SIZE when eff_mtu exceeds PAGE_SIZE + 3 × 2048),
 * the fourth taking the rest; each stride is the size aligned to SMP_CACHE_BYTES plus an equal
 * share of the page's leftover (rounded down to the cache line), so the buffers fill the page.
 */
export function mlx4CalcRxBuf(effMtu: number, xdp: boolean, pageSize = PAGE_SIZE): Mlx4Frag[] {
  if (xdp) return [{ size: effMtu, stride: pageSize }];
  const fragSizeMax = effMtu > pageSize + (MLX4_EN_MAX_RX_FRAGS - 1) * MLX4_FRAG_SIZE_MAX ? pageSize : MLX4_FRAG_SIZE_MAX;
  const frags: Mlx4Frag[] = [];
  let buf = 0;
  while (buf < effMtu) {
    let size = effMtu - buf;
    if (frags.length < MLX4_EN_MAX_RX_FRAGS - 1) size = Math.min(size, fragSizeMax);
    const aligned = alignUp(size, SMP_CACHE_BYTES);
    const nb = Math.floor(pageSize / aligned);
    if (nb < 1) throw new DriverConfigError('mlx4', 'EINVAL', `MTU needs a ${size}-byte frag, larger than a ${pageSize}-byte page`);
    const pad = Math.floor((pageSize - nb * aligned) / nb) & ~(SMP_CACHE_BYTES - 1);
    frags.push({ size, stride: aligned + pad });
    buf += size;
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
  // en_netdev.c MLX4_EN_MAX_XDP_MTU = PAGE_SIZE − ETH_HLEN − 2 × VLAN_HLEN − XDP_PACKET_HEADROOM:
  // with XDP the frame must fit one page after the headroom.
  if (xdp && effMtu + XDP_PACKET_HEADROOM > PAGE_SIZE) {
    throw new DriverConfigError(
      'mlx4',
      'EOPNOTSUPP',
      `XDP needs MTU ≤ ${PAGE_SIZE - XDP_PACKET_HEADROOM - ETH_HLEN - 2 * VLAN_HLEN} (one frame per page)`,
    );
  }
  const frags = mlx4CalcRxBuf(effMtu, xdp);
  // mlx4_en_create_rx_ring: pool_size = ring × DIV_ROUND_UP(rx_skb_size, PAGE_SIZE), rx_skb_size = eff_mtu.
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
  return { mode, ring, effMtu, frags, headroom: xdp ? XDP_PACKET_HEADROOM : 0, xdp, pool };
}
