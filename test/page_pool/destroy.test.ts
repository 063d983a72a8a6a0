import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { PP_OP_DMA_UNMAP } from '../../shared/sim/page_pool/types';

const S = 1_000_000_000;

describe('page_pool_destroy', () => {
  it('nothing in flight: cache and ring released, destroyed at once, pages back in the allocator', () => {
    const h = makeHarness();
    const pool = h.pool();
    const free0 = h.mm.freePagesOf(0);
    const refs: number[] = [];
    for (let k = 0; k < 10; k++) refs.push(pool.allocNetmems());
    h.exec.inSoftirq = false;
    for (const r of refs.slice(0, 5)) pool.putFullNetmem(r, false);
    h.exec.inSoftirq = true;
    for (const r of refs.slice(5)) pool.putFullNetmem(r, false);
    pool.destroy(h.now);
    expect(pool.state).toBe('destroyed');
    expect(pool.releaseCnt).toBe(64);
    expect(pool.inflight()).toBe(0);
    expect(h.mm.freePagesOf(0)).toBe(free0);
    expect(h.registry.get(pool.id)).toBeUndefined();
    expect(pool.destroyInfo).toEqual({ started_ns: 0, finished_ns: 0, detach_time_ns: null });
  });

  it('invisible pool: warns at 60 s (not before) and every 60 s, retries every 1000 ms, finishes when buffers return', () => {
    const h = makeHarness();
    const pool = h.pool({ netdev: 0 });
    const held = [pool.allocNetmems(), pool.allocNetmems()];
    h.now = 5 * S;
    pool.destroy(h.now);
    expect(pool.state).toBe('detached');
    expect(pool.destroyInfo?.detach_time_ns).toBe(5 * S);
    expect(pool.inflight()).toBe(2);
    expect(h.ops[PP_OP_DMA_UNMAP]).toBe(62 + 2); // cache released (62) + in-flight pages unmapped (2)
    h.runUntil(5 * S + 59.5 * S);
    expect(h.logs.filter((l) => l.message.includes('stalled'))).toEqual([]);
    h.runUntil(5 * S + 60 * S);
    const warn = h.logs.filter((l) => l.message.includes('stalled'));
    expect(warn).toEqual([
      { t: 65 * S, level: 'warn', message: `page_pool_release_retry() stalled pool shutdown: id ${pool.id}, 2 inflight 60 sec` },
    ]);
    h.runUntil(5 * S + 119.9 * S);
    expect(h.logs.filter((l) => l.message.includes('stalled')).length).toBe(1);
    h.runUntil(5 * S + 120 * S);
    expect(h.logs.filter((l) => l.message.includes('stalled')).map((l) => l.message)[1]).toMatch(/2 inflight 120 sec$/);
    // buffers come back (process context: napi was disabled anyway) → ring → next retry releases
    h.runUntil(130.5 * S);
    h.exec.inSoftirq = false;
    pool.putFullNetmem(held[0], false);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
    pool.putFullNetmem(held[1], false);
    expect(pool.state).toBe('detached');
    h.runUntil(130.9 * S);
    expect(pool.state).toBe('detached');
    h.runUntil(131 * S);
    expect(pool.state).toBe('destroyed');
    expect(pool.destroyInfo?.finished_ns).toBe(131 * S);
    expect(pool.releaseCnt).toBe(pool.holdCnt);
    expect(h.ops[PP_OP_DMA_UNMAP]).toBe(64); // no double unmap of pages the scrub already unmapped
  });

  it('visible pool (has a netdev): never warns', () => {
    const h = makeHarness();
    const pool = h.pool({ netdev: 3 });
    pool.allocNetmems();
    pool.destroy(0);
    h.runUntil(300 * S);
    expect(h.logs.filter((l) => l.message.includes('stalled'))).toEqual([]);
    expect(pool.state).toBe('detached');
  });

  it('returned buffers of a detached pool never go to the alloc cache', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    pool.destroy(0);
    pool.putFullNetmem(r, false); // softirq on the old NAPI core: napi was unlinked by destroy
    expect(pool.stats.recycle_cached).toBe(0);
    expect(pool.stats.recycle_ring).toBe(1);
    h.runUntil(1 * S);
    expect(pool.state).toBe('destroyed');
  });

  it('user_cnt: page_pool_use_xdp_mem adds a user that destroy must drop', () => {
    const h = makeHarness();
    const pool = h.pool();
    pool.useXdpMem();
    pool.destroy(0);
    expect(pool.state).toBe('live');
    pool.destroy(0);
    expect(pool.state).toBe('destroyed');
  });

  it('destroy frees the partially used frag page', () => {
    const h = makeHarness();
    const pool = h.pool();
    const a = pool.allocFragNetmem(1024);
    pool.putFullNetmem(a, false);
    pool.destroy(0);
    expect(pool.state).toBe('destroyed');
  });
});
