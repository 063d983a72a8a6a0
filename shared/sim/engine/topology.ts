// Traffic topology: one TrafficSource per scenario traffic entry, NIC-wide flow ids, and per flow
// its RX queue (RSS over the indirection table, or ntuple-steered), protocol and header bytes.
import type { Scenario } from '../../scenario/schema';
import { defaultIndirTable, rssQueue } from '../nic/rss';
import { TrafficSource } from '../traffic/source';
import { PROTO_TCP, PROTO_UDP } from '../stack/stack';
import type { NicRuntime } from './simulation';

/** Header bytes placed in the header buffer with header split: Ethernet + IPv4 + TCP with timestamps / UDP. */
export const HDR_TCP = 14 + 20 + 32;
export const HDR_UDP = 14 + 20 + 8;

export function buildTraffic(scenario: Scenario, nics: NicRuntime[], endNs: number, nicIndex: (name: string) => number): { sources: TrafficSource[]; srcNic: Int32Array } {
  const sources: TrafficSource[] = [];
  const flowCounts = new Array<number>(nics.length).fill(0);
  const srcNic: number[] = [];
  scenario.traffic.forEach((t, i) => {
    const nicIdx = nicIndex(t.nic);
    const nic = nics[nicIdx];
    const src = new TrafficSource(t, nic.cfg.link, flowCounts[nicIdx], scenario.seed, `traffic/${i}`, endNs);
    flowCounts[nicIdx] += t.flows;
    sources.push(src);
    srcNic.push(nicIdx);
  });
  for (const nic of nics) {
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
          if (q >= nic.cfg.queues) throw new RangeError(`traffic for ${t.nic}: steer_to queue ${q} but the NIC has ${nic.cfg.queues} queues`);
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
