// A tiny run each pre-started worker does once at host start-up, so the engine's code (scenario
// setup, page_pool, devmem, sampler) is compiled before the user's first Start rather than during
// it: the first samples of a cold worker then arrive as fast as a warm one's.
import { parseScenario } from '../../shared/sim/validate/parse';
import type { Scenario } from '../../shared/scenario/schema';
import type { WorkerPool } from './workerPool';

const WARMUP_YAML = `
name: worker warm-up
seed: 1
duration: 3ms
sample: 1ms
host: { cpu: { cores: 2 }, memory: { numa_nodes: 1, per_node: 1GiB } }
nics:
  - name: eth0
    driver: gve
    variant: netmem
    mode: dqo-rda
    link: 100Gbit
    queues: 2
    ring: 256
    header_split: true
    hds_thresh: 0
    provider: { kind: dmabuf, size: 64MiB, queues: [1] }
traffic:
  - { nic: eth0, flows: 2, rate: line, packet_size: 1518, protocol: tcp }
consumer:
  - { nic: eth0, read_latency: { fixed: 5us }, dontneed: { batch: 64, every: 20us } }
`;

export function warmupScenario(): Scenario {
  const r = parseScenario(WARMUP_YAML);
  if (!r.ok) throw new Error(`warm-up scenario is invalid: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.scenario;
}

/** Queue one warm-up run per started worker; results and failures are of no interest. */
export function warmUpWorkers(pool: WorkerPool, count: number): void {
  const s = warmupScenario();
  for (let i = 0; i < count; i++) pool.run(s, { onSamples: () => undefined }).promise.catch(() => undefined);
}
