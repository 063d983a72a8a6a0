// mt76 (MediaTek Wi-Fi) RX parameters (docs/model/drivers/mt76.md): mt76_create_page_pool and
// the mt7915/mt7996 ring sizes. MMIO (PCIe/AXI) pools map and sync; USB/SDIO pools are plain
// allocators (flags 0, no napi).
import type { NicConfig } from '../../../scenario/schema';
import { NUMA_NO_NODE, PAGE_SIZE, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../page_pool/types';
import { applyPoolOverrides, type DriverPoolParams } from '../common/poolParams';
import { DriverConfigError } from '../common/errors';
import { driverRxRing } from '../common/ringRules';

export { MT76_RX_RING_SIZE, MT76_USB_RX_ENTRIES } from '../common/ringRules';
export const MT76_RX_MCU_RING_SIZE = 512;
/** mt76.h MT_RX_BUF_SIZE */
export const MT_RX_BUF_SIZE = 2048;
/** SKB_WITH_OVERHEAD(2048) on x86-64: 2048 − 320 (aligned skb_shared_info) = 1728 writable (derived). */
export const MT76_SKB_SHINFO = 320;
/** mt76_create_page_pool: 256 entries for MT_RXQ_MAIN / BAND1 / BAND2, 16 for every other queue. */
export const MT76_DATA_POOL_SIZE = 256;
export const MT76_OTHER_POOL_SIZE = 16;

export type Mt76Mode = 'mmio' | 'usb';
export type Mt76QueueKind = 'main' | 'band1' | 'band2' | 'mcu' | 'mcu_wa' | 'wed_tx_free';

/** pool_size mt76_create_page_pool gives a queue of this kind. */
export function mt76PoolSize(kind: Mt76QueueKind): number {
  return kind === 'main' || kind === 'band1' || kind === 'band2' ? MT76_DATA_POOL_SIZE : MT76_OTHER_POOL_SIZE;
}

export interface Mt76Params {
  mode: Mt76Mode;
  ring: number;
  bufSize: number;
  /** bytes the hardware may write into a first buffer (room left for skb_shared_info) */
  hwLen: number;
  pool: DriverPoolParams;
}

export function mt76Params(nic: NicConfig, pageSize: number = PAGE_SIZE): Mt76Params {
  const mode = (nic.mode ?? 'mmio') as Mt76Mode;
  if (mode !== 'mmio' && mode !== 'usb') throw new DriverConfigError('mt76', 'EINVAL', `mode "${nic.mode}" unknown (mmio | usb)`);
  if (nic.header_split) throw new DriverConfigError('mt76', 'EOPNOTSUPP', 'no header split');
  if (nic.xdp !== 'none') throw new DriverConfigError('mt76', 'EOPNOTSUPP', 'no native XDP (only generic XDP on the netdev)');
  if (nic.provider) throw new DriverConfigError('mt76', 'EOPNOTSUPP', 'no memory provider: buffers are handled by kernel virtual address');
  const mmio = mode === 'mmio';
  const ring = driverRxRing('mt76', nic);
  const bufSize = nic.rx_buf_len ?? MT_RX_BUF_SIZE;
  const pool = applyPoolOverrides(nic, {
    order: 0,
    pool_size: MT76_DATA_POOL_SIZE,
    flags: mmio ? PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV : 0,
    nid: NUMA_NO_NODE,
    napi: mmio,
    dma_dir: 'DMA_FROM_DEVICE',
    max_len: mmio ? pageSize : 0,
    offset: 0,
  });
  return { mode, ring, bufSize, hwLen: bufSize - MT76_SKB_SHINFO, pool };
}
