#!/usr/bin/env node
// Instructions per simulated packet of the engine bench, counted by valgrind (callgrind's Ir) rather
// than timed: the count does not move with the load of other tenants, so it resolves changes of a
// few percent that CPU time on a shared machine cannot. V8 runs with --predictable (no concurrent
// compiler or GC threads, fixed hash seeds), which makes the count repeat to about 0.01 %.
// The bench runs for 0.1 s and 0.3 s of simulated time and the figure is the difference of the two
// counts over the difference of their packets, so start-up and compilation cancel out.
// Optionally the same for a "before" commit, checked out in a temporary git worktree.
//   node scripts/perf/instructions.mjs --out FILE [--before SHA]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
if (!out) throw new Error('usage: instructions.mjs --out FILE [--before SHA]');
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

/** One bench run under callgrind: its instruction count and simulated packets. */
function counted(root, bundle, duration) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--smc-check=all-non-file',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        '--predictable',
        bundle,
        '--duration',
        duration,
      ],
      { cwd: root },
    );
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const ir = /Collected : (\d+)/.exec(stderr);
      const pk = /simulated ([\d,]+) packets/.exec(stdout);
      if (code !== 0 || !ir || !pk)
        return reject(new Error(`callgrind of the bench (${duration}) in ${root} exited ${code}: ${stderr.slice(-400)}`));
      resolve({ instructions: Number(ir[1]), packets: Number(pk[1].replaceAll(',', '')) });
    });
  });
}

async function measure(root) {
  const bundle = benchBundle(root);
  // the two runs are independent: one per core
  const [a, b] = await Promise.all(DURATIONS.map((d) => counted(root, bundle, d)));
  return {
    runs: { [DURATIONS[0]]: a, [DURATIONS[1]]: b },
    instructions_per_packet: Math.round((b.instructions - a.instructions) / (b.packets - a.packets)),
  };
}

if (spawnSync('valgrind', ['--version']).status !== 0) throw new Error('valgrind is not installed (Debian: apt-get install valgrind)');
const result = { measured_at: new Date().toISOString(), node: process.version, commit: git('rev-parse', 'HEAD'), durations: DURATIONS };
result.after = await measure(ROOT);
if (beforeSha) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'perf-instructions-'));
  const tree = path.join(tmp, 'before');
  git('worktree', 'add', '--detach', tree, beforeSha);
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
    result.before = { commit: git('rev-parse', beforeSha), ...(await measure(tree)) };
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
