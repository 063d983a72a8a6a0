// GVE (gVNIC) DQO: the kernel's #defines the model uses, as literals in a module without imports, so the
// ahead-of-time build (scripts/aotBuild.mjs) folds them into the driver's hot paths; params.ts
// re-exports them with the parameters derived from the scenario.
/** gve.h GVE_PAGE_POOL_SIZE_MULTIPLIER: pool_size = 4 × rx_desc_cnt. */
export const GVE_PAGE_POOL_SIZE_MULTIPLIER = 4;
/** gve_dqo.h GVE_RX_BUF_THRESH_DQO: ring the buffer-queue doorbell every 32 posts (HW needs ≥ 8). */
export const GVE_RX_BUF_THRESH_DQO = 32;
export const GVE_DEFAULT_RX_BUFFER_SIZE = 2048;
/** gve.h GVE_XDP_RX_BUFFER_SIZE_DQO: with XDP, 2048-byte buffers take a whole 4 KiB page. */
export const GVE_XDP_RX_BUFFER_SIZE_DQO = 4096;
export const XDP_PACKET_HEADROOM = 256;
/** Device-advertised header buffer size; driver default GVE_DEFAULT_HEADER_BUFFER_SIZE. */
export const GVE_DEFAULT_HEADER_BUFFER_SIZE = 128;
export const GVE_DEFAULT_RX_COPYBREAK = 256;
/** gve_dqo.h: copy out of QPL pages once used states reach num_buf_states − 96. */
export const GVE_DQO_QPL_ONDEMAND_ALLOC_THRESHOLD = 96;
/** DQO QPL: 2 × ring_size QPL pages (buffers complete out of order). */
export const GVE_DQO_QPL_PAGES_PER_DESC = 2;
/** include/linux/skbuff.h MAX_SKB_FRAGS (default config). */
export const MAX_SKB_FRAGS = 17;
