// GVE (gVNIC) DQO parameters: defaults from drivers/net/ethernet/google/gve (docs/model/drivers/gve.md) and what ethtool may change (ring size, rx-buf-len, tcp-data-split,
// rx_copybreak, XDP). Throws DriverConfigError where the driver refuses a setting.
import type { NicConfig } from '../../../scenario/schema';
import { PAGE_SIZE, PP_FLAG_ALLOW_UNREADABLE_NETMEM, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { driverRxRing } from '../common/ringRules';
import {
  GVE_DEFAULT_HEADER_BUFFER_SIZE,
  GVE_DEFAULT_RX_BUFFER_SIZE,
  GVE_DEFAULT_RX_COPYBREAK,
  GVE_PAGE_POOL_SIZE_MULTIPLIER,
  GVE_XDP_RX_BUFFER_SIZE_DQO,
  XDP_PACKET_HEADROOM,
} from './defines';

export {
  GVE_DEFAULT_HEADER_BUFFER_SIZE,
  GVE_DEFAULT_RX_BUFFER_SIZE,
  GVE_DEFAULT_RX_COPYBREAK,
  GVE_DQO_QPL_ONDEMAND_ALLOC_THRESHOLD,
  GVE_DQO_QPL_PAGES_PER_DESC,
  GVE_PAGE_POOL_SIZE_MULTIPLIER,
  GVE_RX_BUF_THRESH_DQO,
  GVE_XDP_RX_BUFFER_SIZE_DQO,
  MAX_SKB_FRAGS,
  XDP_PACKET_HEADROOM,
} from './defines';

/** Ring sizes come from the device; 1024 is typical [UNCERTAIN, docs/model/drivers/gve.md#rings-and-buffers]. */
export { GVE_DEFAULT_RX_RING } from '../common/ringRules';

export type GveMode = 'dqo-rda' | 'dqo-qpl';
export const GVE_MODES: readonly GveMode[] = ['dqo-rda', 'dqo-qpl'];

export interface GveParams {
  mode: GveMode;
  ring: number;
  /** bytes the device may write per buffer */
  bufLen: number;
  /** packet_buffer_truesize: bytes of page each buffer takes */
  truesize: number;
  headroom: number;
  /** PAGE_SIZE of the host: QPL pages and the pool's page size */
  pageSize: number;
  buffersPerPage: number;
  headerSplit: boolean;
  hdrBufSize: number;
  copybreak: number;
  xdp: boolean;
  pool: DriverPoolParams;
}

export function gveParams(nic: NicConfig, pageSize: number = PAGE_SIZE): GveParams {
  const mode = (nic.mode ?? 'dqo-rda') as GveMode;
  if (!GVE_MODES.includes(mode)) {
    throw new DriverConfigError('gve', 'EINVAL', `mode "${nic.mode}" is not a modelled queue format (dqo-rda | dqo-qpl)`);
  }
  const ring = driverRxRing('gve', nic);
  const xdp = nic.xdp !== 'none';
  const bufLen = nic.rx_buf_len ?? GVE_DEFAULT_RX_BUFFER_SIZE;
  if (bufLen !== 2048 && bufLen !== 4096) {
    throw new DriverConfigError('gve', 'EINVAL', `rx-buf-len ${bufLen} not supported (2048 or 4096)`);
  }
  if (xdp && bufLen !== 2048) {
    throw new DriverConfigError('gve', 'EOPNOTSUPP', 'XDP requires rx-buf-len 2048');
  }
  if (nic.header_split && mode !== 'dqo-rda') {
    throw new DriverConfigError('gve', 'EOPNOTSUPP', 'header split needs the DQO RDA queue format');
  }
  if (nic.header_split && xdp) {
    throw new DriverConfigError('gve', 'EOPNOTSUPP', 'header split cannot be enabled with an XDP program attached');
  }
  const truesize = xdp ? GVE_XDP_RX_BUFFER_SIZE_DQO : bufLen;
  const unreadable = nic.header_split && nic.variant === 'netmem';
  // gve_buffer_mgmt_dqo.c gve_rx_create_page_pool (6.18): pool_size = 4 × rx_desc_cnt, with or
  // without a memory provider on the queue (a November 2025 proposal to give provider-bound
  // queues PAGE_POOL_MAX_RING_SIZE was not merged).
  const poolSize = GVE_PAGE_POOL_SIZE_MULTIPLIER * ring;
  const pool = applyPoolOverrides(nic, {
    order: 0,
    pool_size: poolSize,
    flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | (unreadable ? PP_FLAG_ALLOW_UNREADABLE_NETMEM : 0),
    nid: nic.numa_node,
    napi: true,
    dma_dir: xdp ? 'DMA_BIDIRECTIONAL' : 'DMA_FROM_DEVICE',
    max_len: pageSize,
    offset: xdp ? XDP_PACKET_HEADROOM : 0,
  });
  return {
    mode,
    ring,
    bufLen,
    truesize,
    headroom: xdp ? XDP_PACKET_HEADROOM : 0,
    pageSize,
    buffersPerPage: Math.max(1, Math.floor((pageSize << pool.order) / truesize)),
    headerSplit: nic.header_split,
    hdrBufSize: GVE_DEFAULT_HEADER_BUFFER_SIZE,
    copybreak: nic.rx_copybreak ?? GVE_DEFAULT_RX_COPYBREAK,
    xdp,
    pool,
  };
}
