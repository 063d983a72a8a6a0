// RunDocument assembly from a finished simulation (issue §4, runDocument.ts). Everything outside
// `meta` is a pure function of the scenario and seed.
import { engineExtensions } from '../events/dispatch';
import type { Scenario } from '../../scenario/schema';
import {
  LOOPBACK_IFINDEX,
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  PP_FLAG_SYSTEM_POOL,
} from '../page_pool/types';
import type { Simulation } from './simulation';
import { WIRE_OVERHEAD_BYTES } from '../nic/lineRate';
import { RUN_FORMAT, type MemoryNodeResult, type NicResult, type PoolResult, type RunDocument } from '../../doc/runDocument';
import type { Sampler } from './sampler';
import { buildDriverInfo } from '../drivers/conversion/driverInfo';
import { nicMetadataResult, poolMetadataResult } from '../metadata/result';
import { nicQstats } from '../drivers/common/qstats';
import { cyclesByStage } from './cycleStagesResult';

export const TOOL_VERSION = '0.1.0';

const FLAG_NAMES: [number, string][] = [
  [PP_FLAG_DMA_MAP, 'DMA_MAP'],
  [PP_FLAG_DMA_SYNC_DEV, 'DMA_SYNC_DEV'],
  [PP_FLAG_SYSTEM_POOL, 'SYSTEM_POOL'],
  [PP_FLAG_ALLOW_UNREADABLE_NETMEM, 'ALLOW_UNREADABLE_NETMEM'],
];

/** Rounded to 12 significant digits so float noise never shows in the document. */
function r6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : 0;
}

function nicResults(sim: Simulation, durNs: number): NicResult[] {
  const durS = durNs / 1e9;
  return sim.nics.map((nic) => {
    let packets = 0,
      bytes = 0,
      missed = 0,
      pollNs = 0,
      pollCycles = 0;
    const perQ: number[] = [];
    const perQCycles: number[] = [];
    const cores = new Set<number>();
    for (let q = 0; q < nic.cfg.queues; q++) {
      const g = nic.gqBase + q;
      const ring = sim.qRing[g];
      packets += ring.rxPackets;
      bytes += ring.rxBytes;
      missed += sim.qMissed[g];
      pollNs += sim.qPollNs[g];
      pollCycles += sim.qPollCycles[g];
      perQ.push(r6(Math.min(1, sim.qPollNs[g] / durNs)));
      perQCycles.push(r6(ring.rxPackets > 0 ? sim.qPollCycles[g] / ring.rxPackets : 0));
      cores.add(sim.qCore[g]);
    }
    const drops: Record<string, number> = { rx_missed: missed };
    const counted = [...nic.counts.entries()];
    // UDP datagrams dropped at a full socket (UDP_MIB_RCVBUFERRORS, stack/socketBuffer.ts)
    const rcvbufErrors = sim.sockets.rcvbufErrors[nic.idx];
    if (rcvbufErrors > 0) counted.push(['rcvbuf_errors', rcvbufErrors]);
    // pfmemalloc skbs refused by sk_filter_trim_cap (TcpExt PFMemallocDrop, per skb)
    const pfmemallocDrops = sim.sockets.pfmemallocDrops[nic.idx];
    if (pfmemallocDrops > 0) counted.push(['PFMemallocDrop', pfmemallocDrops]);
    for (const [k, v] of counted.sort(([a], [b]) => a.localeCompare(b))) drops[k] = v;
    const wireBits = (bytes + WIRE_OVERHEAD_BYTES * packets) * 8;
    return {
      name: nic.cfg.name,
      driver: nic.cfg.driver,
      variant: nic.cfg.variant,
      link_bps: nic.cfg.link,
      queues: nic.cfg.queues,
      rx: {
        packets,
        bytes,
        gbps: r6((bytes * 8) / durS / 1e9),
        mpps: r6(packets / durS / 1e6),
        line_rate_share: r6(wireBits / (nic.cfg.link * durS)),
        offered_packets: nic.offered,
        drops,
        window_limited_frames: sim.sockets.windowLimited[nic.idx],
        wire_dropped_frames: nic.wire.dropped,
        sock_queued_bytes: sim.sockets.queuedBytes[nic.idx],
        peak_sock_bytes: sim.sockets.peakFlowBytes[nic.idx],
      },
      cpu: {
        cycles_per_packet: r6(packets > 0 ? pollCycles / packets : 0),
        utilization: r6(Math.min(1, pollNs / (durNs * cores.size))),
        per_queue_utilization: perQ,
        per_queue_cycles_per_packet: perQCycles,
        app_cycles_per_packet: r6(packets > 0 ? sim.consumer.appCycles[nic.idx] / packets : 0),
      },
      cycles_by_stage: cyclesByStage(sim.cores, nic.idx),
      napi: napiResult(sim, nic.gqBase, nic.cfg.queues, nic.cfg.napi.threaded),
      qstats: nicQstats(nic.cfg.driver, packets, bytes, nic.counts),
      // Description + measured driver counters.
      driver_info: JSON.parse(
        JSON.stringify(buildDriverInfo(nic.desc, sim.qDriver.slice(nic.gqBase, nic.gqBase + nic.cfg.queues))),
      ) as Record<string, unknown>,
      metadata: nicMetadataResult(nic.meter, nic.desc.buffers_per_page),
    };
  });
}

function napiResult(sim: Simulation, base: number, n: number, threaded: boolean): NonNullable<NicResult['napi']> {
  let hard = 0,
    timer = 0,
    polls = 0,
    busy = 0,
    busyPkts = 0;
  for (let g = base; g < base + n; g++) {
    hard += sim.napi.hardIrqs[g];
    timer += sim.napi.timerPolls[g];
    polls += sim.qPolls[g];
    busy += sim.napi.busyPolls[g];
    busyPkts += sim.napi.busyPackets[g];
  }
  return { threaded, hard_irqs: hard, timer_polls: timer, polls, busy_polls: busy, busy_poll_packets: busyPkts };
}

function poolResults(sim: Simulation): PoolResult[] {
  return sim.pools.map(({ pool, nic, queue, role }) => {
    const p = pool.params;
    return {
      id: pool.id,
      nic: sim.nics[nic].cfg.name,
      queue,
      role,
      params: {
        order: p.order,
        pool_size: p.pool_size,
        ring_size: pool.ringSize,
        flags: FLAG_NAMES.filter(([bit]) => (p.flags & bit) !== 0).map(([, n]) => n),
        napi: p.napiCore >= 0,
        nid: p.nid < 0 ? 'NUMA_NO_NODE' : p.nid,
        dma_dir: p.dma_dir,
        max_len: p.max_len,
        offset: p.offset,
      },
      provider: pool.provider ? pool.provider.kind : 'pages',
      stats: { ...pool.stats },
      hold_cnt: pool.holdCnt,
      release_cnt: pool.releaseCnt,
      inflight: pool.inflight(),
      inflight_mem: pool.inflightMem(),
      peak_inflight: pool.peakInflight,
      accounting: pool.accounting(),
      metadata: poolMetadataResult(pool.peakInflight, p.order, pool.provider !== null),
      visibility:
        pool.state === 'destroyed' ? 'gone' : pool.netdev === LOOPBACK_IFINDEX ? 'orphaned' : pool.netdev > 0 ? 'normal' : 'invisible',
      destroy: pool.destroyInfo ? { ...pool.destroyInfo } : null,
    };
  });
}

function memoryResults(sim: Simulation): MemoryNodeResult[] {
  const out: MemoryNodeResult[] = [];
  for (let n = 0; n < sim.mm.numaNodes; n++) out.push({ ...sim.mm.nodeStats(n) });
  return out;
}

export interface MetaInput {
  wallMs: number;
  startedAt: string;
  node: string;
}

export function assembleRunDocument(scenario: Scenario, sim: Simulation, sampler: Sampler, meta: MetaInput): RunDocument {
  const durNs = scenario.duration;
  const nics = nicResults(sim, durNs);
  const packets = nics.reduce((s, n) => s + n.rx.offered_packets, 0);
  const wallS = meta.wallMs / 1000;
  const doc: RunDocument = {
    format: RUN_FORMAT,
    tool: { name: 'netmem-workbench', version: TOOL_VERSION },
    scenario,
    seed: scenario.seed,
    duration_ns: durNs,
    sample_ns: scenario.sample,
    nics,
    pools: poolResults(sim),
    bindings: [],
    memory: memoryResults(sim),
    ...(scenario.events.some((e) => 'fail_function' in e || 'dma_map_error' in e)
      ? { faults: { fail_function: sim.faults.allocNetmems.injected, dma_map_error: sim.faults.dmaMap.injected } }
      : {}),
    series: sampler.series(),
    events: sim.events,
    meta: {
      wall_ms: meta.wallMs,
      sim_packets_per_wall_s: wallS > 0 ? packets / wallS : 0,
      realtime_factor: wallS > 0 ? durNs / 1e9 / wallS : 0,
      started_at: meta.startedAt,
      node: meta.node,
    },
  };
  // extensions (devmem: bindings, nics[].devmem)
  for (const x of engineExtensions()) x.finish?.(sim, doc);
  return doc;
}
