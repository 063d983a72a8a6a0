// What mlx4 states about itself for a NIC config (DriverModel.describe).
import type { NicConfig } from '../../../scenario/schema';
import type { DriverDescription } from '../driver';
import { PAGE_SIZE } from '../../page_pool/types';
import { unreadableCapability } from '../conversion/capability';
import { GFP_DEV_ALLOC, GFP_KERNEL, gfpName } from '../../mm/gfp';
import { MLX4_EN_REFILL_MIN, SMP_CACHE_BYTES, mlx4Params } from './params';

export function describeMlx4(nic: NicConfig): DriverDescription {
  const p = mlx4Params(nic);
  const pp = p.mode === 'page_pool';
  return {
    driver: 'mlx4',
    variant: nic.variant,
    mode: p.mode,
    ring: p.ring,
    buffer_bytes: p.frags[0].stride,
    buffers_per_page: Math.max(1, Math.floor(PAGE_SIZE / p.frags[0].stride)),
    page_pool: p.pool,
    uses_page_pool: pp,
    refill:
      `end of NAPI poll, only when ≥ ${MLX4_EN_REFILL_MIN} descriptors are missing; a page for each of the ${p.frags.length} frag(s) that has none` +
      (pp ? ' (page_pool_alloc_pages + page_pool_fragment_page(page, 1))' : ' (alloc_page + dma_map_page)'),
    rx_gfp:
      `${gfpName(GFP_DEV_ALLOC)} at refill (en_rx.c mlx4_en_refill_rx_buffers → ${pp ? 'page_pool_alloc_pages' : 'alloc_page'}); ` +
      `${gfpName(GFP_KERNEL)} at ndo_open (mlx4_en_fill_rx_buffers)`,
    recycle_paths: [
      ...p.frags.map(
        (f, i) =>
          `frag ${i} (${f.size} B in a ${f.stride} B stride): ` +
          (p.xdp
            ? 'one frame per page: the slot always releases'
            : f.stride === PAGE_SIZE / 2
              ? 'half-page flip: the slot keeps its page (one more ref) while page_count == 1' +
                (pp ? ', pp_ref_count == 1' : '') +
                ', not pfmemalloc and on numa_mem_id() of the polling CPU'
              : `offset advances by the bytes written aligned to ${SMP_CACHE_BYTES}; the page is kept until the next ${f.size} B would not fit`),
      ),
      pp
        ? 'released pages return to page_pool when the skb is freed (skb_mark_for_recycle)'
        : 'released pages are dma-unmapped and freed to the page allocator by put_page',
      'XDP_DROP: the page stays in its slot',
      pp
        ? "XDP_TX completion → the RX ring's page_pool (put_full_page, direct in NAPI)"
        : 'XDP_TX completion → local 128-entry recycle ring',
      'no small-frame copy: every frame goes through napi_get_frags and takes its frags',
    ],
    capabilities: {
      xdp: true,
      header_split: false,
      queue_mgmt_ops: false,
      unreadable_netmem: unreadableCapability({
        variant: nic.variant,
        usesPagePool: pp,
        headerSplitSupported: false,
        headerSplitOn: false,
        vaBased: true,
        queueApi: false,
        xdpAttached: p.xdp,
        readsPayload: true,
      }),
    },
  };
}
