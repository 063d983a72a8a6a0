#!/usr/bin/env node
// Instructions per simulated packet of the engine bench, counted by valgrind (callgrind's Ir) rather
// than timed: the count does not move with the load of other tenants, so it resolves changes of a
// few percent that CPU time on a shared machine cannot. V8 runs with --predictable (no concurrent
// compiler or GC threads, fixed hash seeds), which makes the count repeat to about 0.01 %.
// The bench runs for 0.1 s and 0.3 s of simulated time and the figure is the difference of the two
// counts over the difference of their packets, so start-up and compilation cancel out.
// The same runs count data-cache misses and branch mispredictions in callgrind's models, sized as
// this machine's L1d and L2 (sysfs): time per instruction moves with them, which an instruction
// count alone does not show. Model counts, not hardware counters (this VM exposes none).
// Optionally the same for a "before" commit, checked out in a temporary git worktree; with
// --functions, more runs of this checkout count instructions per packet by function and by stage,
// of the bench and of a scenario on the per-frame path (functionProfile.mjs).
//   node scripts/perf/instructions.mjs --out FILE [--before SHA] [--functions]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { benchPackets, runUnderCallgrind } from './callgrindFunctions.mjs';
import { measureFunctions } from './functionProfile.mjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const out = arg('--out');
const beforeSha = arg('--before');
if (!out) throw new Error('usage: instructions.mjs --out FILE [--before SHA] [--functions]');
const DURATIONS = ['0.1s', '0.3s'];

function git(...a) {
  const r = spawnSync('git', ['-C', ROOT, ...a], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The bench bundle of the tree at `root` (built by its own scripts/aotBuild.mjs). */
function benchBundle(root) {
  const r = spawnSync(
    process.execPath,
    ['-e', "import('./scripts/aotBuild.mjs').then((m) => m.builtEntry('bench')).then((p) => console.log(p))"],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`building the bench in ${root}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * The caches callgrind simulates, as `--D1` / `--LL` options: this machine's level-1 data cache and
 * its level-2 cache as callgrind's last level (sysfs cpu0), or valgrind's own defaults without sysfs.
 */
function cacheGeometry(sysfs = '/sys/devices/system/cpu/cpu0/cache') {
  const found = {};
  for (let i = 0; existsSync(`${sysfs}/index${i}`); i++) {
    const read = (f) => readFileSync(`${sysfs}/index${i}/${f}`, 'utf8').trim();
    const level = Number(read('level'));
    const type = read('type');
    const sizeText = read('size');
    const unit = { K: 1024, M: 1024 * 1024 }[sizeText.slice(-1)] ?? 1;
    const bytes = Number.parseInt(sizeText, 10) * unit;
    const geometry = `${bytes},${Number(read('ways_of_associativity'))},${Number(read('coherency_line_size'))}`;
    if (level === 1 && type === 'Data') found.D1 = geometry;
    if (level === 2 && type === 'Unified') found.LL = geometry;
  }
  return found.D1 && found.LL ? found : null;
}

/** callgrind's event names → the figures kept per packet */
const EVENT_FIGURES = {
  instructions: ['Ir'],
  l1d_misses: ['D1mr', 'D1mw'],
  l2_misses: ['DLmr', 'DLmw'],
  branch_mispredicts: ['Bcm', 'Bim'],
};

/** One bench run under callgrind: its event counts (EVENT_FIGURES) and simulated packets. */
async function counted(root, bundle, duration, geometry) {
  const { code, stdout, stderr } = await runUnderCallgrind(
    root,
    [
      '--callgrind-out-file=/dev/null',
      '--cache-sim=yes',
      '--branch-sim=yes',
      ...(geometry ? [`--D1=${geometry.D1}`, `--LL=${geometry.LL}`] : []),
    ],
    [bundle, '--duration', duration],
  );
  const names = /Events\s*: ([A-Za-z0-9 ]+)/.exec(stderr);
  const values = /Collected : ([\d ]+)/.exec(stderr);
  const packets = benchPackets(stdout);
  if (code !== 0 || !names || !values || !(packets > 0))
    throw new Error(`callgrind of the bench (${duration}) in ${root} exited ${code}: ${stderr.slice(-400)}`);
  const count = {};
  const list = values[1].trim().split(/\s+/).map(Number);
  names[1]
    .trim()
    .split(/\s+/)
    .forEach((n, i) => (count[n] = list[i]));
  const run = { packets };
  for (const [figure, events] of Object.entries(EVENT_FIGURES)) {
    if (events.some((e) => count[e] === undefined)) throw new Error(`callgrind reported no ${events.join('/')} event`);
    run[figure] = events.reduce((sum, e) => sum + count[e], 0);
  }
  return run;
}

async function measure(root, geometry) {
  const bundle = benchBundle(root);
  // the two runs are independent: one per core
  const [a, b] = await Promise.all(DURATIONS.map((d) => counted(root, bundle, d, geometry)));
  const perPacket = (figure) => (b[figure] - a[figure]) / (b.packets - a.packets);
  return {
    runs: { [DURATIONS[0]]: a, [DURATIONS[1]]: b },
    instructions_per_packet: Math.round(perPacket('instructions')),
    l1d_misses_per_packet: Number(perPacket('l1d_misses').toFixed(2)),
    l2_misses_per_packet: Number(perPacket('l2_misses').toFixed(3)),
    branch_mispredicts_per_packet: Number(perPacket('branch_mispredicts').toFixed(2)),
  };
}

if (spawnSync('valgrind', ['--version']).status !== 0) throw new Error('valgrind is not installed (Debian: apt-get install valgrind)');
const geometry = cacheGeometry();
const result = {
  measured_at: new Date().toISOString(),
  node: process.version,
  commit: git('rev-parse', 'HEAD'),
  durations: DURATIONS,
  // size,associativity,line bytes of the simulated caches; null: valgrind's defaults
  cache_model: geometry,
};
result.after = await measure(ROOT, geometry);
if (process.argv.includes('--functions')) Object.assign(result.after, await measureFunctions(ROOT, benchBundle(ROOT)));
if (beforeSha) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'perf-instructions-'));
  const tree = path.join(tmp, 'before');
  git('worktree', 'add', '--detach', tree, beforeSha);
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
    result.before = { commit: git('rev-parse', beforeSha), ...(await measure(tree, geometry)) };
  } finally {
    git('worktree', 'remove', '--force', tree);
    rmSync(tmp, { recursive: true, force: true });
  }
}
const tmpOut = `${out}.tmp-${process.pid}`;
writeFileSync(tmpOut, JSON.stringify(result, null, 2) + '\n');
renameSync(tmpOut, out);
console.log(
  `instructions per simulated packet: ${result.after.instructions_per_packet}` +
    (result.before ? ` (before ${result.before.commit.slice(0, 10)}: ${result.before.instructions_per_packet})` : ''),
);
