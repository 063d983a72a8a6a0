// The page_pool side of a memory provider (§5.1, §5.7): a minimal LIFO provider over a
// net_iov range, enough to check what the core does around alloc_netmems / release_netmem.
import { describe, expect, it } from 'vitest';
import { makeHarness, GiB, type Harness } from './harness';
import { netIovToNetmem } from '../../shared/sim/netmem/netmemRef';
import { NET_IOV_DMABUF } from '../../shared/sim/netmem/netIovTable';
import { HOLDER_NIC_RING, HOLDER_STACK, HOLDER_USER } from '../../shared/sim/netmem/places';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { napiPpPutPage } from '../../shared/sim/page_pool/skbRecycle';
import {
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  PP_OP_DMA_MAP,
  PP_OP_DMA_SYNC_DEV,
  type MemoryProviderOps,
  type PagePoolApi,
} from '../../shared/sim/page_pool/types';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

function provider(h: Harness, n: number, stock = 0): MemoryProviderOps & { free: number[]; destroyed: number } {
  const first = h.tables.niov.allocRange(n, NET_IOV_DMABUF, 0, 7, 1 << 30, 0, 4096);
  const free: number[] = [];
  for (let k = n - 1; k >= 0; k--) free.push(first + k);
  const mp = {
    kind: 'dmabuf' as const,
    free,
    destroyed: 0,
    init(pool: PagePoolApi) {
      pool.dmaSync = false;
      pool.dmaSyncForCpu = false;
      return null;
    },
    allocNetmems(pool: PagePoolApi) {
      for (let k = 0; k < stock && free.length > 1; k++) {
        const r = netIovToNetmem(free.pop()!);
        pool.mpNetIovAttach(r);
        pool.mpPlaceInCache(r);
      }
      const i = free.pop();
      if (i === undefined) return 0;
      const ref = netIovToNetmem(i);
      pool.mpNetIovAttach(ref);
      return ref;
    },
    releaseNetmem(pool: PagePoolApi, ref: number) {
      pool.mpNetIovDetach(ref);
      free.push(netmemIndex(ref));
      return false;
    },
    destroy() {
      mp.destroyed++;
    },
  };
  return mp;
}

const FLAGS = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_ALLOW_UNREADABLE_NETMEM;

describe('memory provider pools', () => {
  it('slow path is the provider: no alloc_slow, no DMA map by the core, hold_cnt per net_iov', () => {
    const h = makeHarness();
    const mp = provider(h, 8);
    const pool = h.pool({ flags: FLAGS }, mp);
    expect(pool.dmaSync).toBe(false); // provider init cleared it
    const refs = [pool.allocNetmems(), pool.allocNetmems()];
    expect(refs.every((r) => (r & 1) === 1)).toBe(true);
    expect(pool.stats.alloc_slow).toBe(0);
    expect(pool.stats.alloc_empty).toBe(2);
    expect(pool.holdCnt).toBe(2);
    expect(h.ops[PP_OP_DMA_MAP]).toBe(0);
    expect(h.tables.isReadable(refs[0])).toBe(false);
    expect(h.tables.dmaAddr(refs[1])).toBe((1 << 30) + 4096);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('a provider may stock the alloc cache (bulk); later allocations are fast', () => {
    const h = makeHarness();
    const pool = h.pool({ flags: FLAGS }, provider(h, 100, 63));
    pool.allocNetmems();
    expect(pool.holdCnt).toBe(64);
    expect(pool.allocCacheCount).toBe(63);
    pool.allocNetmems();
    expect(pool.stats.alloc_fast).toBe(1);
  });

  it('provider exhaustion: allocation fails', () => {
    const h = makeHarness();
    const pool = h.pool({ flags: FLAGS }, provider(h, 2));
    pool.allocNetmems();
    pool.allocNetmems();
    expect(pool.allocNetmems()).toBe(0);
  });

  it('net_iov is always recyclable and always on the preferred node; no sync once init cleared dma_sync', () => {
    const h = makeHarness({ numaNodes: 2, perNodeBytes: GiB }, [0, 1]);
    const pool = h.pool({ flags: FLAGS, pool_size: 64 }, provider(h, 8));
    const r = pool.allocNetmems();
    h.tables.moveRef(r, HOLDER_NIC_RING, HOLDER_STACK);
    pool.refNetmem(r, HOLDER_USER, HOLDER_STACK); // token
    napiPpPutPage(h.registry, h.tables, r);
    h.exec.inSoftirq = false;
    h.exec.cpu = 1; // DONTNEED from process context on another node
    pool.putFullNetmem(r, false, HOLDER_USER);
    expect(pool.stats.recycle_ring).toBe(1);
    expect(h.ops[PP_OP_DMA_SYNC_DEV]).toBe(0);
    h.exec.inSoftirq = true;
    expect(pool.allocNetmems()).toBe(r); // refill: no waive for a net_iov
    expect(pool.stats.alloc_waive).toBe(0);
    expect(pool.stats.alloc_refill).toBe(1);
  });

  it('release goes back to the provider (release_cnt++, no put_page); destroy calls mp destroy', () => {
    const h = makeHarness();
    const mp = provider(h, 4);
    const pool = h.pool({ flags: FLAGS, pool_size: 16 }, mp);
    const a = pool.allocNetmems();
    pool.putFullNetmem(a, false);
    expect(pool.allocCacheCount).toBe(1);
    pool.destroy(0);
    expect(pool.releaseCnt).toBe(1);
    expect(mp.free.length).toBe(4);
    expect(pool.state).toBe('destroyed');
    expect(mp.destroyed).toBe(1);
    expect(h.tables.ppId(a)).toBe(0);
  });
});
