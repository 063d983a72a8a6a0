// What a run will cost, from the scenario alone, before anything is allocated: packets, sample
// rows and columns, posted buffers, net_iovs, memory and CPU time. Validation refuses a scenario
// over the budget (validate/budget.ts), located at the key that drives the figure; hosts warn before a
// long run. The per-item constants were measured with `npm run measure:costs`
// (scripts/measure-run-costs.ts) and `npm run bench`; they are estimates, not limits the engine
// enforces itself.
import { providerBytes } from '../providers/registry';
import type { Scenario } from '../../scenario/schema';
import { driverModel } from '../drivers/registry';
import { wireBits } from '../nic/lineRate';
import { PAGE_SIZE } from '../page_pool/types';
import { PP_STAT_NAMES } from '../../doc/runDocument';
import { CYCLE_STAGE_COUNT } from '../../doc/cycleStages';
import { sizeDistributionOf } from '../traffic/packetSizes';

/**
 * CPU time of the engine per simulated packet: `npm run bench` (200 Gbit/s, 16 queues, 1518-byte
 * frames, 1 s simulated) measured 111.4 ns per packet on the 2-core VM, the median of 3 runs in a
 * busy hour (docs/performance.md at 32df360; quieter hours measure about 98 ns): an estimate on the
 * safe side.
 */
export const ENGINE_CPU_NS_PER_PACKET = 111;
// Measured by `npm run measure:costs` on the 2-core VM (node 20): 8.10 heap bytes and 44.8 ns of
// CPU per stored sample value (4.3 M values), 119.8 bytes per posted buffer (2.1 M buffers, generic
// driver), 66.1 bytes per net_iov (3.9 M net_iovs; the tables grow by doubling).
export const SAMPLE_CPU_NS_PER_VALUE = 45;
export const BYTES_PER_SAMPLE_VALUE = 8.1;
export const BYTES_PER_BUFFER = 120;
export const BYTES_PER_NET_IOV = 66;

/** At most this many sample rows are kept per column with `series: decimated` (bucket min + max). */
export const DECIMATED_MAX_ROWS = 8192;

/**
 * Columns of every NIC, queue, NUMA node, page_pool and dma-buf binding (engine/sampler.ts and the
 * devmem extension), as upper bounds: NIC columns include the optional qstat and devmem ones, and a
 * queue with header split has a second (header) pool. test/engine/estimateColumns.test.ts checks
 * every shipped scenario's real column count lies between the estimate's half and the estimate.
 */
/** 18 counters and gauges, and the cycles charged in each stage (nic/<nic>/cycles/<stage>) */
const NIC_COLUMNS = 18 + CYCLE_STAGE_COUNT;
const QUEUE_COLUMNS = 3;
const NODE_COLUMNS = 3;
const POOL_COLUMNS = PP_STAT_NAMES.length + 4;
const BINDING_COLUMNS = 11;
/** provider/<kind>-<id>/: three net_iov places and at most four gauges of its own (providers/providerSeries.ts) */
const PROVIDER_COLUMNS = 7;

export interface NicEstimate {
  /** posted RX buffers: queues × ring */
  buffers: number;
  /** net_iovs of the dma-buf provider (size / PAGE_SIZE), 0 without one */
  netIovs: number;
  ring: number;
}

export interface RunEstimate {
  /** sample ticks over the run: duration / sample */
  samples: number;
  /** rows kept per column (samples, or the decimated bound) */
  rows: number;
  /** columns of the time series (an upper bound: see NIC_COLUMNS) */
  columns: number;
  packets: number;
  buffers: number;
  netIovs: number;
  perNic: NicEstimate[];
  bytes: { series: number; buffers: number; netIovs: number; total: number };
  /** CPU seconds of the engine, packets plus sampling */
  cpuSeconds: number;
}

/** Ring size and whether the mode uses page_pool, as the driver model describes the NIC. */
function describeNic(nic: Scenario['nics'][number]): { ring: number; pools: boolean } {
  try {
    const d = driverModel(nic.driver).describe(nic);
    return { ring: nic.ring ?? d.ring, pools: d.uses_page_pool };
  } catch {
    // the driver refuses the NIC: its own error says so; any figure will do here
    return { ring: nic.ring ?? 1024, pools: true };
  }
}

/** Packets offered over the run by every traffic source (rate × active time, on/off duty cycle). */
export function estimatePackets(s: Scenario): number {
  let packets = 0;
  for (const t of s.traffic) {
    const nic = s.nics.find((n) => n.name === t.nic);
    if (!nic) continue;
    const meanWire = wireBits(sizeDistributionOf(t.packet_size).mean);
    const pps = t.rate === 'line' ? nic.link / meanWire : typeof t.rate === 'number' ? t.rate / meanWire : t.rate.pps;
    const activeNs = Math.max(0, Math.min(t.stop ?? s.duration, s.duration) - t.start);
    const duty = typeof t.arrival === 'string' ? 1 : t.arrival.on_off.on / (t.arrival.on_off.on + t.arrival.on_off.off);
    packets += pps * (activeNs / 1e9) * duty;
  }
  return Math.round(packets);
}

export function estimateRun(s: Scenario): RunEstimate {
  const samples = Math.ceil(s.duration / s.sample);
  const rows = s.series === 'decimated' ? Math.min(samples, DECIMATED_MAX_ROWS) : samples;
  let columns = NODE_COLUMNS * s.host.memory.numa_nodes;
  const perNic: NicEstimate[] = s.nics.map((nic) => {
    const { ring, pools } = describeNic(nic);
    const poolsPerQueue = pools ? (nic.header_split ? 2 : 1) : 0;
    columns +=
      NIC_COLUMNS + nic.queues * (QUEUE_COLUMNS + POOL_COLUMNS * poolsPerQueue) + (nic.provider ? BINDING_COLUMNS + PROVIDER_COLUMNS : 0);
    return { ring, buffers: nic.queues * ring, netIovs: nic.provider ? Math.floor(providerBytes(nic.provider) / PAGE_SIZE) : 0 };
  });
  const buffers = perNic.reduce((a, n) => a + n.buffers, 0);
  const netIovs = perNic.reduce((a, n) => a + n.netIovs, 0);
  const packets = estimatePackets(s);
  const seriesBytes = rows * (columns + 1) * BYTES_PER_SAMPLE_VALUE;
  const bufferBytes = buffers * BYTES_PER_BUFFER;
  const netIovBytes = netIovs * BYTES_PER_NET_IOV;
  return {
    samples,
    rows,
    columns,
    packets,
    buffers,
    netIovs,
    perNic,
    bytes: { series: seriesBytes, buffers: bufferBytes, netIovs: netIovBytes, total: seriesBytes + bufferBytes + netIovBytes },
    cpuSeconds: (packets * ENGINE_CPU_NS_PER_PACKET + samples * columns * SAMPLE_CPU_NS_PER_VALUE) / 1e9,
  };
}
