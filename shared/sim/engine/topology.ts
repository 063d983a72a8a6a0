// Topology of a run, built once before it starts: the NICs and their global queues (NAPI core,
// application core, consumer latency per NIC), and the traffic: one TrafficSource per scenario
// traffic entry, NIC-wide flow ids, and per flow its RX queue (RSS over the indirection table, or
// ntuple-steered), protocol and header bytes.
import type { NicConfig, Scenario, Variant } from '../../scenario/schema';
import type { CostTable } from '../costs/costTable';
import type { DriverDescription } from '../drivers/driver';
import { driverModel } from '../drivers/registry';
import type { MemoryProviderOps } from '../page_pool/types';
import { LatencySampler } from '../consumer/latency';
import { Prng } from '../util/prng';
import { defaultIndirTable, rssQueue } from '../nic/rss';
import { TrafficSource } from '../traffic/source';
import { PROTO_TCP, PROTO_UDP } from '../stack/protocols';
import { HoldMeter } from '../metadata/holdMeter';
import { LinkWire } from '../nic/wire';
import { CQ_MAX_FLOWS } from '../nic/completionRun';
import { sizeDistributionOf } from '../traffic/packetSizes';

import { HDR_TCP, HDR_UDP } from '../nic/headers';

/** Header bytes placed in the header buffer with header split: Ethernet + IPv4 + TCP with timestamps / UDP. */
export { HDR_TCP, HDR_UDP };

export interface NicRuntime {
  idx: number;
  cfg: NicConfig;
  costs: CostTable;
  desc: DriverDescription;
  /** global queue index of queue 0 */
  gqBase: number;
  /** queue of each NIC-wide flow id */
  flowQueue: Int32Array;
  flowProto: Uint8Array;
  /** per NIC-wide flow id: the send window it has left (SocketBuffers.sendRoom; Infinity for UDP) */
  sendRoom: Float64Array;
  hdrLen: Int32Array;
  counts: Map<string, number>;
  offered: number;
  up: boolean;
  /** false once unregistered (or moved out with its netns): it never comes up again */
  registered: boolean;
  providers: (MemoryProviderOps | null)[];
  /** descriptors the NIC's pools and driver hold, for the metadata figures (metadata/holdMeter.ts) */
  meter: HoldMeter;
  /** the link in front of the NIC, shared by its traffic sources (nic/wire.ts) */
  wire: LinkWire;
}

export interface QueueTopology {
  /** per global queue: NIC index, queue index within the NIC, NAPI core, application core */
  qNic: Int32Array;
  qIdx: Int32Array;
  qCore: Int32Array;
  qAppCore: Int32Array;
  /** per NIC: read latency sampler and free_on: napi_core */
  samplers: LatencySampler[];
  freeOnNapi: Uint8Array;
}

/** One NicRuntime per scenario NIC (pushed to `nics`) and the global queue tables. */
export function buildQueues(scenario: Scenario, nics: NicRuntime[], costsFor: (variant: Variant) => CostTable): QueueTopology {
  const host = scenario.host;
  const nCores = host.cpu.cores;
  let nq = 0;
  for (const nic of scenario.nics) nq += nic.queues;
  const qNic = new Int32Array(nq);
  const qIdx = new Int32Array(nq);
  const qCore = new Int32Array(nq);
  const qAppCore = new Int32Array(nq);
  const samplers: LatencySampler[] = [];
  const freeOnNapi = new Uint8Array(scenario.nics.length);
  let gq = 0;
  scenario.nics.forEach((cfg, idx) => {
    const costs = costsFor(cfg.variant);
    const desc = driverModel(cfg.driver).describe(cfg, host.page_size);
    nics.push({
      idx,
      cfg,
      costs,
      desc,
      gqBase: gq,
      flowQueue: new Int32Array(0),
      flowProto: new Uint8Array(0),
      sendRoom: new Float64Array(0),
      hdrLen: new Int32Array(0),
      counts: new Map(),
      offered: 0,
      up: false,
      registered: true,
      providers: new Array(cfg.queues).fill(null),
      meter: new HoldMeter(),
      wire: new LinkWire(cfg.link, 0),
    });
    const cons = scenario.consumer.find((c) => c.nic === cfg.name);
    samplers.push(new LatencySampler(cons?.read_latency ?? 0, new Prng(scenario.seed, `consumer/${cfg.name}`)));
    freeOnNapi[idx] = cons?.free_on === 'napi_core' ? 1 : 0;
    for (let q = 0; q < cfg.queues; q++, gq++) {
      qNic[gq] = idx;
      qIdx[gq] = q;
      // default: queue i on core i, wrapping when there are more queues than cores
      const core = cfg.irq_cores ? cfg.irq_cores[q % cfg.irq_cores.length] : q % nCores;
      if (core >= nCores)
        throw new RangeError(`nics[${idx}] (${cfg.name}): queue ${q} is served by core ${core}, but host.cpu.cores is ${nCores}`);
      qCore[gq] = core;
      // Default application core: the core half the machine away from the NAPI core (the
      // application and its NAPI on different cores, the common tuning).
      const app = cons?.app_cores ? cons.app_cores[q % cons.app_cores.length] : (core + (nCores >> 1)) % nCores;
      if (app >= nCores) throw new RangeError(`consumer for ${cfg.name}: app core ${app} is not below host.cpu.cores (${nCores})`);
      qAppCore[gq] = app;
    }
  });
  return { qNic, qIdx, qCore, qAppCore, samplers, freeOnNapi };
}

export function buildTraffic(
  scenario: Scenario,
  nics: NicRuntime[],
  endNs: number,
  nicIndex: (name: string) => number,
): { sources: TrafficSource[]; srcNic: Int32Array } {
  const sources: TrafficSource[] = [];
  const flowCounts = new Array<number>(nics.length).fill(0);
  const srcNic: number[] = [];
  scenario.traffic.forEach((t, i) => {
    const nicIdx = nicIndex(t.nic);
    const nic = nics[nicIdx];
    const src = new TrafficSource(t, nic.cfg.link, flowCounts[nicIdx], scenario.seed, `traffic/${i}`, endNs);
    flowCounts[nicIdx] += t.flows;
    if (flowCounts[nicIdx] > CQ_MAX_FLOWS) {
      throw new RangeError(
        `traffic[${i}]: NIC ${t.nic} would carry ${flowCounts[nicIdx]} flows; a NIC's completions hold at most ${CQ_MAX_FLOWS}`,
      );
    }
    sources.push(src);
    srcNic.push(nicIdx);
  });
  for (const nic of nics) {
    // a frame may wait on the shared link for one largest frame of every other source
    const mine = scenario.traffic.filter((t) => t.nic === nic.cfg.name);
    const maxFrame = Math.max(0, ...mine.map((t) => Math.max(...sizeDistributionOf(t.packet_size).sizes)));
    nic.wire = new LinkWire(nic.cfg.link, Math.max(0, mine.length - 1) * nic.wire.wireNs(maxFrame));
    const n = flowCounts[nic.idx];
    nic.flowQueue = new Int32Array(n);
    nic.flowProto = new Uint8Array(n);
    nic.hdrLen = new Int32Array(n);
    const indir = defaultIndirTable(nic.cfg.queues);
    let base = 0;
    scenario.traffic.forEach((t) => {
      if (t.nic !== nic.cfg.name) return;
      for (let f = 0; f < t.flows; f++) {
        const id = base + f;
        if (t.steer_to) {
          const q = t.steer_to[f % t.steer_to.length];
          if (q >= nic.cfg.queues)
            throw new RangeError(`traffic for ${t.nic}: steer_to queue ${q} but the NIC has ${nic.cfg.queues} queues`);
          nic.flowQueue[id] = q;
        } else {
          nic.flowQueue[id] = rssQueue(indir, scenario.seed ^ nic.idx, id);
        }
        nic.flowProto[id] = t.protocol === 'udp' ? PROTO_UDP : PROTO_TCP;
        nic.hdrLen[id] = nic.cfg.header_split ? (t.protocol === 'udp' ? HDR_UDP : HDR_TCP) : 0;
      }
      base += t.flows;
    });
  }

  return { sources, srcNic: Int32Array.from(srcNic) };
}
