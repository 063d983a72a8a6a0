// Each importer reads its published fixtures (test/fixtures/measured/README.md) and refuses malformed
// input with file:line:column, expected and found.
import { describe, expect, it } from 'vitest';
import { parseYnl } from '../../shared/measured/ynl';
import { parseEthtool } from '../../shared/measured/ethtool';
import { parseBench } from '../../shared/measured/bench';
import { parseBpftrace } from '../../shared/measured/bpftrace';
import { detectKind } from '../../shared/measured/detect';
import { importMeasured } from '../../shared/measured/importMeasured';
import { MeasuredParseError } from '../../shared/measured/located';
import { fixture } from './fixtures';

function located(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof MeasuredParseError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('ynl importer', () => {
  it('reads the published page-pool-stats-get dump keyed by pool id and ifindex', () => {
    const [s] = parseYnl(fixture('ynl-page-pool-stats-get.kuba-2023.txt'), 'k.txt');
    expect(s.pools.map((p) => [p.id, p.ifindex])).toEqual([
      [19, 2],
      [18, 2],
    ]);
    expect(s.pools[1].stats).toEqual({
      alloc_empty: 66,
      alloc_fast: 11811,
      alloc_refill: 35,
      alloc_slow: 66,
      alloc_slow_high_order: 0,
      alloc_waive: 0,
      recycle_cache_full: 1145,
      recycle_cached: 6541,
      recycle_released_refcnt: 0,
      recycle_ring: 1275,
      recycle_ring_full: 0,
    });
  });

  it('reads page-pool-get with napi-id, inflight, inflight-mem and dmabuf', () => {
    const [m] = parseYnl(fixture('ynl-page-pool-get.mlx5-napi-2025.txt'), 'm.txt');
    expect(m.pools[0]).toEqual({ id: 144, ifindex: 2, inflight: 3072, inflight_mem: 12582912, napi_id: 565 });
    const [d] = parseYnl(fixture('ynl-page-pool-get.devmem-2024.txt'), 'd.txt');
    expect(d.pools).toHaveLength(8);
    expect(d.pools.every((p) => p.dmabuf === 10 && p.inflight === 1023 && p.inflight_mem === 4190208)).toBe(true);
  });

  it('reads --output-json, detach-time and a timestamped series of dumps (written for the test)', () => {
    const text =
      '1700000000\n[{"id": 5, "ifindex": 2, "inflight": 10}]\n1700000002.5\n[{"id": 5, "ifindex": 2, "inflight": 4, "detach-time": 1234}]\n';
    const s = parseYnl(text, 'j.json');
    expect(s.map((x) => x.t)).toEqual([1700000000, 1700000002.5]);
    expect(s[1].pools[0]).toEqual({ id: 5, ifindex: 2, inflight: 4, detach_time: 1234 });
  });

  it('refuses an attribute netdev.yaml does not define, a wrong type and a pool twice, located', () => {
    expect(located(() => parseYnl("[{'id': 1,\n  'inflite': 3}]", 'a.txt'))).toMatch(
      /^a\.txt:2:3: expected an attribute of 'page-pool' \(netdev\.yaml: id, ifindex, napi-id, inflight, inflight-mem, detach-time, dmabuf, io-uring\), found 'inflite'$/,
    );
    expect(located(() => parseYnl("[{'info': {'id': 1}, 'alloc-fast': 'many'}]", 'b.txt'))).toMatch(
      /^b\.txt:1:22: expected an unsigned integer for 'alloc-fast' \(netdev\.yaml\), found "many"$/,
    );
    expect(located(() => parseYnl("[{'id': 1}, {'id': 1}]", 'c.txt'))).toMatch(/^c\.txt:1:13: expected one entry per pool id/);
    expect(located(() => parseYnl("[{'ifindex': 2}]", 'd.txt'))).toMatch(/^d\.txt:1:2: expected a page pool 'id'/);
  });
});

describe('ynl page-pool sample output', () => {
  it('reads the published sample run: four counters summed per netdev, pools and in-flight under other', () => {
    const text = fixture('ynl-page-pool-sample.meta-2023.txt');
    expect(detectKind(text)).toBe('ynl');
    const m = importMeasured([{ path: 's.txt', text }]);
    expect(m.sources).toEqual([{ path: 's.txt', kind: 'ynl', snapshots: 1 }]);
    expect(m.devices).toEqual([
      {
        device: 'eth0',
        stats: { alloc_slow: 656, alloc_fast: 397681, recycle_ring: 89652, recycle_cached: 270201 },
        queues: [],
        other: {
          page_pools: 10,
          zombies: 0,
          ifindex: 2,
          inflight: 41984,
          inflight_mem: 171966464,
          zombie_inflight: 0,
          zombie_inflight_mem: 0,
        },
      },
    ]);
    // the sample's own recycling figure is (ring + cached) / (fast + slow)
    const d = m.devices[0].stats;
    expect(Math.round(((d.recycle_ring! + d.recycle_cached!) / (d.alloc_fast! + d.alloc_slow!)) * 1000) / 10).toBe(90.3);
  });

  it('orphans, timestamps and repeated netdevs make snapshots; malformed lines are located (written for the test)', () => {
    const block = (fast: number) =>
      `<orphan>\tpage pools: 1 (zombies: 1)\n\t\trefs: 4 bytes: 16384 (refs: 4 bytes: 16384)\n\t\trecycling: 50.0% (alloc: 1:${fast} recycle: 0:1)\n`;
    const m = importMeasured([{ path: 'o.txt', text: `10\n${block(3)}12\n${block(7)}` }]);
    expect(m.rates?.devices).toEqual([{ device: '<orphan>', per_s: { alloc_slow: 0, alloc_fast: 2, recycle_ring: 0, recycle_cached: 0 } }]);
    expect(() => importMeasured([{ path: 'b.txt', text: block(3).replace('refs: 4 bytes', 'refs: x bytes') }])).toThrow(
      /^b\.txt:2:3: expected 'refs: N bytes: N \(refs: N bytes: N\)', found "refs: x bytes/,
    );
    expect(() => importMeasured([{ path: 'c.txt', text: block(3).split('\n').slice(0, 2).join('\n') }])).toThrow(
      /^c\.txt:2:1: expected the 'recycling:' line of the last netdev, found end of file/,
    );
  });
});

describe('ethtool -S importer', () => {
  it('reads the published veth counters (generic rx_pp_* names)', () => {
    const [s] = parseEthtool(fixture('ethtool-S.veth-2023.txt'), 'v.txt', 'veth0');
    expect(s.devices).toEqual([
      {
        device: 'veth0',
        stats: { alloc_fast: 18041186, alloc_slow: 286369, recycle_ring: 0, recycle_released_refcnt: 18327555 },
        queues: [],
        other: {},
      },
    ]);
  });

  it('reads the published mlx5 ConnectX-6 Dx counters: device totals, queue 0 rx0_pp_*, the rest by name', () => {
    const [s] = parseEthtool(fixture('ethtool-S.mlx5-cx6dx-xdp-2024.txt'), 'm.txt', 'eth0');
    const d = s.devices[0];
    expect(d.stats).toEqual({
      alloc_fast: 3641784,
      alloc_slow: 8,
      alloc_slow_high_order: 0,
      alloc_empty: 8,
      alloc_refill: 0,
      alloc_waive: 0,
      recycle_cached: 3641280,
    });
    expect(d.queues).toEqual([
      { queue: 0, stats: { ...d.stats, recycle_cache_full: 0, recycle_ring: 0, recycle_ring_full: 0, recycle_released_refcnt: 0 } },
    ]);
    expect(d.other.rx_xdp_drop).toBe(7783331724);
    expect(d.other.rx0_xdp_drop).toBe(7783331724);
    expect(d.header_pool).toBeUndefined();
  });

  it('maps mlx5 names: rx_pp_alloc_slow_high_order, per-queue rxN_pp_*, header pool rx_pp_hd_* (written for the test)', () => {
    const text =
      '$ ethtool -S eth2\nNIC statistics:\n     rx_packets: 10\n     rx_pp_alloc_slow_high_order: 3\n     rx_pp_alloc_slow_ho: 0\n     rx1_pp_recycle_ring: 7\n     rx0_pp_recycle_ring: 5\n     rx_pp_hd_alloc_fast: 9\n';
    expect(() => parseEthtool(text, 'x', 'eth0')).toThrow(
      /x:5:6: expected each counter once per 'NIC statistics:' block, found 'rx_pp_alloc_slow_ho' again/,
    );
    const [s] = parseEthtool(text.replace('     rx_pp_alloc_slow_ho: 0\n', ''), 'x', 'eth0');
    expect(s.devices[0]).toEqual({
      device: 'eth2',
      stats: { alloc_slow_high_order: 3 },
      header_pool: { alloc_fast: 9 },
      queues: [
        { queue: 0, stats: { recycle_ring: 5 } },
        { queue: 1, stats: { recycle_ring: 7 } },
      ],
      other: { rx_packets: 10 },
    });
  });

  it('reads snapshots with date +%s.%N lines and watch headers', () => {
    const a = parseEthtool(
      '1700000000.25\nNIC statistics:\n  rx_pp_alloc_fast: 1\n1700000001.25\nNIC statistics:\n  rx_pp_alloc_fast: 5\n',
      'a',
      'eth0',
    );
    expect(a.map((s) => [s.t, s.devices[0].stats.alloc_fast])).toEqual([
      [1700000000.25, 1],
      [1700000001.25, 5],
    ]);
    const w = parseEthtool(
      'Every 1.0s: ethtool -S eth0     host: Tue Dec  1 16:16:34 2026\n\nNIC statistics:\n  rx_pp_alloc_fast: 1\nEvery 1.0s: ethtool -S eth0     host: Tue Dec  1 16:16:35 2026\n\nNIC statistics:\n  rx_pp_alloc_fast: 3\n',
      'w',
      'eth0',
    );
    expect(w[1].t! - w[0].t!).toBe(1);
  });

  it('refuses a non-numeric value and stray text, located', () => {
    expect(located(() => parseEthtool('NIC statistics:\n  rx_pp_alloc_fast: 12x\n', 'e.txt', 'eth0'))).toBe(
      `e.txt:2:21: expected a non-negative integer value for 'rx_pp_alloc_fast', found "12x"`,
    );
    expect(located(() => parseEthtool('hello\n', 'e.txt', 'eth0'))).toMatch(
      /^e\.txt:1:1: expected 'NIC statistics:', a timestamp line or an 'ethtool -S <dev>' line, found "hello"$/,
    );
  });
});

describe('bench_page_pool importer', () => {
  it('reads full dmesg lines with their intervals', () => {
    const r = parseBench(fixture('bench.xeon-e5-1650-v4.txt'), 'e5');
    expect(r.find((x) => x.test === 'tasklet_page_pool03_slow')).toEqual({
      test: 'tasklet_page_pool03_slow',
      cycles: 238,
      ns: 66.134,
      time_interval_ns: 6613430605,
      invoke_count: 100000000,
      tsc_interval: 23808654870,
    });
    expect(r.map((x) => x.test)).toEqual([
      'for_loop',
      'atomic_inc',
      'lock',
      'no-softirq-page_pool01',
      'no-softirq-page_pool02',
      'no-softirq-page_pool03',
      'tasklet_page_pool01_fast_path',
      'tasklet_page_pool02_ptr_ring',
      'tasklet_page_pool03_slow',
    ]);
  });

  it('reads results a mail client wrapped, and lines without the intervals', () => {
    const a = parseBench(fixture('bench.xeon-platinum-8481c.txt'), 'a3');
    expect(a[0]).toEqual({
      test: 'no-softirq-page_pool01',
      cycles: 11,
      ns: 4.177,
      time_interval_ns: 41772642,
      invoke_count: 10000000,
      tsc_interval: 112778487,
    });
    expect(parseBench(fixture('bench.seed-8-cycle.txt'), 's')).toEqual([{ test: 'tasklet_page_pool01_fast_path', cycles: 8, ns: 2.993 }]);
    expect(parseBench(fixture('bench.xeon-platinum-8580.txt'), 'd').map((x) => [x.test, x.cycles])).toEqual([
      ['tasklet_page_pool01_fast_path', 15],
      ['tasklet_page_pool04_napi_aware', 20],
      ['tasklet_page_pool02_ptr_ring', 30],
    ]);
  });

  it('reads the test_bench_page_pool.sh summary, and refuses a broken result line', () => {
    expect(parseBench('Fast path results:\nno-softirq-page_pool01 Per elem: 23 cycles(tsc) 6.571 ns\n', 's')[0]).toEqual({
      test: 'no-softirq-page_pool01',
      cycles: 23,
      ns: 6.571,
    });
    expect(located(() => parseBench('x\nType:lock Per elem: many cycles(tsc)\n', 'b.txt'))).toMatch(
      /^b\.txt:2:11: expected '<test> Per elem: <N> cycles\(tsc\) <X> ns'/,
    );
  });
});

describe('bpftrace importer (inputs in bpftrace -f json form written for the test; no published page_pool output was found)', () => {
  const text = [
    '{"type": "attached_probes", "data": {"probes": 2}}',
    '{"type": "map", "data": {"@release_cnt": {"0xffff888104a3c000": 4096}, "@total": 7}}',
    '{"type": "hist", "data": {"@inflight": [{"max": -1, "count": 1}, {"min": 0, "max": 0, "count": 3}, {"min": 1, "max": 1, "count": 2}, {"min": 1024, "count": 1}]}}',
    '{"type": "stats", "data": {"@hold": {"count": 3, "average": 10, "total": 30}}}',
    '{"type": "map", "data": {"@pp_inflight_kstack": "\\n        page_pool_release+1\\n"}}',
  ].join('\n');

  it('reads maps, histograms (with open-ended buckets) and stats', () => {
    const r = parseBpftrace(text, 'bt.json');
    expect(r.scalars).toEqual([
      { map: '@release_cnt', key: '0xffff888104a3c000', value: 4096 },
      { map: '@total', key: null, value: 7 },
      { map: '@hold.count', key: null, value: 3 },
      { map: '@hold.average', key: null, value: 10 },
      { map: '@hold.total', key: null, value: 30 },
    ]);
    expect(r.histograms).toEqual([
      {
        map: '@inflight',
        key: null,
        buckets: [
          { min: null, max: -1, count: 1 },
          { min: 0, max: 0, count: 3 },
          { min: 1, max: 1, count: 2 },
          { min: 1024, max: null, count: 1 },
        ],
      },
    ]);
  });

  it('refuses a bucket without a count and an unknown type, located', () => {
    expect(located(() => parseBpftrace('{"type": "hist", "data": {"@x": [{"min": 1, "max": 2}]}}', 'h.json'))).toMatch(
      /^h\.json:1:34: expected a bucket/,
    );
    expect(located(() => parseBpftrace('{"type": "histo", "data": {}}', 'h.json'))).toMatch(
      /^h\.json:1:2: expected a bpftrace output type/,
    );
    expect(located(() => parseBpftrace('{"type": "map", "data": {"@a": {"k": [1]}}}', 'm.json'))).toMatch(
      /^m\.json:1:33: expected a number for @a\[k\]/,
    );
  });
});

describe('format detection', () => {
  it('tells each fixture apart', () => {
    expect(detectKind(fixture('ynl-page-pool-stats-get.kuba-2023.txt'))).toBe('ynl');
    expect(detectKind(fixture('ynl-page-pool-get.devmem-2024.txt'))).toBe('ynl');
    expect(detectKind(fixture('ethtool-S.veth-2023.txt'))).toBe('ethtool');
    expect(detectKind(fixture('bench.epyc-9684x.txt'))).toBe('bench');
    expect(detectKind('{"type": "map", "data": {"@a": 1}}')).toBe('bpftrace');
    expect(detectKind('hello')).toBeNull();
    // any pprint dict is ynl's, so an unknown attribute gets the ynl importer's located error
    expect(detectKind("[{'id': 1,\n  'inflite': 3}]\n")).toBe('ynl');
    expect(() => importMeasured([{ path: 'bad.txt', text: "[{'id': 1,\n  'inflite': 3}]\n" }])).toThrow(
      /^bad\.txt:2:3: expected an attribute of 'page-pool'/,
    );
  });
});
