// Measures the per-item costs the run estimate uses (shared/sim/engine/estimate.ts): heap bytes
// and CPU time per stored sample value, bytes per posted RX buffer, bytes per net_iov.
//   npm run measure:costs
// Runs small scenarios in this process with --expose-gc; prints one line per figure.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scenarioSchema, type ScenarioInput } from '../shared/scenario/schema';
import { runScenario } from '../shared/sim/engine/run';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run measure:costs does)');

function usage(): { heap: number; external: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.arrayBuffers };
}

function cpuS(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

/** Runs `input`; memory is read at the end of the run, while the engine's tables are alive. */
function measure(input: ScenarioInput): { heap: number; external: number; cpu: number; values: number } {
  const s = scenarioSchema.parse(input);
  const m0 = usage();
  const c0 = cpuS();
  let cpu = 0;
  let m1 = m0;
  const doc = runScenario(s, {
    inspect: () => {
      cpu = cpuS() - c0;
      m1 = usage();
    },
  });
  const values = doc.series.t_ns.length * (Object.keys(doc.series.columns).length + 1);
  return { heap: m1.heap - m0.heap, external: m1.external - m0.external, cpu, values };
}

// Samples: a quiet 1 Gbit/s NIC sampled every 1us vs every 1ms; the difference is the series.
const quiet: ScenarioInput = {
  name: 'm',
  duration: '50ms',
  sample: '1ms',
  nics: [{ name: 'e', link: '1Gbit', queues: 4 }],
  traffic: [{ nic: 'e', rate: '1Mbit' }],
};
const coarse = measure(quiet);
const fine = measure({ ...quiet, sample: '1us' });
const dv = fine.values - coarse.values;
console.log(
  `series: ${((fine.heap - coarse.heap) / dv).toFixed(2)} heap bytes per sample value, ` +
    `${(((fine.cpu - coarse.cpu) * 1e9) / dv).toFixed(1)} ns CPU per sample value (${dv} values)`,
);

// Posted buffers: 128 queues × 16384 descriptors vs 128 × 64 (generic driver), 10 us simulated.
const ringed = (ring: number): ScenarioInput => ({
  name: 'b',
  duration: '10us',
  sample: '10us',
  host: { cpu: { cores: 128 } },
  nics: [{ name: 'e', link: '1Gbit', queues: 128, ring }],
  traffic: [{ nic: 'e', rate: '1Mbit' }],
});
const big = measure(ringed(16384));
const small = measure(ringed(64));
const db = 128 * (16384 - 64);
console.log(
  `buffers: ${((big.heap + big.external - small.heap - small.external) / db).toFixed(1)} bytes per posted buffer (${db} buffers)`,
);

// net_iovs: the GVE devmem reference scenario with a 16 GiB vs a 1 GiB dma-buf, 1 ms simulated.
const devmem = parse(readFileSync(new URL('../scenarios/reference/gve-devmem-200g.yaml', import.meta.url), 'utf8')) as ScenarioInput & {
  nics: { provider: { kind: 'dmabuf'; queues: number[]; size: string } }[];
};
devmem.duration = '1ms';
const withSize = (size: string): ScenarioInput => ({
  ...devmem,
  nics: [{ ...devmem.nics[0], provider: { ...devmem.nics[0].provider, size } }],
});
const large = measure(withSize('16GiB'));
const one = measure(withSize('1GiB'));
const dn = ((16 - 1) * 2 ** 30) / 4096;
console.log(`net_iovs: ${((large.heap + large.external - one.heap - one.external) / dn).toFixed(1)} bytes per net_iov (${dn} net_iovs)`);
