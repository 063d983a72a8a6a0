import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { pagePoolGetDo, pagePoolGetDump, pagePoolStatsGetDo } from '../../shared/sim/page_pool/netlink';

describe('netlink view (page_pool_user.c)', () => {
  it('page-pool-get: visible pools only, inflight and inflight-mem, detach-time once detached', () => {
    const h = makeHarness();
    const a = h.pool({ netdev: 2 });
    const hidden = h.pool({ netdev: 0 });
    a.allocNetmems();
    expect(pagePoolGetDo(h.registry, a.id)).toEqual({ ok: true, value: { id: a.id, ifindex: 2, inflight: 64, 'inflight-mem': 64 * 4096 } });
    expect(pagePoolGetDo(h.registry, hidden.id)).toMatchObject({ ok: false, error: { errno: 'ENOENT' } });
    expect(pagePoolGetDo(h.registry, undefined)).toMatchObject({ ok: false, error: { errno: 'EINVAL' } });
    h.now = 7.5e9;
    a.destroy(h.now);
    const r = pagePoolGetDo(h.registry, a.id);
    expect(r.ok && r.value).toEqual({ id: a.id, ifindex: 2, inflight: 1, 'inflight-mem': 4096, 'detach-time': 7 });
    expect(pagePoolGetDump(h.registry).map((p) => p.id)).toEqual([a.id]);
  });

  it('page-pool-stats-get: kebab-case counters; ifindex in a do is EINVAL', () => {
    const h = makeHarness();
    const a = h.pool({ netdev: 2 });
    a.putFullNetmem(a.allocNetmems(), false);
    const r = pagePoolStatsGetDo(h.registry, { id: a.id });
    expect(r.ok && r.value).toMatchObject({
      info: { id: a.id, ifindex: 2 },
      'alloc-slow': 1,
      'alloc-empty': 1,
      'recycle-cached': 1,
      'recycle-released-refcnt': 0,
    });
    expect(pagePoolStatsGetDo(h.registry, { id: a.id, ifindex: 2 })).toEqual({
      ok: false,
      error: { errno: 'EINVAL', message: 'selecting by ifindex not supported' },
    });
  });
});
