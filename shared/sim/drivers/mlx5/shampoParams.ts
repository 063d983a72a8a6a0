// mlx5e header-data split: SHAMPO (HW-GRO) on the striding RQ (docs/model/drivers/mlx5.md#header-data-split-shampo).
// Sources, v6.18 (the v6.17 series "net/mlx5e: Add support for devmem and io_uring TCP zero-copy",
// net-next 46bcce5dfd33 and the patches before it):
//   en_ethtool.c mlx5e_ethtool_set_tcp_data_split: tcp-data-split on needs NETIF_F_GRO_HW;
//   en_main.c mlx5e_fix_features: HW-GRO is dropped on the legacy RQ and with an XDP program;
//   en/params.c mlx5e_mpwqe_get_log_stride_size, mlx5e_shampo_get_log_pkt_per_rsrv,
//     mlx5e_shampo_hd_per_wqe, mlx5e_shampo_hd_per_wq;
//   en_main.c mlx5_rq_shampo_alloc (header entries per page, header pool size, the separate
//     header page_pool only when the queue has an unreadable memory provider) and mlx5e_alloc_rq
//     (PP_FLAG_ALLOW_UNREADABLE_NETMEM and queue_idx on the data pool).
import type { NicConfig } from '../../../scenario/schema';
import { PAGE_SIZE, PP_FLAG_ALLOW_UNREADABLE_NETMEM, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';

/** en.h: MLX5E_RX_MAX_HEAD; the non-linear stride is order_base_2 of it (MLX5_MPWRQ_DEF_LOG_STRIDE_SZ). */
export const MLX5E_RX_MAX_HEAD = 256;
/** en.h: a SHAMPO reservation is 2^16 bytes of the WQE (MLX5E_SHAMPO_WQ_LOG_RESRV_SIZE). */
export const MLX5E_SHAMPO_WQ_RESRV_SIZE = 1 << 16;
/** en.h: the largest header entry, 2^9 bytes (MLX5E_SHAMPO_LOG_MAX_HEADER_ENTRY_SIZE). */
export const MLX5E_SHAMPO_LOG_MAX_HEADER_ENTRY_SIZE = 9;

/** The extack of ethtool -G tcp-data-split on when HW-GRO is off. */
export const HDS_NEEDS_HW_GRO = 'TCP-data-split is not supported when GRO HW is disabled';

export interface ShampoParams {
  /** bytes of one data stride: 256 (the header goes to a header entry, payload to strides) */
  dataStride: number;
  stridesPerWqe: number;
  /** packets the device places in one reservation before it closes it */
  pktPerRsrv: number;
  /** header entries per WQE and per RQ (hd_per_wqe, hd_per_wq) */
  hdPerWqe: number;
  hdPerWq: number;
  /** header entries per page and their size (log_hd_per_page, log_hd_entry_size) */
  hdPerPage: number;
  hdEntrySize: number;
  /** pages the header entries need: (hd_per_wqe × WQEs) >> log_hd_per_page */
  hdPoolSize: number;
  /** where the device writes in a header entry: the linear headroom (mlx5e_get_rq_headroom) */
  hdHeadroom: number;
  /** the RQ's one page_pool when no provider is installed: data + header pages */
  sharedPool: DriverPoolParams;
  /** with an unreadable provider on the queue: the data pool (provider-backed) … */
  dataPool: DriverPoolParams;
  /** … and the header pool beside it (host pages) */
  hdPool: DriverPoolParams;
}

function orderBase2(n: number): number {
  let o = 0;
  while (1 << o < n) o++;
  return o;
}

/**
 * Why HW-GRO (and so tcp-data-split) is off for this config, or null: mlx5e_fix_features
 * clears NETIF_F_GRO_HW on the legacy RQ ("Disabling HW-GRO, not supported in legacy RQ") and
 * with an XDP program ("HW GRO is incompatible with XDP").
 */
export function hwGroOffReason(mode: string, xdp: boolean): string | null {
  if (mode !== 'striding') return 'Disabling HW-GRO, not supported in legacy RQ';
  if (xdp) return 'HW GRO is incompatible with XDP';
  return null;
}

/** ethtool -G tcp-data-split on: refused with -EINVAL and the driver's extack when HW-GRO is off. */
export function checkTcpDataSplit(mode: string, xdp: boolean): void {
  const off = hwGroOffReason(mode, xdp);
  if (off) throw new DriverConfigError('mlx5', 'EINVAL', `${HDS_NEEDS_HW_GRO} (mlx5e_fix_features: "${off}")`);
}

/**
 * SHAMPO geometry for a striding RQ of `wqes` WQEs of `wqeBytes` (2^18). `linearHeadroom` is
 * NET_SKB_PAD (64): SHAMPO keeps the linear headroom for its header entries.
 */
export function shampoParams(nic: NicConfig, wqes: number, wqeBytes: number, linearHeadroom: number, pageSize = PAGE_SIZE): ShampoParams {
  const dataStride = MLX5E_RX_MAX_HEAD;
  const stridesPerWqe = wqeBytes / dataStride;
  const pktPerRsrv = 1 << orderBase2(Math.ceil(MLX5E_SHAMPO_WQ_RESRV_SIZE / nic.mtu));
  const hdPerWqe = (wqeBytes / MLX5E_SHAMPO_WQ_RESRV_SIZE) * pktPerRsrv;
  const hdPerWq = 1 << orderBase2(hdPerWqe * wqes);
  const maxPerPage = pageSize >> MLX5E_SHAMPO_LOG_MAX_HEADER_ENTRY_SIZE;
  const logHdPerPage = hdPerWqe >= maxPerPage ? orderBase2(maxPerPage) : orderBase2(hdPerWqe);
  const hdEntrySize = hdPerWqe >= maxPerPage ? 1 << MLX5E_SHAMPO_LOG_MAX_HEADER_ENTRY_SIZE : 1 << orderBase2(pageSize / hdPerWqe);
  const hdPoolSize = (hdPerWqe * wqes) >> logHdPerPage;
  const dataPages = (wqeBytes / pageSize) * wqes;
  const base: DriverPoolParams = {
    order: 0,
    pool_size: dataPages,
    flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_ALLOW_UNREADABLE_NETMEM,
    nid: nic.numa_node,
    napi: true,
    dma_dir: 'DMA_FROM_DEVICE',
    max_len: pageSize,
    offset: 0,
  };
  return {
    dataStride,
    stridesPerWqe,
    pktPerRsrv,
    hdPerWqe,
    hdPerWq,
    hdPerPage: 1 << logHdPerPage,
    hdEntrySize,
    hdPoolSize,
    hdHeadroom: linearHeadroom,
    // no provider: one pool; mlx5_rq_shampo_alloc adds the header pages to its size
    sharedPool: applyPoolOverrides(nic, { ...base, pool_size: dataPages + hdPoolSize }),
    dataPool: applyPoolOverrides(nic, base),
    // the header pool: plain DMA-mapped host pages, no ALLOW_UNREADABLE (and no queue_idx)
    hdPool: { ...base, pool_size: hdPoolSize, flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV },
  };
}

/** SKB_DATA_ALIGN(headroom + header) + SKB_DATA_ALIGN(skb_shared_info): what build_skb needs. */
export function shampoHeaderFragSize(headroom: number, headSize: number, shinfo: number): number {
  return Math.ceil((headroom + headSize) / 64) * 64 + shinfo;
}
