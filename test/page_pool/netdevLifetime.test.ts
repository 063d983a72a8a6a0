// The orphaned pool (net/core/page_pool_user.c page_pool_netdevice_event, 6.18;
// docs/model/netdev-lifetime.md): unregister moves listed pools to lo, lo's own unregister
// poisons them, and the stall warning follows who can still see the pool.
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { pagePoolGetDo, pagePoolGetDump, pagePoolStatsGetDo } from '../../shared/sim/page_pool/netlink';
import { LOOPBACK_IFINDEX, NET_PTR_POISON } from '../../shared/sim/page_pool/types';

const S = 1e9;

function detachedPool(netdev: number) {
  const h = makeHarness();
  const pool = h.pool({ netdev });
  const held = pool.allocNetmems(); // one page stays out (a socket holds it)
  pool.destroy(h.now);
  expect(pool.state).toBe('detached');
  return { h, pool, held };
}

const stalls = (h: ReturnType<typeof makeHarness>) => h.logs.filter((l) => l.message.includes('stalled pool shutdown'));

describe('netdev unregister with a pool in flight', () => {
  it('the pool is orphaned to lo: still listed, without ifindex, and no stall warning', () => {
    const { h, pool } = detachedPool(2);
    expect(h.registry.unregNetdev(2).map((p) => p.id)).toEqual([pool.id]);
    expect(pool.netdev).toBe(LOOPBACK_IFINDEX);
    const r = pagePoolGetDo(h.registry, pool.id);
    expect(r.ok && r.value).toEqual({ id: pool.id, inflight: 1, 'inflight-mem': 4096, 'detach-time': 0 });
    expect(pagePoolGetDump(h.registry).map((p) => p.id)).toEqual([pool.id]);
    const st = pagePoolStatsGetDo(h.registry, { id: pool.id });
    expect(st.ok && st.value.info).toEqual({ id: pool.id });
    h.runUntil(200 * S);
    expect(stalls(h)).toEqual([]);
  });

  it('lo unregisters (netns exit): NET_PTR_POISON, unlisted, and the warning once 60 s have passed', () => {
    const { h, pool } = detachedPool(2);
    h.registry.unregNetdev(2);
    h.runUntil(30 * S);
    expect(h.registry.unregNetdev(LOOPBACK_IFINDEX).map((p) => p.id)).toEqual([pool.id]);
    expect(pool.netdev).toBe(NET_PTR_POISON);
    expect(pagePoolGetDo(h.registry, pool.id)).toMatchObject({ ok: false, error: { errno: 'ENOENT' } });
    expect(pagePoolGetDump(h.registry)).toEqual([]);
    h.runUntil(61 * S);
    expect(stalls(h).map((l) => [l.t, l.message])).toEqual([
      [60 * S, `page_pool_release_retry() stalled pool shutdown: id ${pool.id}, 1 inflight 60 sec`],
    ]);
  });

  it('poisoned after the warning time: the next retry warns at once', () => {
    const { h, pool } = detachedPool(2);
    h.registry.unregNetdev(2);
    h.runUntil(90.5 * S);
    expect(stalls(h)).toEqual([]);
    h.registry.unregNetdev(LOOPBACK_IFINDEX);
    h.runUntil(91 * S);
    expect(stalls(h).map((l) => l.t)).toEqual([91 * S]);
    expect(stalls(h)[0].message).toContain(`id ${pool.id}, 1 inflight 91 sec`);
  });

  it('only pools on the unregistered netdev move; destroyed pools are already unlisted', () => {
    const h = makeHarness();
    const mine = h.pool({ netdev: 2 });
    const other = h.pool({ netdev: 3 });
    const done = h.pool({ netdev: 2 });
    const hidden = h.pool({ netdev: 0 });
    done.destroy(0);
    expect(done.state).toBe('destroyed');
    expect(h.registry.unregNetdev(2).map((p) => p.id)).toEqual([mine.id]);
    expect([mine.netdev, other.netdev, done.netdev, hidden.netdev]).toEqual([LOOPBACK_IFINDEX, 3, 2, 0]);
  });
});
