// mlx4_en: the kernel's #defines the model uses, as literals in a module without imports, so the
// ahead-of-time build (scripts/aotBuild.mjs) folds them into the driver's hot paths; params.ts
// re-exports them with the parameters derived from the scenario.
/** mlx4_en.h: scatter entries per RX descriptor. */
export const MLX4_EN_MAX_RX_FRAGS = 4;
/** mlx4_en.h MLX4_EN_EFF_MTU: MTU + ETH_HLEN + 2 × VLAN_HLEN (room for two VLAN tags). */
export const ETH_HLEN = 14;
export const VLAN_HLEN = 4;
/** mlx4_en_refill_rx_buffers: refill only when at least 8 descriptors are missing. */
export const MLX4_EN_REFILL_MIN = 8;
export const XDP_PACKET_HEADROOM = 256;
/** SMP_CACHE_BYTES = L1_CACHE_BYTES on x86-64 (1 << CONFIG_X86_L1_CACHE_SHIFT = 64). */
export const SMP_CACHE_BYTES = 64;
/** mlx4_en_calc_rx_buf: the first three frags take at most 2048 bytes. */
export const MLX4_FRAG_SIZE_MAX = 2048;
