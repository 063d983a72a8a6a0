// The headline figures of a run whose spread the sensitivity run reports: per NIC the received
// rate, packet rate, cycles per packet, NAPI core utilisation and the recycle ratio of its pools.
import type { RunDocument } from '../doc/runDocument';
import { recycleRatio } from '../doc/derived/recycleRatio';

export interface HeadlineFigure {
  key: string;
  label: string;
  unit: string;
  value: number;
}

export function headlineFigures(doc: RunDocument): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  for (const n of doc.nics) {
    const k = `nic/${n.name}`;
    out.push({ key: `${k}/gbps`, label: `${n.name} throughput`, unit: 'Gbit/s', value: n.rx.gbps });
    out.push({ key: `${k}/mpps`, label: `${n.name} packet rate`, unit: 'Mpps', value: n.rx.mpps });
    out.push({ key: `${k}/cycles_per_packet`, label: `${n.name} CPU per packet`, unit: 'cycles', value: n.cpu.cycles_per_packet });
    out.push({ key: `${k}/utilization`, label: `${n.name} NAPI core utilisation`, unit: 'fraction', value: n.cpu.utilization });
    const pools = doc.pools.filter((p) => p.nic === n.name);
    if (pools.length > 0) {
      const s = { recycle_cached: 0, recycle_ring: 0, recycle_ring_full: 0, recycle_released_refcnt: 0 };
      for (const p of pools) {
        s.recycle_cached += p.stats.recycle_cached;
        s.recycle_ring += p.stats.recycle_ring;
        s.recycle_ring_full += p.stats.recycle_ring_full;
        s.recycle_released_refcnt += p.stats.recycle_released_refcnt;
      }
      const r = recycleRatio(s);
      if (r !== null) out.push({ key: `${k}/recycle_ratio`, label: `${n.name} recycle ratio`, unit: 'fraction', value: r });
    }
  }
  return out;
}
