// A run or compare document as Prometheus text for node_exporter's textfile collector.
// page_pool counters per NIC use node_exporter's ethtool collector convention (collector/
// ethtool_linux.go buildEthtoolFQName: node_ethtool_ + the ethtool string lower-cased, `rx` → `received`,
// untyped, HELP "Network interface <string>", label device), with the ethtool strings of
// net/core/page_pool.c (runDocument PP_STAT_ETHTOOL): rx_pp_alloc_fast → node_ethtool_received_pp_alloc_fast.
// Figures with no such convention are netmem_workbench_*: per-pool counters as page-pool-stats-get
// reports them, in-flight buffers, throughput, CPU, drops, memory. docs/model/measured-data.md lists them.
import { PP_STAT_ETHTOOL, PP_STAT_NAMES, type RunDocument } from '../../doc/runDocument';
import type { CompareDocument } from '../../doc/compareDocument';
import { PromWriter } from './promText';
import { nodeEthtoolName } from '../../doc/promNames';

export { nodeEthtoolName };

type Labels = Record<string, string | number>;

function runMetrics(w: PromWriter, doc: RunDocument, extra: Labels): void {
  const sec = doc.duration_ns / 1e9;
  for (const nic of doc.nics) {
    const dev = { ...extra, device: nic.name };
    const pools = doc.pools.filter((p) => p.nic === nic.name);
    if (pools.length) {
      for (const n of PP_STAT_NAMES) {
        const stat = PP_STAT_ETHTOOL[n];
        w.add(
          nodeEthtoolName(stat),
          'untyped',
          `Network interface ${stat}`,
          dev,
          pools.reduce((a, p) => a + p.stats[n], 0),
        );
      }
    }
    w.add('node_ethtool_received_packets_total', 'untyped', 'Network interface packets received', dev, nic.rx.packets);
    w.add('node_ethtool_received_bytes_total', 'untyped', 'Network interface bytes received', dev, nic.rx.bytes);
    w.add('netmem_workbench_rx_gbps', 'gauge', 'Received throughput over the simulated run, Gbit/s', dev, nic.rx.gbps);
    w.add('netmem_workbench_rx_mpps', 'gauge', 'Received packet rate over the simulated run, Mpps', dev, nic.rx.mpps);
    w.add(
      'netmem_workbench_line_rate_ratio',
      'gauge',
      'Share of the line rate received (wire bits incl. preamble and IFG)',
      dev,
      nic.rx.line_rate_share,
    );
    w.add('netmem_workbench_cpu_cycles_per_packet', 'gauge', 'NAPI-side CPU cycles per received packet', dev, nic.cpu.cycles_per_packet);
    w.add('netmem_workbench_cpu_utilization_ratio', 'gauge', 'Busy share of the NAPI cores', dev, nic.cpu.utilization);
    for (const [reason, n] of Object.entries(nic.rx.drops)) {
      w.add('netmem_workbench_rx_drops_total', 'counter', 'Received frames dropped, by reason', { ...dev, reason }, n);
    }
  }
  for (const p of doc.pools) {
    const l = { ...extra, device: p.nic, queue: p.queue, pool: p.id, role: p.role };
    for (const n of PP_STAT_NAMES) {
      w.add(
        `netmem_workbench_page_pool_${n}_total`,
        'counter',
        `page_pool counter ${n.replace(/_/g, '-')} of one pool (netdev page-pool-stats-get)`,
        l,
        p.stats[n],
      );
    }
    w.add(
      'netmem_workbench_page_pool_inflight',
      'gauge',
      'Buffers allocated from the pool and not yet returned (netdev page-pool-get inflight)',
      l,
      p.inflight,
    );
    w.add(
      'netmem_workbench_page_pool_inflight_mem_bytes',
      'gauge',
      'Memory of the in-flight buffers (netdev page-pool-get inflight-mem)',
      l,
      p.inflight_mem,
    );
    w.add('netmem_workbench_page_pool_peak_inflight', 'gauge', 'Most buffers in flight at once during the run', l, p.peak_inflight);
    for (const [where, n] of Object.entries(p.accounting)) {
      w.add('netmem_workbench_page_pool_buffers', 'gauge', 'In-flight buffers by where they are at the end of the run', { ...l, where }, n);
    }
  }
  for (const m of doc.memory) {
    w.add(
      'netmem_workbench_memory_free_pages',
      'gauge',
      'Free pages of the NUMA node at the end of the run',
      { ...extra, node: m.node },
      m.free_pages,
    );
  }
  w.add('netmem_workbench_simulated_seconds', 'gauge', 'Simulated duration of the run', extra, sec);
}

export function runPrometheus(doc: RunDocument): string {
  const w = new PromWriter();
  w.add('netmem_workbench_run_info', 'gauge', 'The run: scenario and seed', { scenario: doc.scenario.name, seed: doc.seed }, 1);
  runMetrics(w, doc, {});
  return w.render();
}

/** Every run of a comparison, told apart by the point label and the repeat. */
export function comparePrometheus(doc: CompareDocument): string {
  const w = new PromWriter();
  doc.runs.forEach((reps, i) =>
    reps.forEach((run, r) => {
      const extra = { point: doc.points[i].label || 'baseline', repeat: r };
      w.add(
        'netmem_workbench_run_info',
        'gauge',
        'The run: scenario and seed',
        { scenario: doc.scenario_name, seed: run.seed, ...extra },
        1,
      );
      runMetrics(w, run, extra);
    }),
  );
  return w.render();
}
