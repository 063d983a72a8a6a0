// hns3: the kernel's #defines the model uses, as literals in a module without imports, so the
// ahead-of-time build (scripts/aotBuild.mjs) folds them into the driver's hot paths; params.ts
// re-exports them with the parameters derived from the scenario.
export const HNS3_DEFAULT_BUFFER_SIZE = 2048;
/** HNS3_RX_HEAD_SIZE: linear head size and the small-frame copy limit. */
export const HNS3_RX_HEAD_SIZE = 256;
/** RCB_NOF_ALLOC_RX_BUFF_ONCE: refill in batches of at least 16, inside the poll loop. */
export const RCB_NOF_ALLOC_RX_BUFF_ONCE = 16;
/** Legacy reuse: refs taken per page and the initial pagecnt_bias (USHRT_MAX). */
export const HNS3_PAGECNT_BIAS = 65535;
