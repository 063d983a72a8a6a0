// pp and pp_magic are written together (page_pool_set_pp_info / page_pool_clear_pp_info), and the
// skb recycle path relies on it: it tests a buffer's pool id alone. The invariant check must see a
// table entry where the two disagree.
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

describe('pp id and pp_magic', () => {
  it('are set and cleared together by the pool', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 64 });
    const refs = [pool.allocNetmems(), pool.allocNetmems(), pool.allocNetmems()];
    const page = h.tables.page;
    for (const ref of refs) {
      const i = netmemIndex(ref);
      expect([page.ppId[i], page.ppMagic[i]]).toEqual([pool.id, 1]);
    }
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
    for (const ref of refs) pool.putFullNetmem(ref, false);
    pool.destroy(0);
    for (const ref of refs) {
      const i = netmemIndex(ref);
      expect([page.ppId[i], page.ppMagic[i]]).toEqual([0, 0]);
    }
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('disagreeing is an invariant violation', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 64 });
    const ref = pool.allocNetmems();
    const i = netmemIndex(ref);
    h.tables.page.ppMagic[i] = 0;
    expect(checkAllInvariants(h.registry, h.tables)).toContain(`page ${i}: pp_magic 0 with page_pool id ${pool.id}`);
  });
});
