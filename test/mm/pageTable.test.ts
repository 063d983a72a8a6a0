import { describe, expect, it } from 'vitest';
import { PageTable } from '../../shared/sim/mm/pageTable';
import { PoolPlaceCounts } from '../../shared/sim/netmem/poolPlaceCounts';

describe('page table: pages in use per NUMA node', () => {
  it('allLiveOn(nid) holds exactly while every page in use is on nid', () => {
    const t = new PageTable(new PoolPlaceCounts(), 16);
    expect(t.allLiveOn(0)).toBe(true); // no page in use
    const a = t.take(0, 0, false);
    const b = t.take(0, 0, false);
    expect(t.allLiveOn(0)).toBe(true);
    expect(t.allLiveOn(1)).toBe(false);
    const c = t.take(1, 0, false);
    expect(t.allLiveOn(0)).toBe(false);
    t.drop(c);
    expect(t.allLiveOn(0)).toBe(true);
    t.drop(a);
    t.drop(b);
    // a reused entry counts on its new node
    t.take(1, 0, false);
    expect(t.allLiveOn(1)).toBe(true);
    expect(t.allLiveOn(0)).toBe(false);
    expect(t.allLiveOn(-1)).toBe(false);
  });
});
