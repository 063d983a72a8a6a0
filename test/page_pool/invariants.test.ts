// The checker must catch what it claims to catch: corrupt a healthy pool in each way.
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { checkAllInvariants, checkPoolInvariants } from '../../shared/sim/page_pool/invariants';
import { HOLDER_NIC_RING, HOLDER_STACK, OUT_STRIDE, PLACE_FREE, PLACE_OUT, packState } from '../../shared/sim/netmem/places';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

function healthy() {
  const h = makeHarness();
  const pool = h.pool();
  const out = [pool.allocNetmems(), pool.allocNetmems()];
  expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  return { h, pool, out };
}

describe('checkPoolInvariants detects', () => {
  it('a buffer twice in the cache', () => {
    const { h, pool } = healthy();
    pool.cache[pool.cacheCount++] = pool.cache[0];
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/twice/);
  });
  it('a buffer in both the cache and the ring (one place word for the two: the containers decide)', () => {
    const { h, pool } = healthy();
    expect(pool.ring.produce(pool.cache[0])).toBe(true);
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/appears twice in cache\/ring/);
  });
  it('a cached buffer marked as somewhere else', () => {
    const { h, pool } = healthy();
    h.tables.page.setPlace(netmemIndex(pool.cache[0]), PLACE_FREE);
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/in the alloc cache but marked free/);
  });
  it('a lost buffer (hold counted, buffer nowhere)', () => {
    const { h, pool } = healthy();
    pool.cacheCount--; // dropped from the cache without release
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/marked pool \(alloc_cache or ptr_ring\) but in neither/);
  });
  it('pp_ref_count out of step with the holders', () => {
    const { h, pool, out } = healthy();
    h.tables.page.ppRefDelta[netmemIndex(out[0])] = 2;
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/netmem \d+ is a sole reference but has pp_ref_count 2/);
    // the counted form: two references (driver and stack), pp_ref_count 3
    pool.refNetmem(out[1], HOLDER_STACK, HOLDER_NIC_RING);
    h.tables.page.ppRefDelta[netmemIndex(out[1])] = 3;
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/pp_ref_count 3 but holders count 2/);
  });
  it('a sole reference whose container is not the holder the counts say (with the containers\u2019 view)', () => {
    const { h, pool, out } = healthy();
    // both buffers are the driver's by the counts; the view says an skb holds out[0]
    const view = (ref: number) => (ref === out[0] ? HOLDER_STACK : HOLDER_NIC_RING);
    expect(checkPoolInvariants(pool, h.tables, view).join()).toMatch(
      /accounting nic_ring\/stack\/user 2\/0\/0 but a recount gives 1\/1\/0/,
    );
    // without the view only the sum of nic_ring and stack is checked against the sole references
    expect(checkPoolInvariants(pool, h.tables)).toEqual([]);
    h.tables.moveRef(out[0], HOLDER_NIC_RING, HOLDER_STACK);
    expect(checkPoolInvariants(pool, h.tables, view)).toEqual([]);
  });
  it('a sole reference the counts lost, and the counted form miscounted', () => {
    const { h, pool, out } = healthy();
    h.tables.page.counts.out[pool.id * OUT_STRIDE + HOLDER_NIC_RING]--;
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/1\/0\/0 but a recount gives 0\/0\/0 and 2 sole reference\(s\)/);
    h.tables.page.counts.out[pool.id * OUT_STRIDE + HOLDER_NIC_RING]++;
    h.tables.page.state[netmemIndex(out[1])] = packState(PLACE_OUT, 1, 0, 0); // counted form, pool count not raised
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/1 buffers are in the counted form but the pool counts 0/);
  });
  it('per-holder accounting out of step', () => {
    const { h, pool, out } = healthy();
    const i = netmemIndex(out[0]);
    h.tables.page.state[i] = packState(PLACE_OUT, 0, 1, 0); // bypassing moveHold: class counts not updated
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/recount/);
  });
  it('release counted twice (inflight below the buffers carrying the pool id)', () => {
    const { h, pool } = healthy();
    pool.releaseCnt++;
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/inflight is/);
  });
});
