// Formatting of the run summary, CSV and progress bar, on a hand-made run document (the engine's
// numbers are tested elsewhere; here: layout, names, totals and units).
import { describe, expect, it } from 'vitest';
import { runSeriesCsv } from '../../shared/report/csv';
import { ProgressBar } from '../../electron/cli/progress';
import { formatRunSummary, queueRanges } from '../../electron/cli/summary';
import { parseScenario } from '../../shared/sim/validate/parse';
import { PP_STAT_NAMES, RUN_FORMAT, type PoolResult, type RunDocument } from '../../shared/doc/runDocument';
import { baseText } from '../scenario/fixtures';

function pool(id: number, queue: number, k: number): PoolResult {
  const stats = Object.fromEntries(PP_STAT_NAMES.map((n, i) => [n, (i + 1) * k])) as PoolResult['stats'];
  return {
    id,
    nic: 'eth0',
    queue,
    role: 'data',
    params: {
      order: 0,
      pool_size: 1024,
      ring_size: 1024,
      flags: ['DMA_MAP'],
      napi: true,
      nid: 0,
      dma_dir: 'DMA_FROM_DEVICE',
      max_len: 4096,
      offset: 0,
    },
    provider: 'pages',
    stats,
    hold_cnt: 1000 * k,
    release_cnt: 900 * k,
    inflight: 100 * k,
    inflight_mem: 100 * k * 4096,
    peak_inflight: 120 * k,
    accounting: { alloc_cache: 10 * k, ptr_ring: 20 * k, nic_ring: 60 * k, stack: 10 * k, user: 0 },
    destroy: null,
  };
}

function doc(pools: PoolResult[]): RunDocument {
  const r = parseScenario(baseText());
  if (!r.ok) throw new Error('fixture');
  return {
    format: RUN_FORMAT,
    tool: { name: 'netmem-workbench', version: '0.1.0' },
    scenario: r.scenario,
    seed: 1,
    duration_ns: 100_000_000,
    sample_ns: 1_000_000,
    nics: [
      {
        name: 'eth0',
        driver: 'gve',
        variant: 'page',
        link_bps: 100e9,
        queues: 4,
        rx: {
          packets: 800_000,
          bytes: 1_214_400_000,
          gbps: 97.15,
          mpps: 8.0,
          line_rate_share: 0.984,
          offered_packets: 812_700,
          drops: { rx_missed: 12_700, xdp_drop: 0 },
        },
        cpu: { cycles_per_packet: 812.34, utilization: 0.631, per_queue_utilization: [0.5, 0.9, 0.6, 0.52] },
        driver_info: {},
      },
    ],
    pools,
    bindings: [],
    memory: [
      {
        node: 0,
        total_pages: 4_194_304,
        free_pages: 4_000_000,
        min_pages: 16384,
        low_pages: 20480,
        high_pages: 24576,
        pfmemalloc_allocs: 0,
        alloc_failures: 0,
      },
    ],
    series: {
      t_ns: [1e6, 2e6],
      columns: { 'nic/eth0/rx_packets': [8000, 8001], 'pool/1/inflight': [100, 101] },
      meta: [
        { key: 'nic/eth0/rx_packets', unit: 'packets', kind: 'delta', label: 'rx' },
        { key: 'pool/1/inflight', unit: 'buffers', kind: 'gauge', label: 'inflight' },
      ],
    },
    events: [
      {
        t_ns: 50e6,
        level: 'warn',
        source: 'page_pool',
        message: 'page_pool_release_retry() stalled pool shutdown: id 1, 100 inflight 60 sec',
      },
      { t_ns: 50e6, level: 'info', source: 'netdev', message: 'eth0: link down' },
    ],
    meta: { wall_ms: 1234, sim_packets_per_wall_s: 658_000, realtime_factor: 0.081, started_at: '', node: '' },
  };
}

describe('run summary', () => {
  it('a header line with seed, simulated and wall time, speed', () => {
    expect(formatRunSummary(doc([pool(1, 0, 1)]))).toMatch(
      /^test\n  seed 1 · 100ms simulated in 1\.23 s wall \(12\.3× slower than real time\) · 812700 packets offered\n/,
    );
  });
  it('one aligned NIC row with rates, share of line rate, drops, cycles and CPU', () => {
    const text = formatRunSummary(doc([pool(1, 0, 1)]));
    const lines = text.split('\n');
    const header = lines.find((l) => l.trimStart().startsWith('NIC'))!;
    const row = lines[lines.indexOf(header) + 1];
    expect(header).toMatch(/rx Gbit\/s +rx Mpps +of line +offered Mpps +lost +cycles\/pkt +CPU busy +busiest queue$/);
    expect(row).toMatch(/^ +eth0 +gve +page +100 Gbit\/s +97\.15 +8\.000 +98\.4 % +8\.127 +12700 +812\.3 +63\.1 % +90\.0 %$/);
    // right-aligned numbers end in the same column as their header
    expect(row.indexOf('97.15') + 5).toBe(header.indexOf('rx Gbit/s') + 9);
    expect(text).toContain('  eth0 drops: rx_missed 12700 (1.56 % of offered)\n');
  });
  it('allocation failures are listed but not counted as lost; the rx-alloc-fail qstat and injected faults get a line', () => {
    const d = doc([pool(1, 0, 1)]);
    d.nics[0].rx.drops = { rx_buf_alloc_fail: 199, rx_missed: 100 };
    d.nics[0].qstats = { 'rx-packets': 800_000, 'rx-bytes': 1_214_400_000, 'rx-alloc-fail': 199 };
    d.faults = { fail_function: 199, dma_map_error: 0 };
    const text = formatRunSummary(d);
    expect(text).toMatch(/^ +eth0 .* 8\.127 +100 +812\.3 /m);
    expect(text).toContain('rx_buf_alloc_fail 199 (refills cut short, not frames, 0.02 % of offered)');
    expect(text).toContain('  eth0 qstats: rx-packets 800000, rx-bytes 1214400000, rx-alloc-fail 199\n');
    expect(text).toContain('  faults injected: fail_function (page_pool_alloc_netmems) 199, dma_map_error 0\n');
    d.nics[0].qstats = null;
    expect(formatRunSummary(d)).toContain('  eth0 qstats: none (the driver has no netdev_stat_ops: qstats-get answers EOPNOTSUPP)\n');
  });
  it('NAPI knobs: a line with the polls each started; an orphaned pool says who owns it', () => {
    const d = doc([{ ...pool(1, 0, 1), destroy: { started_ns: 1e9, finished_ns: null, detach_time_ns: 1e9 }, visibility: 'orphaned' }]);
    d.scenario.nics[0].napi = { defer_hard_irqs: 2, gro_flush_timeout: 20_000, threaded: true };
    d.nics[0].napi = { threaded: true, hard_irqs: 1, timer_polls: 457, polls: 857, busy_polls: 0, busy_poll_packets: 0 };
    const text = formatRunSummary(d);
    expect(text).toContain(
      '  eth0 NAPI (threaded): 857 polls, 1 by the device IRQ, 457 by napi_watchdog (defer_hard_irqs 2, gro_flush_timeout 20us)\n',
    );
    expect(text).toContain(
      'still 100 inflight at the end of the run; its netdev is unregistered: owned by lo, page-pool-get lists it without ifindex',
    );
  });
  it('the lost column and the dash are explained once under the table; an idle NIC has no cycles per packet', () => {
    const d = doc([pool(1, 0, 1)]);
    const idle = structuredClone(d.nics[0]);
    idle.name = 'eth1';
    idle.rx = { ...idle.rx, packets: 0, bytes: 0, gbps: 0, mpps: 0, line_rate_share: 0, offered_packets: 0, drops: {} };
    idle.cpu = { ...idle.cpu, cycles_per_packet: 0 };
    d.nics.push(idle);
    const text = formatRunSummary(d);
    expect(text.split('\n').filter((l) => l.startsWith('  lost: '))).toHaveLength(1);
    expect(text).toMatch(/^ +eth1 +gve +page .* 0\.0 % +0\.000 +0 +- +63\.1 % +90\.0 %$/m);
    expect(text).not.toMatch(/^ +eth1 .* 0\.0 +63\.1 %/m);
  });
  it("devmem: the goodput line, and the bound (dmabuf) pools listed before the idle queues' page pools", () => {
    const d = doc([pool(1, 0, 1), { ...pool(2, 1, 3), provider: 'dmabuf' }]);
    d.nics[0].devmem = {
      bound_queues: [1],
      bind_failures: 0,
      efault_skbs: 0,
      devmem_packets: 1000,
      devmem_bytes: 1000 * 4154,
      devmem_header_bytes: 1000 * 86,
      tokens_handed: 1000,
      tokens_outstanding: 0,
      dontneed_calls: 10,
      readable_bytes: 0,
      host_memory_bytes: 0,
      host_memory_gbytes_per_s: 0,
      host_memory_bytes_without_devmem: 0,
      host_memory_gbytes_per_s_without_devmem: 0,
    };
    const text = formatRunSummary(d);
    // (4154 − 86 − 4) × 1000 bytes × 8 over 0.1 s
    expect(text).toContain('  eth0 goodput: 0.33 Gbit/s of TCP payload received as devmem tokens (frames less headers and FCS)\n');
    const header = text.split('\n').find((l) => /^ +total +/.test(l))!;
    expect(header.indexOf('#2 q1')).toBeGreaterThan(0);
    expect(header.indexOf('#2 q1')).toBeLessThan(header.indexOf('#1 q0'));
  });
  it('a NIC idle most of the run: its rates over the active window, said as such', () => {
    const d = doc([pool(1, 0, 1)]);
    d.duration_ns = 10e6;
    d.series = {
      t_ns: Array.from({ length: 10 }, (_, i) => (i + 1) * 1e6),
      columns: { 'nic/eth0/rx_packets': [0, 0, 0, 0, 100, 100, 0, 0, 0, 0], 'nic/eth0/rx_bytes': [0, 0, 0, 0, 150000, 150000, 0, 0, 0, 0] },
      meta: [],
    };
    expect(formatRunSummary(d)).toContain(
      '  eth0 active 4ms to 6ms of 10ms: 1.20 Gbit/s, 0.100 Mpps over that window (the table averages over the whole run)\n',
    );
    expect(formatRunSummary(doc([pool(1, 0, 1)]))).not.toContain(' active ');
    // with the stage columns: cycles per packet over the window too (300 cycles in each of its two intervals)
    for (const stage of ['irq_napi', 'alloc', 'dma', 'driver', 'gro', 'copy', 'socket', 'recycle']) {
      d.series.columns[`nic/eth0/cycles/${stage}`] = d.series.t_ns.map((_, i) => (stage === 'driver' && (i === 4 || i === 5) ? 300 : 0));
    }
    expect(formatRunSummary(d)).toContain(
      '  eth0 active 4ms to 6ms of 10ms: 1.20 Gbit/s, 0.100 Mpps, 3.0 cycles/pkt (all stages) over that window (the table averages over the whole run)\n',
    );
  });
  it('XDP_DROP verdicts are listed but not counted as lost', () => {
    const d = doc([pool(1, 0, 1)]);
    d.nics[0].rx.drops = { rx_xdp_drop: 800_000, rx_missed: 100 };
    const text = formatRunSummary(d);
    expect(text).toMatch(/^ +eth0 .* 8\.127 +100 +812\.3 /m);
    expect(text).toContain('  eth0 drops: rx_xdp_drop 800000 (XDP verdict, 98.44 % of offered), rx_missed 100 (0.01 % of offered)\n');
  });
  it('page_pool counters under their ynl names, or ethtool -S names with --ethtool', () => {
    const ynl = formatRunSummary(doc([pool(1, 0, 1)]));
    for (const n of PP_STAT_NAMES) expect(ynl).toMatch(new RegExp(`^  ${n} +\\d+$`, 'm'));
    const eth = formatRunSummary(doc([pool(1, 0, 1)]), { ethtool: true });
    expect(eth).toMatch(/^  rx_pp_alloc_fast +1$/m);
    expect(eth).toMatch(/^  rx_pp_recycle_released_ref +11$/m);
    expect(eth).not.toMatch(/^  alloc_fast /m);
  });
  it('several pools: a total column first, sums and a recomputed recycle ratio', () => {
    const text = formatRunSummary(doc([pool(1, 0, 1), pool(2, 1, 2)]));
    expect(text).toMatch(/^ +total +#1 q0 +#2 q1$/m);
    expect(text).toMatch(/^  alloc_fast +3 +1 +2$/m);
    // (cached 7 + ring 9) / (7 + 9 + ring_full 10 + released 11) = 16/37 for every column
    expect(text).toMatch(/^  recycled of returned +43\.2 % +43\.2 % +43\.2 %$/m);
    expect(text).toMatch(/^  inflight_mem +1\.172 MiB +400 KiB +800 KiB$/m);
    expect(text).toMatch(/^    posted to NIC ring +180 +60 +120$/m);
  });
  it('wide NICs: as many pools as fit, then a note; --pools shows all', () => {
    const pools = Array.from({ length: 16 }, (_, q) => pool(q + 1, q, 1));
    const text = formatRunSummary(doc(pools), { width: 100 });
    expect(text).toMatch(/… \d+ more pools not shown \(--pools shows every pool\)/);
    const poolLines = text.slice(text.indexOf('page_pool on'), text.indexOf('more pools not shown')).split('\n');
    expect(poolLines.filter((l) => l.length > 100)).toEqual([]);
    const all = formatRunSummary(doc(pools), { width: 100, allPools: true });
    expect(all).toContain('#16 q15');
    expect(all).not.toContain('more pools not shown');
  });
  it('a short event log is listed whole', () => {
    const text = formatRunSummary(doc([pool(1, 0, 1)]));
    expect(text).toContain(
      '  events (all):\n       50ms  warn   page_pool: page_pool_release_retry() stalled pool shutdown: id 1, 100 inflight 60 sec\n' +
        '       50ms  info   netdev: eth0: link down\n',
    );
  });
  it('a long one: warnings listed with their time, infos counted', () => {
    const d = doc([pool(1, 0, 1)]);
    for (let i = 0; i < 10; i++) d.events.push({ t_ns: 60e6 + i, level: 'info', source: 'netdev', message: `info ${i}` });
    const text = formatRunSummary(d);
    expect(text).toContain('       50ms  warn   page_pool: page_pool_release_retry() stalled pool shutdown: id 1, 100 inflight 60 sec');
    expect(text).toContain('11 info events not shown (--events)');
    expect(text).not.toContain('link down');
    expect(formatRunSummary(d, { allEvents: true })).toContain('info   netdev: eth0: link down');
  });
});

describe('run summary: devmem', () => {
  it('subtotals per provider, live pools first, destroyed pools summarised, a binding row', () => {
    const dead = { ...pool(1, 0, 1), destroy: { started_ns: 10_000, finished_ns: 12_000, detach_time_ns: 12_000 } };
    const stalled = { ...pool(2, 1, 1), destroy: { started_ns: 20_000, finished_ns: null, detach_time_ns: null } };
    const dm = { ...pool(3, 1, 2), provider: 'dmabuf' as const };
    const d = doc([dead, stalled, dm]);
    d.bindings.push({
      id: 1,
      nic: 'eth0',
      queues: [1, 2, 3],
      queues_at_bind: [1, 2, 3],
      dmabuf_size: 2 ** 30,
      chunks: 4,
      niovs: 262144,
      state: 'bound',
      bound_ns: 1000,
      unbound_ns: null,
      freed_ns: null,
      niov: { free: 262000, alloc_cache: 10, ptr_ring: 20, nic_ring: 100, stack: 4, user: 10 },
      tokens_outstanding: 10,
      tokens_handed: 500,
      dontneed_calls: 4,
      dontneed_freed: 490,
      alloc_failures: 0,
      linear_bytes: 0,
      pools: [3],
    });
    const text = formatRunSummary(d, { width: 200 });
    expect(text).toMatch(/^ +total +Σ pages +Σ dmabuf +#3 q1 +#1 q0 † +#2 q1 †$/m);
    expect(text).toMatch(/^  alloc_fast +4 +2 +2 +2 +1 +1$/m);
    expect(text).toContain('  † destroyed: pool #1 (page_pool_destroy at 10us), every buffer returned\n');
    expect(text).toContain('  † pool #2: page_pool_destroy at 20us, still 100 inflight at the end of the run\n');
    expect(text).toMatch(/^  id 1 on eth0 +1-3 +1 GiB +262144 +262000 +30 +100 +4 +10 +10 +490 in 4 calls +0 +bound$/m);
  });
  it('a NIC whose driver mode has no page_pool says so', () => {
    const d = doc([]);
    d.nics[0].driver_info = { mode: 'legacy', uses_page_pool: false };
    expect(formatRunSummary(d)).toContain('\n  page_pool on eth0: none — the driver (gve mode legacy) does not use page_pool\n');
  });
  it('queue lists read as ranges', () => {
    expect(queueRanges([8, 9, 10, 11, 12, 13, 14, 15])).toBe('8-15');
    expect(queueRanges([4, 0, 2, 5, 6])).toBe('0, 2, 4-6');
    expect(queueRanges([])).toBe('none');
  });
});

describe('CSV time series', () => {
  it('one row per sample, units in the header', () => {
    expect(runSeriesCsv(doc([]))).toBe(
      '"t_ns [ns, end of interval]",nic/eth0/rx_packets [packets/interval],pool/1/inflight [buffers]\n1000000,8000,100\n2000000,8001,101\n',
    );
  });
});

describe('progress bar', () => {
  it('redraws at most every 100 ms, shows simulated time and speed, erases itself', () => {
    let out = '';
    let t = 0;
    const bar = new ProgressBar(
      {
        write: (s: string) => {
          out += s;
        },
      },
      () => t,
      'x.yaml',
    );
    bar.update({ sim_ns: 500e6, total_ns: 2e9, speed: 2.5 });
    t = 50;
    bar.update({ sim_ns: 600e6, total_ns: 2e9, speed: 2.5 });
    expect(out).toBe(`\r\x1b[2Kx.yaml [########......................] 500ms / 2s simulated  2.5× real time, 1 s left`);
    t = 200;
    bar.update({ sim_ns: 1e9, total_ns: 2e9, speed: 0.25 });
    expect(out).toMatch(/1s \/ 2s simulated {2}4\.0× slower than real time, 4 s left$/);
    bar.clear();
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });
});

describe('run summary: memory providers', () => {
  const zcrx = {
    kind: 'zcrx' as const,
    id: 1,
    nic: 'eth0',
    state: 'bound' as const,
    bytes: 32 * 2 ** 20,
    net_iovs: 8192,
    queues: [1],
    alloc_failures: 3,
    places: { free: 7000, in_pool: 1000, user: 192 },
    counters: { cqes: 50659, enospc: 2, rq_pending: 491, alloc_failures: 3 },
  };

  it('a zcrx area is listed like a binding: places, failures, state, then its counters by name', () => {
    const d = { ...doc([pool(1, 0, 1)]), providers: [zcrx] };
    const s = formatRunSummary(d);
    const line = s.split('\n').find((l) => l.includes('io_uring zcrx area 1 on eth0'))!;
    expect(line).toBeDefined();
    expect(line).toMatch(/32 MiB\s+8192\s+7000\s+1000\s+192\s+3\s+bound/);
    expect(s).toContain('io_uring zcrx area 1: cqes 50659 · enospc 2 · rq_pending 491');
  });

  it('no providers, no table; a dma-buf binding stays in its own table only', () => {
    expect(formatRunSummary(doc([pool(1, 0, 1)]))).not.toContain('memory provider');
    const dmabuf = { ...zcrx, kind: 'dmabuf' as const, counters: {} };
    const withBinding = { ...doc([pool(1, 0, 1)]), providers: [dmabuf] };
    expect(formatRunSummary(withBinding)).toContain('memory provider');
    withBinding.bindings = [
      {
        id: 1,
        nic: 'eth0',
        queues: [1],
        queues_at_bind: [1],
        dmabuf_size: 2 ** 25,
        chunks: 1,
        niovs: 8192,
        state: 'bound',
        bound_ns: 0,
        unbound_ns: null,
        freed_ns: null,
        niov: { free: 7000, alloc_cache: 0, ptr_ring: 0, nic_ring: 1000, stack: 0, user: 192 },
        tokens_outstanding: 0,
        tokens_handed: 0,
        dontneed_calls: 0,
        dontneed_freed: 0,
        alloc_failures: 3,
        linear_bytes: 0,
        pools: [3],
      },
    ];
    expect(formatRunSummary(withBinding)).not.toContain('memory provider');
  });
});
