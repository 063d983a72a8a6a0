// The checker must catch what it claims to catch: corrupt a healthy pool in each way.
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { checkAllInvariants, checkPoolInvariants } from '../../shared/sim/page_pool/invariants';
import { PLACE_FREE, PLACE_OUT, packState } from '../../shared/sim/netmem/places';
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
    expect(checkPoolInvariants(pool, h.tables).join()).toMatch(/pp_ref_count 2 but holders count 1/);
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
