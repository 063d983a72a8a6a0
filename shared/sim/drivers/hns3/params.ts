// hns3 (HiSilicon Kunpeng) RX parameters (docs/model/drivers/hns3.md): hns3_alloc_page_pool
// and the page_pool_enabled module parameter (default 1; 0 = the driver's pagecnt_bias reuse).
import type { NicConfig } from '../../../scenario/schema';
import { PAGE_SIZE, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { driverRxRing } from '../common/ringRules';
import { HNS3_DEFAULT_BUFFER_SIZE } from './defines';

export { HNS3_DEFAULT_BUFFER_SIZE, HNS3_PAGECNT_BIAS, HNS3_RX_HEAD_SIZE, RCB_NOF_ALLOC_RX_BUFF_ONCE } from './defines';

/** Firmware-provided tqp_desc_num; 1024 typical [UNCERTAIN, docs/model/drivers/hns3.md#rings-and-buffers]. */
export { HNS3_DEFAULT_RING } from '../common/ringRules';
export const HNS3_BUFFER_SIZES = [512, 1024, 2048, 4096] as const;

export type Hns3Mode = 'page_pool' | 'legacy';

export interface Hns3Params {
  mode: Hns3Mode;
  ring: number;
  bufSize: number;
  order: number;
  pageBytes: number;
  buffersPerPage: number;
  /** rx_copybreak tunable for rule d of the legacy reuse (ethtool; 0 = off) */
  copybreak: number;
  pool: DriverPoolParams;
}

export function hns3Params(nic: NicConfig, pageSize: number = PAGE_SIZE): Hns3Params {
  const mode = (nic.mode ?? 'page_pool') as Hns3Mode;
  if (mode !== 'page_pool' && mode !== 'legacy') {
    throw new DriverConfigError(
      'hns3',
      'EINVAL',
      `mode "${nic.mode}" unknown (page_pool = page_pool_enabled=1, legacy = page_pool_enabled=0)`,
    );
  }
  if (nic.header_split) throw new DriverConfigError('hns3', 'EOPNOTSUPP', 'no header split');
  if (nic.xdp !== 'none') throw new DriverConfigError('hns3', 'EOPNOTSUPP', 'no XDP support upstream');
  if (nic.provider) throw new DriverConfigError('hns3', 'EOPNOTSUPP', 'no memory provider support (only the Nov 2023 RFC hack)');
  const ring = driverRxRing('hns3', nic, pageSize);
  const bufSize = nic.rx_buf_len ?? HNS3_DEFAULT_BUFFER_SIZE;
  if (!(HNS3_BUFFER_SIZES as readonly number[]).includes(bufSize)) {
    throw new DriverConfigError('hns3', 'EINVAL', `rx-buf-len ${bufSize} not one of ${HNS3_BUFFER_SIZES.join(', ')}`);
  }
  // hns3_page_order: order 1 when PAGE_SIZE < 8 KiB and buf_size > PAGE_SIZE / 2.
  const order = pageSize < 8192 && bufSize > pageSize / 2 ? 1 : 0;
  const pageBytes = pageSize << order;
  const pool = applyPoolOverrides(nic, {
    order,
    pool_size: (ring * bufSize) / pageBytes,
    flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
    nid: nic.numa_node,
    napi: false, // not set in the read version [UNCERTAIN for the newest tree]
    dma_dir: 'DMA_FROM_DEVICE',
    max_len: pageBytes,
    offset: 0,
  });
  return {
    mode,
    ring,
    bufSize,
    order,
    pageBytes,
    buffersPerPage: pageBytes / bufSize,
    copybreak: nic.rx_copybreak ?? 0,
    pool,
  };
}
