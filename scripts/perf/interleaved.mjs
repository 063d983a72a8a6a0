#!/usr/bin/env node
// Before and after measured back to back: the engine bench of a "before" commit (checked out in a
// temporary git worktree) and of this checkout, run alternately, so a shared machine's drift over
// minutes (other tenants, clock changes) falls on both alike. Writes the per-run CPU ns per packet,
// their medians and the median of the per-pair ratios.
//   node scripts/perf/interleaved.mjs --before SHA --out FILE [--pairs 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const beforeSha = arg('--before');
const out = arg('--out');
const pairs = Number(arg('--pairs', '7'));
if (!beforeSha || !out || !(pairs >= 1)) throw new Error('usage: interleaved.mjs --before SHA --out FILE [--pairs 7]');

function git(...a) {
  const r = spawnSync('git', ['-C', ROOT, ...a], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const tmp = mkdtempSync(path.join(tmpdir(), 'perf-interleaved-'));
const beforeTree = path.join(tmp, 'before');
git('worktree', 'add', '--detach', beforeTree, beforeSha);
symlinkSync(path.join(ROOT, 'node_modules'), path.join(beforeTree, 'node_modules'));

/** One 1 s bench run in `root`: CPU ns per simulated packet. */
function bench(root) {
  const json = path.join(tmp, 'bench.json');
  const r = spawnSync(process.execPath, ['scripts/bench.mjs', '--json', json], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench in ${root} exited ${r.status}: ${r.stderr}`);
  // from the CPU seconds and packets every version of the bench writes (older ones lack cpu_ns_per_packet)
  const b = JSON.parse(readFileSync(json, 'utf8'));
  return Number(((b.cpu_s * 1e9) / b.offered_packets).toFixed(1));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  bench(beforeTree); // builds each tree's ahead-of-time bundle
  bench(ROOT);
  const before = [];
  const after = [];
  for (let i = 0; i < pairs; i++) {
    // alternate which tree goes first, so neither always runs on a cache the other warmed
    if (i % 2 === 0) {
      before.push(bench(beforeTree));
      after.push(bench(ROOT));
    } else {
      after.push(bench(ROOT));
      before.push(bench(beforeTree));
    }
  }
  const ratios = before.map((b, i) => after[i] / b);
  const result = {
    before_commit: git('rev-parse', beforeSha),
    after_commit: git('rev-parse', 'HEAD'),
    // the page and data this script writes do not count as changes to what was measured
    uncommitted_changes: git('status', '--porcelain', '--', '.', ':!docs').length > 0,
    measured_at: new Date().toISOString(),
    pairs,
    before_ns_per_packet: before,
    after_ns_per_packet: after,
    before_median: median(before),
    after_median: median(after),
    ratio_median: Number(median(ratios).toFixed(4)),
  };
  const t = `${out}.tmp-${process.pid}`;
  writeFileSync(t, `${JSON.stringify(result, null, 1)}\n`);
  renameSync(t, out);
  console.log(`wrote ${out}: before ${result.before_median} ns, after ${result.after_median} ns per packet (ratio ${result.ratio_median})`);
} finally {
  git('worktree', 'remove', '--force', beforeTree);
  rmSync(tmp, { recursive: true, force: true });
}
