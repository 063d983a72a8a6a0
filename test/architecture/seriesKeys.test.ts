// The series contract: every column the engine writes carries its facts (entity, NIC, queue,
// pool and its role, node, binding, counter), built by doc/seriesKeys.ts, and a document written
// before the facts existed reads back the same facts from its keys (less the pool's owner).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../shared/sim/engine/run';
import { parseScenario } from '../../shared/sim/validate/parse';
import { columnFacts, seriesColumn, seriesKey, type ColumnFacts } from '../../shared/doc/seriesKeys';
import type { SeriesColumnMeta } from '../../shared/doc/runDocument';

const shape = { unit: 'buffers', kind: 'gauge' as const, label: 'x' };

describe('series keys and column facts', () => {
  it('builders write the documented grammar', () => {
    expect(seriesKey.nic('eth0', 'rx_bytes')).toBe('nic/eth0/rx_bytes');
    expect(seriesKey.nicDrop('eth0', 'rx_missed')).toBe('nic/eth0/drop/rx_missed');
    expect(seriesKey.queue('eth0', 3, 'posted')).toBe('queue/eth0/3/posted');
    expect(seriesKey.pool(7, 'alloc_fast')).toBe('pool/7/alloc_fast');
    expect(seriesKey.mem(1, 'free_pages')).toBe('mem/1/free_pages');
    expect(seriesKey.binding(2, 'niov_free')).toBe('binding/2/niov_free');
    expect(seriesKey.zcrx('eth1', 'area_free')).toBe('zcrx/eth1/area_free');
  });

  it('a column without facts (older document) reads the same facts back from its key', () => {
    const built: SeriesColumnMeta[] = [
      seriesColumn.nic('eth0', 'drop/rx_missed', shape),
      seriesColumn.queue('eth0', 3, 'posted', shape),
      seriesColumn.pool({ id: 7, nic: 'eth0', queue: 3, role: 'header' }, 'inflight', shape),
      seriesColumn.mem(1, 'free_pages', shape),
      seriesColumn.binding(2, 'eth0', 'niov_free', shape),
      seriesColumn.zcrx('eth1', 'area_free', shape),
    ];
    for (const m of built) {
      const legacy = columnFacts({ key: m.key, unit: m.unit, kind: m.kind, label: m.label })!;
      const full = columnFacts(m)!;
      const owner: (keyof ColumnFacts)[] = full.entity === 'pool' ? ['nic', 'queue', 'role'] : full.entity === 'binding' ? ['nic'] : [];
      const expected = { ...full };
      for (const k of owner) delete expected[k];
      expect(legacy).toEqual(expected);
    }
    expect(columnFacts({ key: 'other/1', unit: 'x', kind: 'gauge', label: '' })).toBeUndefined();
  });

  it('every column of a run carries facts that rebuild its key', () => {
    const parsed = parseScenario(readFileSync('scenarios/reference/devmem-unbind-in-flight.yaml', 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const doc = runScenario({ ...parsed.scenario, duration: 2_000_000 });
    const entities = new Set<string>();
    for (const m of doc.series.meta) {
      expect(m.entity, m.key).toBeDefined();
      const f = columnFacts(m)!;
      entities.add(f.entity);
      const rebuilt =
        f.entity === 'nic'
          ? seriesKey.nic(f.nic!, f.counter)
          : f.entity === 'queue'
            ? seriesKey.queue(f.nic!, f.queue!, f.counter)
            : f.entity === 'pool'
              ? seriesKey.pool(f.pool!, f.counter)
              : f.entity === 'mem'
                ? seriesKey.mem(f.node!, f.counter)
                : f.entity === 'binding'
                  ? seriesKey.binding(f.binding!, f.counter)
                  : f.entity === 'provider'
                    ? seriesKey.provider(f.provider!, f.counter)
                    : seriesKey.zcrx(f.nic!, f.counter);
      expect(rebuilt).toBe(m.key);
      if (f.entity === 'pool') {
        const p = doc.pools.find((x) => x.id === f.pool)!;
        expect([f.nic, f.queue, f.role]).toEqual([p.nic, p.queue, p.role]);
      }
    }
    expect([...entities].sort()).toEqual(['binding', 'mem', 'nic', 'pool', 'provider', 'queue']);
  });
});
