// Golden outputs for engine optimisation work: runs every shipped scenario (every point of a
// compare matrix, one repeat each) plus a few bench-shaped variants, and prints the sha256 of each
// run document without `meta` (the only part allowed to depend on wall time).
//   npx tsx test/bench/golden.ts --write tmp/golden.json   # record
//   npx tsx test/bench/golden.ts --check tmp/golden.json   # compare; exit 1 on any difference
// An optimisation must leave every hash unchanged: a changed output means a changed model.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import { scenarioSchema, type Scenario } from '../../shared/scenario/schema';
import { planCompare } from '../../shared/sim/compare/plan';
import { runScenario } from '../../shared/sim/engine/run';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ROOT = path.resolve(import.meta.dirname, '../../scenarios');

/** name → scenario, for every run the goldens cover. */
function collect(): [string, Scenario][] {
  const out: [string, Scenario][] = [];
  for (const dir of ['', 'reference', 'compare']) {
    const d = path.join(ROOT, dir);
    for (const f of readdirSync(d)
      .filter((n) => n.endsWith('.yaml'))
      .sort()) {
      const r = parseScenario(readFileSync(path.join(d, f), 'utf8'));
      if (!r.ok) throw new Error(`${dir}/${f}: ${r.errors.map((e) => e.message).join('; ')}`);
      const plan = planCompare(r.doc, r.scenario, 1);
      for (const run of plan.runs) out.push([`${dir ? dir + '/' : ''}${f}#${plan.points[run.point].label}`, run.scenario]);
    }
  }
  // The bench scenario (shortened) and variants that take the other arrival / free / protocol paths.
  const bench = (over: Record<string, unknown>, traffic: Record<string, unknown> = {}, consumer: Record<string, unknown> = {}) =>
    scenarioSchema.parse({
      name: 'golden bench',
      seed: 1,
      duration: '20ms',
      sample: '1ms',
      host: { cpu: { profile: 'xeon-platinum-8481c', cores: 32 }, iommu: 'off' },
      nics: [{ name: 'eth0', driver: 'generic', link: '200Gbit', queues: 16, ring: 1024 }],
      traffic: [
        { nic: 'eth0', flows: 16, steer_to: Array.from({ length: 16 }, (_, i) => i), packet_size: 1518, arrival: 'constant', ...traffic },
      ],
      consumer: [{ nic: 'eth0', read_latency: { exponential: { mean: '20us' } }, ...consumer }],
      ...over,
    });
  out.push(['bench#constant', bench({})]);
  out.push([
    'bench#poisson-imix-strict',
    bench(
      { host: { cpu: { profile: 'xeon-platinum-8481c', cores: 8 }, iommu: 'strict' } },
      { arrival: 'poisson', packet_size: 'imix', flows: 64, steer_to: undefined },
    ),
  ]);
  out.push(['bench#udp-napi-free', bench({}, { protocol: 'udp' }, { free_on: 'napi_core' })]);
  out.push([
    'bench#onoff-lognormal',
    bench({}, { arrival: { on_off: { on: '200us', off: '100us' } } }, { read_latency: { lognormal: { median: '20us', p99: '300us' } } }),
  ]);
  out.push([
    'bench#two-sources',
    scenarioSchema.parse({
      name: 'golden two sources',
      seed: 3,
      duration: '10ms',
      sample: '500us',
      host: { cpu: { profile: 'xeon-platinum-8481c', cores: 8 }, iommu: 'lazy' },
      nics: [
        { name: 'eth0', driver: 'generic', link: '100Gbit', queues: 4, ring: 512 },
        { name: 'eth1', driver: 'generic', link: '25Gbit', queues: 2, ring: 256 },
      ],
      traffic: [
        { nic: 'eth0', flows: 8, packet_size: 1518, arrival: 'poisson' },
        { nic: 'eth0', flows: 4, packet_size: 64, rate: '2Mpps', protocol: 'udp' },
        { nic: 'eth1', flows: 3, packet_size: 'imix', arrival: 'constant' },
      ],
      consumer: [
        { nic: 'eth0', read_latency: '5us' },
        { nic: 'eth1', read_latency: { exponential: { mean: '50us' } }, free_on: 'napi_core' },
      ],
    }),
  ]);
  return out;
}

const only = arg('--only');
const hashes: Record<string, string> = {};
for (const [name, s] of collect()) {
  if (only && !name.includes(only)) continue;
  const t0 = performance.now();
  const doc = runScenario(s);
  const { meta: _meta, ...rest } = doc;
  hashes[name] = createHash('sha256').update(JSON.stringify(rest)).digest('hex');
  console.log(`${hashes[name].slice(0, 16)}  ${name}  (${Math.round(performance.now() - t0)} ms)`);
}
const write = arg('--write');
if (write) writeFileSync(write, JSON.stringify(hashes, null, 2) + '\n');
const check = arg('--check');
if (check) {
  const want = JSON.parse(readFileSync(check, 'utf8')) as Record<string, string>;
  let bad = 0;
  for (const [k, v] of Object.entries(hashes)) {
    if (want[k] !== v) {
      bad++;
      console.log(`DIFFERENT: ${k}`);
    }
  }
  if (!only)
    for (const k of Object.keys(want))
      if (!(k in hashes)) {
        bad++;
        console.log(`MISSING: ${k}`);
      }
  console.log(bad ? `${bad} golden(s) differ` : `all ${Object.keys(hashes).length} goldens identical`);
  process.exit(bad ? 1 : 0);
}
