// Run documents for the report tests, produced by the real engine from small scenario inputs
// (no hand-made numbers). Cached per test file: a run takes a second or so.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import type { RunDocument } from '../../shared/doc/runDocument';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { planCompare } from '../../shared/sim/compare/plan';
import { buildCompareDocument } from '../../shared/sim/compare/buildDocument';

export const PRESSURE_YAML = `
name: report test, generic NIC under memory pressure
seed: 11
duration: 40ms
sample: 1ms
host:
  cpu: { cores: 4 }
  memory: { numa_nodes: 1, per_node: 256MiB, watermarks: { min: 8MiB, low: 10MiB, high: 12MiB } }
nics:
  - { name: eth0, driver: generic, link: 10Gbit, queues: 2, ring: 256 }
traffic:
  - { nic: eth0, flows: 4, rate: line, packet_size: 1518 }
consumer:
  - { nic: eth0, read_latency: { fixed: 20us } }
events:
  - { at: 10ms, memory_pressure: { allocate: 250MiB, over: 10ms } }
  - { at: 30ms, memory_pressure: { release: 250MiB } }
compare:
  nics[0].ring: [256, 512]
`;

export function parseOrThrow(yaml: string) {
  const r = parseScenario(yaml);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path} (line ${e.line}): ${e.message}`).join('\n'));
  return r;
}

let runCache: RunDocument | undefined;
export function pressureRun(): RunDocument {
  if (!runCache) {
    const { scenario } = parseOrThrow(PRESSURE_YAML);
    const s = { ...scenario };
    delete s.compare;
    runCache = runScenario(s, { startedAt: '2026-01-01T00:00:00.000Z', nodeName: 'test' });
  }
  return runCache;
}

let compareCache: CompareDocument | undefined;
export function pressureCompare(): CompareDocument {
  if (!compareCache) {
    const { scenario, doc } = parseOrThrow(PRESSURE_YAML);
    const plan = planCompare(doc, scenario, 2);
    const docs = plan.runs.map((r) => runScenario(r.scenario, { startedAt: '2026-01-01T00:00:00.000Z', nodeName: 'test' }));
    compareCache = buildCompareDocument(plan, docs, { wall_ms: 0, workers: 1, started_at: '2026-01-01T00:00:00.000Z' }, '0.0.0-test');
  }
  return compareCache;
}

/** Chromium and poppler are required in CI (.ci/run installs them); elsewhere their tests skip. */
export function chromiumPath(): string | undefined {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(p) ? p : undefined;
}
export function hasPdftoppm(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
export const REQUIRE_TOOLS = !!process.env.CI;
