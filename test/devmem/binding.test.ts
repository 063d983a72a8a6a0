import { describe, expect, it } from 'vitest';
import { GenPool } from '../../shared/sim/providers/dmabuf/genpool';
import { DmabufBinding } from '../../shared/sim/providers/dmabuf/dmabufBinding';
import { DmabufProviderOps } from '../../shared/sim/providers/dmabuf/dmabufProvider';
import { NetIovTable } from '../../shared/sim/netmem/netIovTable';
import { PoolPlaceCounts } from '../../shared/sim/netmem/poolPlaceCounts';
import { NET_IOV_DMABUF } from '../../shared/sim/netmem/netIovTable';
import { createPagePool } from '../../shared/sim/page_pool/create';
import { PP_FLAG_ALLOW_UNREADABLE_NETMEM, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV, PAGE_SIZE } from '../../shared/sim/page_pool/types';
import { netmemIsNetIov } from '../../shared/sim/netmem/netmemRef';
import { PLACE_FREE } from '../../shared/sim/netmem/places';
import { makeHarness } from './harness';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

const hooks = { now: () => 0, log: () => {} };

describe('genpool (lib/genalloc.c as devmem uses it)', () => {
  it('searches the most recently added chunk first, lowest free slot first (gen_pool_first_fit)', () => {
    const g = new GenPool([3, 2]); // entries 0..2 = chunk 0, 3..4 = chunk 1 (added last)
    expect([g.alloc(), g.alloc(), g.alloc(), g.alloc(), g.alloc()]).toEqual([3, 4, 0, 1, 2]);
    expect(g.alloc()).toBe(-1);
    expect(g.avail()).toBe(0);
  });
  it('reuses the lowest freed slot of the first chunk searched; double free is refused', () => {
    const g = new GenPool([4]);
    for (let k = 0; k < 4; k++) g.alloc();
    expect(g.free(2)).toBe(true);
    expect(g.free(1)).toBe(true);
    expect(g.free(1)).toBe(false);
    expect(g.alloc()).toBe(1);
    expect(g.alloc()).toBe(2);
  });
});

describe('dma-buf binding (net_devmem_bind_dmabuf, 6.18)', () => {
  it('one net_iov per 4 KiB, per scatterlist chunk: DMA = chunk base + idx*PAGE_SIZE, virtual offset continues across chunks', () => {
    const table = new NetIovTable(new PoolPlaceCounts());
    const r = DmabufBinding.create(7, 10 * PAGE_SIZE, 3, table, hooks, 'eth0');
    if (!r.ok) throw new Error(r.error.message);
    const b = r.binding;
    expect(b.numNiovs).toBe(10);
    expect(b.chunks.map((c) => c.numNiovs)).toEqual([4, 3, 3]);
    expect(b.chunks.map((c) => c.baseVirtual)).toEqual([0, 4 * PAGE_SIZE, 7 * PAGE_SIZE]);
    for (const c of b.chunks) {
      for (let k = 0; k < c.numNiovs; k++) {
        const i = c.firstNiov + k;
        expect(table.type[i]).toBe(NET_IOV_DMABUF);
        expect(table.bindingId[i]).toBe(7);
        expect(table.dmaAddr[i]).toBe(c.baseDma + k * PAGE_SIZE);
        expect(table.virtOffset[i]).toBe(c.baseVirtual + k * PAGE_SIZE);
      }
    }
    // scatterlist entries are not DMA-contiguous
    expect(b.chunks[1].baseDma).toBeGreaterThan(b.chunks[0].baseDma + 4 * PAGE_SIZE);
  });
  it('rejects a size that is not a whole number of pages and more sg entries than pages', () => {
    const table = new NetIovTable(new PoolPlaceCounts());
    const a = DmabufBinding.create(1, 4097, 1, table, hooks, 'eth0');
    expect(a.ok).toBe(false);
    const c = DmabufBinding.create(1, 2 * PAGE_SIZE, 3, table, hooks, 'eth0');
    expect(c.ok).toBe(false);
  });
  it('is freed only when the initial reference and every pool reference are gone', () => {
    const table = new NetIovTable(new PoolPlaceCounts());
    const r = DmabufBinding.create(1, 4 * PAGE_SIZE, 1, table, hooks, 'eth0');
    if (!r.ok) throw new Error('bind');
    const b = r.binding;
    b.get();
    b.kill();
    expect(b.state).toBe('unbound');
    expect(b.pinned()).toBe(true);
    b.put();
    expect(b.state).toBe('freed');
    expect(b.pinned()).toBe(false);
  });
});

describe('dmabuf memory provider ops (mp_dmabuf_devmem_*)', () => {
  const flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_ALLOW_UNREADABLE_NETMEM;
  const params = (order: number) => ({
    order,
    pool_size: 64,
    flags,
    nid: 0,
    napiCore: 0,
    dma_dir: 'DMA_FROM_DEVICE' as const,
    max_len: 4096,
    offset: 0,
    netdev: 2,
    queue_idx: 0,
  });

  it('init forces dma_sync off, takes a binding reference; alloc hands out attached net_iovs; release returns them', () => {
    const h = makeHarness();
    const r = DmabufBinding.create(1, 8 * PAGE_SIZE, 2, h.world.tables.niov, hooks, 'eth0');
    if (!r.ok) throw new Error('bind');
    const ops = new DmabufProviderOps(r.binding);
    const pr = createPagePool(params(0), h.hooks, ops);
    if (!pr.ok) throw new Error(pr.error.message);
    const pool = pr.value;
    expect(pool.dmaSync).toBe(false);
    expect(pool.dmaSyncForCpu).toBe(false);
    expect(r.binding.refs).toBe(2);
    const refs: number[] = [];
    for (let k = 0; k < 8; k++) refs.push(pool.allocNetmems());
    expect(refs.every((x) => x !== 0 && netmemIsNetIov(x))).toBe(true);
    expect(pool.holdCnt).toBe(8);
    expect(r.binding.genpool.avail()).toBe(0);
    expect(pool.allocNetmems()).toBe(0); // provider empty: allocation fails
    expect(r.binding.allocFailures).toBe(1);
    for (const x of refs) expect(h.world.tables.ppRefCount(x)).toBe(1n);
    for (const x of refs) pool.putFullNetmem(x, false);
    pool.destroy(0); // scrub releases everything back to the genpool
    expect(r.binding.genpool.avail()).toBe(8);
    const i = netmemIndex(refs[0]);
    expect(h.world.tables.niov.placeOf(i)).toBe(PLACE_FREE);
    expect(pool.state).toBe('destroyed');
    expect(r.binding.refs).toBe(1); // destroy dropped the pool's reference
  });

  it('init rejects a pool of order != 0 with E2BIG', () => {
    const h = makeHarness();
    const r = DmabufBinding.create(1, 8 * PAGE_SIZE, 1, h.world.tables.niov, hooks, 'eth0');
    if (!r.ok) throw new Error('bind');
    const pr = createPagePool(params(1), h.hooks, new DmabufProviderOps(r.binding));
    expect(pr.ok).toBe(false);
    if (!pr.ok) expect(pr.error.errno).toBe('E2BIG');
    expect(r.binding.refs).toBe(1);
  });
});
