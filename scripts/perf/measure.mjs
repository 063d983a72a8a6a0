#!/usr/bin/env node
// Measures one checkout of the repository for docs/performance.md: the engine bench (CPU ns per
// simulated packet, median of --repeat runs of 1 s), its peak RSS for each --durations entry,
// the command line's start-up (scripts/measure-startup.mjs) and the bench's CPU profile grouped by
// stage (profileStages.mjs). CPU time, not wall time: the machine is shared.
//   node scripts/perf/measure.mjs ROOT --out FILE [--commit SHA] [--durations 1s,10s,60s] [--repeat 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileByStage } from './profileStages.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const root = path.resolve(process.argv[2] ?? '.');
const out = arg('--out');
if (!out) throw new Error('usage: measure.mjs ROOT --out FILE [--commit SHA] [--durations 1s,10s,60s] [--repeat 3]');
const durations = arg('--durations', '1s,10s,60s').split(',');
const repeat = Number(arg('--repeat', '3'));
const tmp = mkdtempSync(path.join(tmpdir(), 'perf-measure-'));

function git(...a) {
  const r = spawnSync('git', ['-C', root, ...a], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function node(args, env = {}) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** One bench run; its JSON figures plus the process's peak RSS (rssHook.mjs writes resourceUsage at exit). */
function bench(duration, extra = []) {
  const json = path.join(tmp, 'bench.json');
  const rss = path.join(tmp, 'rss.json');
  node(['--import', path.join(HERE, 'rssHook.mjs'), ...extra, 'scripts/bench.mjs', '--duration', duration, '--json', json], {
    RSS_HOOK_OUT: rss,
  });
  const r = JSON.parse(readFileSync(json, 'utf8'));
  r.peak_rss_bytes = JSON.parse(readFileSync(rss, 'utf8')).maxRSS * 1024;
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

bench('10ms'); // builds the ahead-of-time bundle, warms the file cache
const runs = Array.from({ length: repeat }, () => bench('1s'));
const nsPerPacket = runs.map((r) => (r.cpu_s * 1e9) / r.offered_packets);
const med = median(nsPerPacket);
const rss = {};
for (const d of durations) rss[d] = d === '1s' ? median(runs.map((r) => r.peak_rss_bytes)) : bench(d).peak_rss_bytes;

const startupJson = path.join(tmp, 'startup.json');
node(['scripts/measure-startup.mjs', '--json', startupJson]);
const startup = JSON.parse(readFileSync(startupJson, 'utf8')).results.map((r) => ({
  command: r.command,
  cpu_s: r.cpu_s,
  target_s: r.target_s,
}));

// the profile: the bench bundle itself (no loader), inlining off so each function keeps its own samples
const builtDir = readdirSync(path.join(root, 'out', 'node')).filter((d) => !d.startsWith('.'))[0];
const profDir = path.join(tmp, 'prof');
node(['--no-turbo-inlining', '--cpu-prof', '--cpu-prof-dir', profDir, path.join('out', 'node', builtDir, 'bench.js'), '--duration', '1s']);
const profile = profileByStage(path.join(profDir, readdirSync(profDir)[0]), root);

const result = {
  commit: arg('--commit', git('rev-parse', 'HEAD')),
  uncommitted_changes: git('status', '--porcelain').length > 0,
  measured_at: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  bench: {
    scenario: runs[0].scenario,
    packets: runs[0].offered_packets,
    runs: repeat,
    cpu_ns_per_packet: Number(med.toFixed(1)),
    sim_packets_per_cpu_s: Math.round(1e9 / med),
    cpu_ns_per_packet_runs: nsPerPacket.map((x) => Number(x.toFixed(1))),
  },
  peak_rss_bytes: rss,
  startup,
  profile,
};
const t = `${out}.tmp-${process.pid}`;
writeFileSync(t, `${JSON.stringify(result, null, 1)}\n`);
renameSync(t, out);
rmSync(tmp, { recursive: true, force: true });
console.log(
  `wrote ${out}: ${result.bench.cpu_ns_per_packet} ns per packet, ${(result.bench.sim_packets_per_cpu_s / 1e6).toFixed(2)} M packets per CPU second`,
);
