// The RX ring size each driver accepts, as its ethtool set_ringparam decides it (Linux 6.18).
// One function per driver; the scenario validation reports a refusal at `nics[i].ring` and the
// driver models use the size the kernel would actually program (mlx4 and hns3 round up).
// Rules: docs/model/drivers/gve.md#ring-size-rules, docs/model/drivers/mt76.md#ring-size-rules,
// docs/model/drivers/hns3.md#ring-size-rules, docs/model/drivers/mlx4.md,
// docs/model/drivers/generic.md#ring-size-rules.
import type { DriverName, NicConfig } from '../../../scenario/schema';
import type { Errno } from '../../page_pool/types';
import { PAGE_SIZE } from '../../page_pool/types';
import { DriverConfigError } from './errors';

export type RingResult = { ok: true; ring: number } | { ok: false; errno: Errno; message: string };

/** What a ring rule reads of a NIC: the requested size and what the device advertises. */
export type RingRequest = Pick<NicConfig, 'ring' | 'mode' | 'ring_range'>;

// ---- GVE: drivers/net/ethernet/google/gve ----
/** Device default RX ring; describe-device gives it, 1024 is the usual value [UNCERTAIN]. */
export const GVE_DEFAULT_RX_RING = 1024;
/** gve.h GVE_DEFAULT_MIN_RX_RING_SIZE: the minimum when the modify-ring option gives none. */
export const GVE_DEFAULT_MIN_RX_RING_SIZE = 512;

// ---- mlx4: drivers/net/ethernet/mellanox/mlx4/mlx4_en.h ----
export const MLX4_EN_DEF_RX_RING_SIZE = 1024;
export const MLX4_EN_MAX_RX_SIZE = 8192;
/** SMP_CACHE_BYTES on x86-64 and arm64 (L1_CACHE_BYTES = 64). */
export const SMP_CACHE_BYTES = 64;
/** MLX4_EN_ALLOC_SIZE = PAGE_ALIGN(16384): the larger of 16 KiB and one page. */
export const mlx4AllocSize = (pageSize: number): number => Math.ceil(16384 / pageSize) * pageSize;
/** MLX4_EN_MIN_RX_SIZE = MLX4_EN_ALLOC_SIZE / SMP_CACHE_BYTES: 256 with 4 KiB or 16 KiB pages, 1024 with 64 KiB. */
export const mlx4MinRxSize = (pageSize: number): number => mlx4AllocSize(pageSize) / SMP_CACHE_BYTES;

// ---- mt76: drivers/net/wireless/mediatek/mt76 ----
/** mt7915.h / mt7996.h MT7915_RX_RING_SIZE: the data RX ring (not a power of two). */
export const MT76_RX_RING_SIZE = 1536;
/** usb.c MT_NUM_RX_ENTRIES */
export const MT76_USB_RX_ENTRIES = 128;

// ---- hns3: drivers/net/ethernet/hisilicon/hns3/hns3_enet.h ----
export const HNS3_RING_MIN_PENDING = 72;
export const HNS3_RING_MAX_PENDING = 32760;
export const HNS3_RING_BD_MULTIPLE = 8;
/** Firmware-provided tqp_desc_num; 1024 is the usual value [UNCERTAIN]. */
export const HNS3_DEFAULT_RING = 1024;

// ---- generic: the project's reference driver ----
/** mlx5 en.h: default 2^10 frames; rx_max_pending 2^13 (MLX5E_PARAMS_MAXIMUM_LOG_RQ_SIZE). */
export const MLX5E_DEFAULT_RX_RING = 1024;
export const MLX5E_MAX_RX_RING = 8192;
/**
 * mlx5 en.h MLX5E_PARAMS_MINIMUM_LOG_RQ_SIZE = 1 + MLX5E_LOG_MAX_RX_WQE_BULK, the bulk being
 * ilog2(PAGE_SIZE / roundup_pow_of_two(SKB_DATA_ALIGN(NET_SKB_PAD) + 320)): 16 frames with 4 KiB pages.
 */
export const mlx5MinRxRing = (pageSize: number): number => 2 ** (1 + Math.log2(pageSize / 512));
export const GENERIC_DEFAULT_RING = 1024;
export const GENERIC_RING_MIN = 64;
export const GENERIC_RING_MAX = 16384;

const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
const roundupPow2 = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));

/**
 * gve_set_ringparam → gve_set_ring_sizes_config: an unchanged size is accepted as is; any other
 * goes through gve_validate_req_ring_size: within the range the device advertised in its
 * modify-ring option, and a power of two (-EINVAL). gve_enable_supported_features keeps the
 * default maximum for DQO-QPL. The device's range is a scenario input (`ring_range`); without
 * it only the power-of-two rule is checked, the range being the device's and not known here.
 */
function gveRing(nic: RingRequest): RingResult {
  const ring = nic.ring ?? GVE_DEFAULT_RX_RING;
  if (ring === GVE_DEFAULT_RX_RING) return { ok: true, ring };
  const range = nic.ring_range;
  const min = range ? (range.min ?? GVE_DEFAULT_MIN_RX_RING_SIZE) : 1;
  const max = range ? (nic.mode === 'dqo-qpl' ? GVE_DEFAULT_RX_RING : range.max) : 65535;
  const qpl = nic.mode === 'dqo-qpl' ? ' (DQO-QPL keeps the default maximum)' : '';
  // Above rx_max_pending the ethtool core refuses before the driver is asked (ethnl_set_rings).
  if (ring > max)
    return { ok: false, errno: 'EINVAL', message: `gve: requested ring size exceeds maximum (the device's ${max}${qpl}), got ${ring}` };
  if (ring < min) {
    return {
      ok: false,
      errno: 'EINVAL',
      message: `gve: must be within the device's range ${min}-${max} ("Requested descriptor count out of range"), got ${ring}`,
    };
  }
  if (!isPow2(ring))
    return {
      ok: false,
      errno: 'EINVAL',
      message: `gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got ${ring}`,
    };
  return { ok: true, ring };
}

/**
 * mlx4_en_set_ringparam: below MLX4_EN_MIN_RX_SIZE is -EINVAL; above rx_max_pending (8192)
 * the ethtool core refuses first (-EINVAL, ethnl_set_rings in net/ethtool/rings.c); otherwise the size is ROUNDED UP to a
 * power of two (roundup_pow_of_two), not refused: 1000 becomes 1024.
 */
function mlx4Ring(nic: RingRequest, pageSize: number): RingResult {
  const req = nic.ring ?? MLX4_EN_DEF_RX_RING_SIZE;
  const min = mlx4MinRxSize(pageSize);
  if (req < min)
    return {
      ok: false,
      errno: 'EINVAL',
      message: `mlx4: must be at least MLX4_EN_MIN_RX_SIZE (${min} with ${pageSize / 1024} KiB pages), got ${req}`,
    };
  if (req > MLX4_EN_MAX_RX_SIZE)
    return {
      ok: false,
      errno: 'EINVAL',
      message: `mlx4: requested ring size exceeds maximum (rx_max_pending ${MLX4_EN_MAX_RX_SIZE}), got ${req}`,
    };
  return { ok: true, ring: roundupPow2(req) };
}

/**
 * mlx5e_ethtool_set_ringparam (en_ethtool.c): below the minimum is -EINVAL ("rx (%d) < min (%d)");
 * above rx_max_pending the ethtool core refuses first; the log size is order_base_2 of the request,
 * so the ring is ROUNDED UP to a power of two.
 */
function mlx5Ring(nic: RingRequest, pageSize: number): RingResult {
  const req = nic.ring ?? MLX5E_DEFAULT_RX_RING;
  const min = mlx5MinRxRing(pageSize);
  if (req < min) return { ok: false, errno: 'EINVAL', message: `mlx5: rx (${req}) < min (${min})` };
  if (req > MLX5E_MAX_RX_RING)
    return {
      ok: false,
      errno: 'EINVAL',
      message: `mlx5: requested ring size exceeds maximum (rx_max_pending ${MLX5E_MAX_RX_RING}), got ${req}`,
    };
  return { ok: true, ring: roundupPow2(req) };
}

/**
 * mt76 registers no get_ringparam/set_ringparam op with mac80211: ieee80211_get_ringparam
 * (net/mac80211/ethtool.c) then reports a maximum of 0, and the ethtool core (ethnl_set_rings,
 * net/ethtool/rings.c) refuses any requested size with -EINVAL "requested ring size exceeds
 * maximum" before mac80211 is asked. The ring is the chip's fixed size.
 */
function mt76Ring(nic: RingRequest): RingResult {
  const fixed = nic.mode === 'usb' ? MT76_USB_RX_ENTRIES : MT76_RX_RING_SIZE;
  const ring = nic.ring ?? fixed;
  if (ring !== fixed) {
    const what = nic.mode === 'usb' ? 'MT_NUM_RX_ENTRIES' : 'MT7915_RX_RING_SIZE';
    return {
      ok: false,
      errno: 'EINVAL',
      message: `mt76: the RX ring is fixed at ${fixed} (${what}); mt76 reports no ring maximum, so ethtool refuses any size ("requested ring size exceeds maximum"), got ${ring}`,
    };
  }
  return { ok: true, ring };
}

/**
 * Above rx_max_pending (32760) the ethtool core refuses first (ethnl_set_rings); below 72
 * hns3_check_ringparam does ("Queue depth out of range"), both -EINVAL. hns3_set_ringparam then
 * ALIGNs the size UP to a multiple of 8 (HNS3_RING_BD_MULTIPLE).
 */
function hns3Ring(nic: RingRequest): RingResult {
  const req = nic.ring ?? HNS3_DEFAULT_RING;
  if (req > HNS3_RING_MAX_PENDING) {
    return {
      ok: false,
      errno: 'EINVAL',
      message: `hns3: requested ring size exceeds maximum (rx_max_pending ${HNS3_RING_MAX_PENDING}), got ${req}`,
    };
  }
  if (req < HNS3_RING_MIN_PENDING) {
    return {
      ok: false,
      errno: 'EINVAL',
      message: `hns3: queue depth out of range [${HNS3_RING_MIN_PENDING}-${HNS3_RING_MAX_PENDING}], got ${req}`,
    };
  }
  return { ok: true, ring: Math.ceil(req / HNS3_RING_BD_MULTIPLE) * HNS3_RING_BD_MULTIPLE };
}

/** The reference driver indexes its ring with a mask: a power of two from 64 to 16384. */
function genericRing(nic: RingRequest): RingResult {
  const ring = nic.ring ?? GENERIC_DEFAULT_RING;
  if (ring < GENERIC_RING_MIN || ring > GENERIC_RING_MAX || !isPow2(ring)) {
    return {
      ok: false,
      errno: 'EINVAL',
      message: `generic: must be a power of two from ${GENERIC_RING_MIN} to ${GENERIC_RING_MAX}, got ${ring}`,
    };
  }
  return { ok: true, ring };
}

const RULES: Readonly<Record<DriverName, (nic: RingRequest, pageSize: number) => RingResult>> = {
  gve: gveRing,
  mlx4: mlx4Ring,
  mlx5: mlx5Ring,
  mt76: mt76Ring,
  hns3: hns3Ring,
  generic: genericRing,
};

/** The RX ring the driver programs for this request, or the kernel's refusal. */
export function rxRingFor(driver: DriverName, nic: RingRequest, pageSize: number = PAGE_SIZE): RingResult {
  return RULES[driver](nic, pageSize);
}

/** The ring a driver model programs; a refusal is thrown as the driver's configuration error. */
export function driverRxRing(driver: DriverName, nic: RingRequest, pageSize: number = PAGE_SIZE): number {
  const r = rxRingFor(driver, nic, pageSize);
  if (!r.ok) throw new DriverConfigError(driver, r.errno, r.message.slice(driver.length + 2));
  return r.ring;
}
