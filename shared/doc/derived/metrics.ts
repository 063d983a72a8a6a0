// Key metrics of one run document, as flat numbers under stable keys, for the compare table.
// Per NIC: throughput, drops (total and by reason), CPU, every page_pool counter summed over the
// NIC's pools, recycle ratio, peak inflight, and the metadata bytes of the three layouts
// (derived/metadataFigures.ts, the figures every view shows).
import type { MetricDef } from '../compareDocument';
import { METADATA_LAYOUTS, PP_STAT_NAMES, type MetadataLayout, type RunDocument } from '../runDocument';
import { zeroPagePoolStats } from '../poolResult';
import { recycleRatio } from './recycleRatio';
import { nicMetadataFigures } from './metadataFigures';

export interface RunMetrics {
  defs: MetricDef[];
  values: Map<string, number>;
}

/** Compare-table key of a NIC's metadata bytes under `layout` (the conversion table reads it too). */
export function metadataMetricKey(nic: string, layout: MetadataLayout): string {
  return `nic/${nic}/metadata/${layout}_bytes`;
}

export function runMetrics(doc: RunDocument): RunMetrics {
  const defs: MetricDef[] = [];
  const values = new Map<string, number>();
  const put = (def: MetricDef, v: number | null | undefined): void => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    defs.push(def);
    values.set(def.key, v);
  };
  for (const nic of doc.nics) {
    const k = `nic/${nic.name}`;
    const L = nic.name;
    put({ key: `${k}/gbps`, label: `${L} RX Gbit/s`, unit: 'Gbit/s', group: 'throughput', better: 'higher' }, nic.rx.gbps);
    put({ key: `${k}/mpps`, label: `${L} RX Mpps`, unit: 'Mpps', group: 'throughput', better: 'higher' }, nic.rx.mpps);
    put(
      { key: `${k}/line_rate_share`, label: `${L} share of line rate`, unit: 'fraction', group: 'throughput', better: 'higher' },
      nic.rx.line_rate_share,
    );
    let drops = 0;
    for (const [reason, n] of Object.entries(nic.rx.drops)) {
      drops += n;
      put({ key: `${k}/drop/${reason}`, label: `${L} drops ${reason}`, unit: 'packets', group: 'drops', better: 'lower' }, n);
    }
    put({ key: `${k}/drops`, label: `${L} drops (all reasons)`, unit: 'packets', group: 'drops', better: 'lower' }, drops);
    put(
      { key: `${k}/cycles_per_packet`, label: `${L} cycles/packet`, unit: 'cycles', group: 'cpu', better: 'lower' },
      nic.cpu.cycles_per_packet,
    );
    put(
      { key: `${k}/cpu_utilization`, label: `${L} CPU utilization`, unit: 'fraction', group: 'cpu', better: 'lower' },
      nic.cpu.utilization,
    );

    const pools = doc.pools.filter((p) => p.nic === nic.name);
    if (pools.length > 0) {
      const sum = zeroPagePoolStats();
      for (const name of PP_STAT_NAMES) sum[name] = pools.reduce((a, p) => a + p.stats[name], 0);
      for (const name of PP_STAT_NAMES) {
        put({ key: `${k}/pp/${name}`, label: `${L} ${name}`, unit: 'events', group: 'page_pool', better: 'none' }, sum[name]);
      }
      put(
        { key: `${k}/pp/recycle_ratio`, label: `${L} recycle ratio`, unit: 'fraction', group: 'page_pool', better: 'higher' },
        recycleRatio(sum),
      );
      // Sum of each pool's peak: an upper bound of the NIC-wide simultaneous peak.
      put(
        { key: `${k}/pp/peak_inflight`, label: `${L} peak inflight (sum of pools)`, unit: 'buffers', group: 'memory', better: 'lower' },
        pools.reduce((a, p) => a + p.peak_inflight, 0),
      );
    }
    const info = nic.driver_info as { reuse_ratio?: unknown };
    if (typeof info.reuse_ratio === 'number') {
      put(
        { key: `${k}/driver/reuse_ratio`, label: `${L} driver page reuse ratio`, unit: 'fraction', group: 'driver', better: 'higher' },
        info.reuse_ratio,
      );
    }
    const meta = nicMetadataFigures(nic);
    if (meta) {
      put(
        {
          key: `${k}/metadata/peak_descriptors`,
          label: `${L} 4 KiB descriptors held at peak`,
          unit: 'descriptors',
          group: 'metadata',
          better: 'lower',
        },
        meta.descriptors,
      );
      for (const layout of METADATA_LAYOUTS) {
        put(
          {
            key: metadataMetricKey(nic.name, layout),
            label: `${L} metadata bytes (${layout})`,
            unit: 'bytes',
            group: 'metadata',
            better: 'lower',
          },
          meta.bytes[layout],
        );
        put(
          {
            key: `${k}/metadata/${layout}_per_buffer`,
            label: `${L} metadata bytes per RX buffer (${layout})`,
            unit: 'bytes',
            group: 'metadata',
            better: 'lower',
          },
          meta.perRxBuffer?.[layout],
        );
      }
    }
  }
  return { defs, values };
}
