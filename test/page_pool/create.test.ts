import { describe, expect, it } from 'vitest';
import { makeHarness, defaultParams } from './harness';
import { createPagePool, pagePoolRingSize } from '../../shared/sim/page_pool/create';
import {
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  type MemoryProviderOps,
  type PagePoolParams,
} from '../../shared/sim/page_pool/types';

function create(p: Partial<PagePoolParams>, provider: MemoryProviderOps | null = null) {
  const h = makeHarness();
  return { h, r: createPagePool({ ...defaultParams(), ...p }, h.hooks, provider) };
}

function fakeProvider(initErr: 'E2BIG' | null = null): MemoryProviderOps & { inits: number } {
  return {
    kind: 'dmabuf',
    inits: 0,
    init(this: { inits: number }) {
      this.inits++;
      return initErr ? { errno: initErr, message: 'order must be 0' } : null;
    },
    allocNetmems: () => 0,
    releaseNetmem: () => false,
    destroy: () => {},
  };
}

describe('page_pool_create checks (page_pool_init order)', () => {
  it('unknown flag bits → EINVAL', () => {
    const { r, h } = create({ flags: PP_FLAG_DMA_MAP | 0x10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.errno).toBe('EINVAL');
    expect(h.logs.at(-1)?.message).toBe('page_pool_create_percpu() gave up with errno -22');
  });
  it('DMA_MAP with DMA_TO_DEVICE → EINVAL', () => {
    const { r } = create({ dma_dir: 'DMA_TO_DEVICE' });
    expect(!r.ok && r.error.errno).toBe('EINVAL');
  });
  it('DMA_MAP with DMA_BIDIRECTIONAL is fine (XDP_TX)', () => {
    expect(create({ dma_dir: 'DMA_BIDIRECTIONAL' }).r.ok).toBe(true);
  });
  it('SYNC_DEV without DMA_MAP → EINVAL; with max_len 0 → EINVAL', () => {
    expect(create({ flags: PP_FLAG_DMA_SYNC_DEV }).r).toMatchObject({ ok: false, error: { errno: 'EINVAL' } });
    expect(create({ max_len: 0 }).r).toMatchObject({ ok: false, error: { errno: 'EINVAL' } });
  });
  it('unknown flags are checked before the DMA direction', () => {
    const { r } = create({ flags: 0x20 | PP_FLAG_DMA_MAP, dma_dir: 'DMA_TO_DEVICE' });
    expect(!r.ok && r.error.message).toMatch(/unknown flags/);
  });
  it('ring size: pool_size, 1024 when 0, silently clamped to 16384', () => {
    expect(pagePoolRingSize(0)).toBe(1024);
    expect(pagePoolRingSize(300)).toBe(300);
    expect(pagePoolRingSize(100000)).toBe(16384);
    const { r } = create({ pool_size: 65536 });
    expect(r.ok && r.value.ringSize).toBe(16384);
  });
  it('a provider needs DMA_MAP and DMA_SYNC_DEV → EOPNOTSUPP, before init', () => {
    const mp = fakeProvider();
    const { r } = create({ flags: PP_FLAG_DMA_MAP | PP_FLAG_ALLOW_UNREADABLE_NETMEM }, mp);
    expect(!r.ok && r.error.errno).toBe('EOPNOTSUPP');
    expect(mp.inits).toBe(0);
  });
  it('provider init error is returned', () => {
    const mp = fakeProvider('E2BIG');
    const { r, h } = create({ flags: PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_ALLOW_UNREADABLE_NETMEM }, mp);
    expect(!r.ok && r.error.errno).toBe('E2BIG');
    expect(h.logs.map((l) => l.message)).toContain('page_pool_init() mem-provider init failed -7');
  });
  it('provider is ignored without ALLOW_UNREADABLE_NETMEM (header pool)', () => {
    const mp = fakeProvider();
    const { r } = create({}, mp);
    expect(r.ok && r.value.provider).toBe(null);
    expect(mp.inits).toBe(0);
  });
  it('ids are cyclic from 1; a failed creation does not take an id', () => {
    const h = makeHarness();
    const ids: number[] = [];
    for (let k = 0; k < 3; k++) {
      const r = createPagePool({ ...defaultParams(), flags: k === 1 ? 0x40 : defaultParams().flags }, h.hooks);
      if (r.ok) ids.push(r.value.id);
    }
    expect(ids).toEqual([1, 2]);
  });
});
