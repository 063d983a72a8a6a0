// Instructions per simulated packet by function and by stage (callgrindFunctions.mjs), of two
// workloads: the engine bench, whose one steady source runs its arrivals in WebAssembly and whose
// GRO merges about ten frames an skb, and a shipped scenario on the per-frame path (Poisson
// arrivals, TCP on the generic driver, the application freeing on its own core), where every skb
// is read and freed with fewer frames in it. Each workload runs twice under callgrind, at a
// shorter and a longer simulated time: the difference leaves start-up and compilation out.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchPackets, parsePerfMap, perPacketByFunction, runUnderCallgrind, selfIrByFunction } from './callgrindFunctions.mjs';
import { SIM_STAGES } from './profileStages.mjs';

/** The scenario of the per-frame path, and its two simulated durations. */
export const PER_FRAME_SCENARIO = 'scenarios/tcp-remote-free.yaml';
const SCENARIO_DURATIONS = ['50ms', '150ms'];
const BENCH_DURATIONS = ['0.1s', '0.3s'];

/**
 * One run of `node --predictable --perf-basic-prof …args` under callgrind with per-instruction
 * counts: Ir per function and the simulated packets `packetsOf(stdout)` reads.
 */
async function countedByFunction(root, args, cgFile, packetsOf) {
  // --perf-basic-prof starts V8's logger: its log goes nowhere, not into the checkout
  const run = await runUnderCallgrind(
    root,
    ['--dump-instr=yes', `--callgrind-out-file=${cgFile}`],
    ['--perf-basic-prof', '--logfile=/dev/null', '--no-logfile-per-isolate', ...args],
  );
  const mapFile = `/tmp/perf-${run.pid}.map`;
  try {
    const packets = run.code === 0 ? packetsOf(run.stdout) : NaN;
    if (!(packets > 0) || !existsSync(mapFile))
      throw new Error(`callgrind by function of ${args.join(' ')} exited ${run.code}: ${run.stderr.slice(-400)}`);
    const ranges = parsePerfMap(readFileSync(mapFile, 'utf8'));
    return { ir: selfIrByFunction(readFileSync(cgFile, 'utf8'), ranges), packets };
  } finally {
    rmSync(mapFile, { force: true });
    rmSync(cgFile, { force: true });
  }
}

/** Per-function rows of two runs → the JSON kept: stage sums of every function, rows of 0.5 and more. */
function summarize(short, long, root) {
  const rows = perPacketByFunction(short, long, root);
  const stages = Object.fromEntries(SIM_STAGES.map((s) => [s, 0]));
  for (const r of rows) stages[r.stage] += r.instructions_per_packet;
  const round1 = (x) => Math.round(x * 10) / 10;
  return {
    packets: { short: short.packets, long: long.packets },
    instructions_per_packet: round1(rows.reduce((sum, r) => sum + r.instructions_per_packet, 0)),
    stages: Object.fromEntries(SIM_STAGES.map((s) => [s, round1(stages[s])])),
    functions: rows
      .filter((r) => r.instructions_per_packet >= 0.5)
      .map((r) => ({ ...r, instructions_per_packet: round1(r.instructions_per_packet) })),
  };
}

/**
 * `by_function` (the bench at BENCH_DURATIONS) and `per_frame_by_function` (PER_FRAME_SCENARIO at
 * SCENARIO_DURATIONS through the command line) of the checkout at `root`; `bench` is its bench
 * bundle. The CLI's launcher builds the CLI when it is stale: it runs once first.
 */
export async function measureFunctions(root, bench) {
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-functions-'));
  try {
    const [a, b] = await Promise.all(
      BENCH_DURATIONS.map((d) => countedByFunction(root, [bench, '--duration', d], path.join(dir, `bench-${d}.out`), benchPackets)),
    );
    const cli = path.join(root, 'scripts', 'netmem-workbench.mjs');
    const runArgs = (d) => [cli, 'run', PER_FRAME_SCENARIO, '--duration', d, '--quiet', '--json', path.join(dir, `run-${d}.json`)];
    const offered = (d) => () => {
      const doc = JSON.parse(readFileSync(path.join(dir, `run-${d}.json`), 'utf8'));
      return doc.nics.reduce((sum, n) => sum + n.rx.offered_packets, 0);
    };
    await new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [cli, '--help'], { cwd: root, stdio: 'ignore' });
      p.on('error', reject);
      p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`building the command line exited ${code}`))));
    });
    const [c, e] = await Promise.all(
      SCENARIO_DURATIONS.map((d) => countedByFunction(root, runArgs(d), path.join(dir, `run-${d}.out`), offered(d))),
    );
    return {
      by_function: { durations: BENCH_DURATIONS, ...summarize(a, b, root) },
      per_frame_by_function: { scenario: PER_FRAME_SCENARIO, durations: SCENARIO_DURATIONS, ...summarize(c, e, root) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
