// mlx5e (ConnectX-4 and later) RX parameters, drivers/net/ethernet/mellanox/mlx5/core (v6.18;
// docs/model/drivers/mlx5.md): the RQ type (striding RQ = multi-packet WQE, or the legacy cyclic
// RQ), the linear stride of en/params.c (mlx5e_rx_get_linear_sz_skb, mlx5e_mpwqe_get_log_stride_size),
// the WQE counts of mlx5e_mpwqe_get_log_rq_size and the page_pool params of mlx5e_alloc_rq (en_main.c).
import type { NicConfig } from '../../../scenario/schema';
import { PAGE_SIZE, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { driverRxRing } from '../common/ringRules';
import { checkTcpDataSplit, shampoParams, type ShampoParams } from './shampoParams';

/** en_rx.c: the pp_ref_count bias a fragmented page starts with (PAGE_SIZE / 64). */
export function mlx5PagecntBiasMax(pageSize = PAGE_SIZE): number {
  return pageSize / 64;
}
/** en/params.c: a multi-packet WQE spans at most 2^18 bytes (256 KiB). */
export const MLX5_MPWRQ_MAX_LOG_WQE_SZ = 18;
/** en.h: at least 2^2 striding WQEs. */
export const MLX5E_PARAMS_MINIMUM_LOG_RQ_SIZE_MPW = 2;
/** en.h: the default ring is 2^10 frames (ethtool -g "RX: 1024"). */
export const MLX5E_PARAMS_DEFAULT_LOG_RQ_SIZE = 10;
export const MLX5E_PARAMS_MAXIMUM_LOG_RQ_SIZE = 13;
/** MLX5_RX_HEADROOM = NET_SKB_PAD (64 on x86-64); XDP_PACKET_HEADROOM with a program. */
export const MLX5_RX_HEADROOM = 64;
export const XDP_PACKET_HEADROOM = 256;
/** MLX5E_SW2HW_MTU: MTU + ETH_HLEN + VLAN_HLEN + ETH_FCS_LEN (hard_mtu). */
export const MLX5E_HARD_MTU = 14 + 4 + 4;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64 (320 bytes). */
export const SKB_SHINFO_SIZE = 320;
/** en/params.c mlx5e_rx_compute_wqe_bulk_params: a refill bulk is at most 512 KiB (256 KiB with XDP). */
export const MLX5E_MAX_WQE_BULK_BYTES = 512 * 1024;
export const MLX5E_MAX_WQE_BULK_BYTES_XDP = 256 * 1024;
/** include/net/page_pool/types.h PP_ALLOC_CACHE_REFILL: the refill unit splits a bulk by it. */
export const PP_ALLOC_CACHE_REFILL = 64;

/**
 * Cyclic RQ refill bulk (en/params.c mlx5e_rx_compute_wqe_bulk_params, since v6.5): the WQEs
 * mlx5e_post_rx_wqes waits for, min(512 KiB, a quarter of the ring) of frag strides, at least
 * the WQEs sharing a page; and the refill unit it is cut into (mlx5e_refill_rx_wqes frees then
 * allocates one unit at a time) so a bulk does not overflow the page_pool cache.
 */
export function mlx5CyclicWqeBulk(
  ring: number,
  fragStride: number,
  xdp: boolean,
  pageSize = PAGE_SIZE,
): { wqeBulk: number; refillUnit: number } {
  const maxBytes = xdp ? MLX5E_MAX_WQE_BULK_BYTES_XDP : MLX5E_MAX_WQE_BULK_BYTES;
  const bulkBytes = Math.min(maxBytes, (ring / 4) * fragStride);
  const wqeBulk = Math.max(pageSize / fragStride, Math.ceil(bulkBytes / fragStride));
  const split = Math.ceil(maxBytes / (PP_ALLOC_CACHE_REFILL * pageSize));
  return { wqeBulk, refillUnit: Math.ceil(wqeBulk / split) };
}

export type Mlx5Mode = 'striding' | 'cyclic';

export interface Mlx5Params {
  mode: Mlx5Mode;
  /** ethtool rx ring: frames (2^log_rq_mtu_frames) */
  ring: number;
  /** bytes one packet buffer takes (stride for striding RQ, frag_stride for cyclic) */
  stride: number;
  /** buffers per 4 KiB page */
  perPage: number;
  /** buffers the driver posts per refill unit: strides of one WQE, or one page of cyclic frags */
  unitSlots: number;
  /** pages per refill unit (pages_per_wqe for striding RQ; 1 for cyclic) */
  unitPages: number;
  /** refill units on the ring (WQEs for striding RQ) */
  units: number;
  /** where the device starts writing in a buffer */
  headroom: number;
  xdp: boolean;
  biasMax: number;
  pool: DriverPoolParams;
  /** striding RQ: free WQEs before mlx5e_post_rx_mpwqes reposts (mlx5e_mpwqe_get_min_wqe_bulk) */
  minWqeBulk: number;
  /** cyclic RQ: free WQEs before a refill, and the WQEs freed-then-allocated at a time */
  wqeBulk: number;
  refillUnit: number;
  /** header-data split (SHAMPO, HW-GRO) on the striding RQ; null when tcp-data-split is off */
  shampo: ShampoParams | null;
}

/**
 * The page that holds buffer `slot` of the ring: refill units (WQEs) are `unitPages` pages of
 * `perPage` buffers each, laid out one unit after the other.
 */
export function pageOfSlot(p: Mlx5Params, slot: number): number {
  const unit = (slot / p.unitSlots) | 0;
  return unit * p.unitPages + (((slot % p.unitSlots) / p.perPage) | 0);
}

function roundupPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The linear buffer: headroom + hw MTU + skb_shared_info, each SKB_DATA_ALIGNed (64), rounded up to
 * a power of two (mlx5e_rx_get_linear_sz_skb / mlx5e_rx_get_linear_stride_sz); with XDP a whole
 * page per frame (XDP needs the frame in one page: en/params.c mlx5e_rx_get_linear_stride_sz).
 */
export function mlx5LinearStride(mtu: number, xdp: boolean, pageSize = PAGE_SIZE): number {
  if (xdp) return pageSize;
  const head = MLX5_RX_HEADROOM + mtu + MLX5E_HARD_MTU;
  const sz = Math.ceil(head / 64) * 64 + SKB_SHINFO_SIZE;
  return roundupPow2(sz);
}

export function mlx5Params(nic: NicConfig, pageSize = PAGE_SIZE): Mlx5Params {
  const mode = (nic.mode ?? 'striding') as Mlx5Mode;
  if (mode !== 'striding' && mode !== 'cyclic') {
    throw new DriverConfigError(
      'mlx5',
      'EINVAL',
      `mode "${nic.mode}" unknown (striding = rx_striding_rq on, the default; cyclic = legacy RQ)`,
    );
  }
  const xdp = nic.xdp !== 'none';
  if (nic.header_split) checkTcpDataSplit(mode, xdp);
  const stride = mlx5LinearStride(nic.mtu, xdp, pageSize);
  if (stride > pageSize && !nic.header_split) {
    throw new DriverConfigError(
      'mlx5',
      'EOPNOTSUPP',
      `MTU ${nic.mtu} needs a ${stride}-byte non-linear buffer; only linear (one buffer per frame) layouts are modelled`,
    );
  }
  const ring = driverRxRing('mlx5', nic, pageSize);
  const perPage = pageSize / stride;
  let unitSlots: number;
  let unitPages: number;
  let units: number;
  let poolSize: number;
  if (mode === 'striding') {
    // mlx5e_mpwqe_get_log_rq_size: WQEs = frames / strides-per-WQE, at least 4.
    unitSlots = (1 << MLX5_MPWRQ_MAX_LOG_WQE_SZ) / stride;
    unitPages = (1 << MLX5_MPWRQ_MAX_LOG_WQE_SZ) / pageSize;
    units = Math.max(1 << MLX5E_PARAMS_MINIMUM_LOG_RQ_SIZE_MPW, ring / unitSlots);
    // mlx5e_alloc_rq: pool_size = pages_per_wqe << log_rq_size
    poolSize = unitPages * units;
  } else {
    unitSlots = perPage;
    unitPages = 1;
    units = ring / perPage;
    // mlx5e_alloc_rq: pool_size = 1 << log_rq_mtu_frames
    poolSize = ring;
  }
  const pool = applyPoolOverrides(nic, {
    order: 0,
    pool_size: poolSize,
    flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
    nid: nic.numa_node,
    napi: true,
    dma_dir: xdp ? 'DMA_BIDIRECTIONAL' : 'DMA_FROM_DEVICE',
    max_len: pageSize,
    offset: 0,
  });
  const headroom = xdp ? XDP_PACKET_HEADROOM : MLX5_RX_HEADROOM;
  // en/params.c mlx5e_mpwqe_get_min_wqe_bulk: min(UMR_WQE_BULK = 2, WQEs / 2 − 1)
  const bulk = { ...mlx5CyclicWqeBulk(ring, stride, xdp, pageSize), minWqeBulk: Math.min(2, units / 2 - 1) };
  if (nic.header_split) {
    // SHAMPO: payload in 256-byte strides (headroom 0), headers in header entries; the WQE count
    // stays the linear one (mlx5e_mpwqe_get_log_rq_size counts packets of a linear stride).
    const sh = shampoParams(nic, units, 1 << MLX5_MPWRQ_MAX_LOG_WQE_SZ, MLX5_RX_HEADROOM, pageSize);
    return {
      mode,
      ring,
      stride: sh.dataStride,
      perPage: pageSize / sh.dataStride,
      unitSlots: sh.stridesPerWqe,
      unitPages,
      units,
      headroom: 0,
      xdp,
      biasMax: mlx5PagecntBiasMax(pageSize),
      pool: sh.sharedPool,
      ...bulk,
      shampo: sh,
    };
  }
  return {
    mode,
    ring,
    stride,
    perPage,
    unitSlots,
    unitPages,
    units,
    headroom,
    xdp,
    biasMax: mlx5PagecntBiasMax(pageSize),
    pool,
    ...bulk,
    shampo: null,
  };
}
