// Engine benchmark (issue §6): one 200 Gbit/s NIC, 16 queues, 1518-byte frames, 1 s simulated.
// Prints simulated packets per CPU second (and per wall-clock second, the real-time factor);
// `--json FILE` writes them with the peak RSS. A benchmark, not a timed test: nothing here passes
// or fails on speed. The series are decimated (scenario `series: decimated`): identical to full
// series up to 8192 samples (8.192 s at 1 ms), bounded memory beyond.
//   npm run bench [-- --json FILE] [--duration 1s]
import { writeFileSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { scenarioSchema } from '../../shared/scenario/schema';
import { runScenario } from '../../shared/sim/engine/run';

if (process.argv.includes('--help')) {
  console.log(
    'usage: npm run bench [-- --duration D] [--json FILE]\n' +
      '  --duration D  simulated duration (default 1s; e.g. 10s, 60s)\n' +
      '  --json FILE   write the figures (sim_packets_per_cpu_s, cpu_ns_per_packet, peak_rss_bytes, …) to FILE',
  );
  process.exit(0);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export const BENCH_SCENARIO = {
  name: 'engine benchmark: 200 Gbit/s, 16 queues, 1518-byte frames',
  seed: 1,
  duration: arg('--duration') ?? '1s',
  sample: '1ms',
  series: 'decimated',
  host: { cpu: { profile: 'xeon-platinum-8481c', cores: 32 }, iommu: 'off' },
  nics: [{ name: 'eth0', driver: 'generic', link: '200Gbit', queues: 16, ring: 1024 }],
  traffic: [{ nic: 'eth0', flows: 16, steer_to: Array.from({ length: 16 }, (_, i) => i), packet_size: 1518, arrival: 'constant' }],
  consumer: [{ nic: 'eth0', read_latency: { exponential: { mean: '20us' } } }],
};

const scenario = scenarioSchema.parse(BENCH_SCENARIO);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const doc = runScenario(scenario, { now: () => performance.now() });
const wallS = (performance.now() - t0) / 1000;
const cpu1 = process.cpuUsage(cpu0);
// CPU time of this process: on a shared, loaded machine wall time overstates the engine's cost.
const cpuS = (cpu1.user + cpu1.system) / 1e6;
const nic = doc.nics[0];
const simS = doc.duration_ns / 1e9;
const result = {
  scenario: scenario.name,
  simulated_s: simS,
  offered_packets: nic.rx.offered_packets,
  received_packets: nic.rx.packets,
  wall_s: Number(wallS.toFixed(3)),
  sim_packets_per_wall_s: Math.round(nic.rx.offered_packets / wallS),
  realtime_factor: Number((simS / wallS).toFixed(4)),
  cpu_s: Number(cpuS.toFixed(3)),
  sim_packets_per_cpu_s: Math.round(nic.rx.offered_packets / cpuS),
  cpu_ns_per_packet: Number(((cpuS * 1e9) / nic.rx.offered_packets).toFixed(1)),
  // peak resident set of the whole process (maxRSS is in KiB)
  peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  rx_gbps: nic.rx.gbps,
  drops: nic.rx.drops,
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
};
console.log(`simulated ${result.offered_packets.toLocaleString('en')} packets (${simS} s at 200 Gbit/s) in ${result.wall_s} s wall`);
console.log(`  ${(result.sim_packets_per_wall_s / 1e6).toFixed(2)} M simulated packets per wall-clock second`);
console.log(`  real-time factor ${result.realtime_factor} (simulated s per wall s)`);
console.log(
  `  ${(result.sim_packets_per_cpu_s / 1e6).toFixed(2)} M simulated packets per CPU second of this process (${result.cpu_s} s CPU, ${result.cpu_ns_per_packet} ns per packet)`,
);
console.log(`  peak RSS ${(result.peak_rss_bytes / 2 ** 20).toFixed(1)} MiB`);
const out = arg('--json');
if (out) {
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(result, null, 2) + '\n');
  renameSync(tmp, out);
  console.log(`  wrote ${out}`);
}
