#!/usr/bin/env node
// Start-up cost of the command line, as CPU time (user + system) of the whole process, so a busy
// machine does not count: `--help`, `validate` of a shipped scenario, and a full `run` of
// scenarios/xdp-drop-recycle.yaml. Each is measured after one warm run (the ahead-of-time bundle
// built, the file cache warm) as the median of five. `--check` exits 1 when a target is missed.
//   node scripts/measure-startup.mjs [--check] [--json FILE]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const CASES = [
  { name: '--help', args: ['--help'], targetS: 0.3 },
  { name: 'validate scenarios/xdp-drop-recycle.yaml', args: ['validate', 'scenarios/xdp-drop-recycle.yaml'], targetS: 0.6 },
  { name: 'run scenarios/xdp-drop-recycle.yaml', args: ['run', 'scenarios/xdp-drop-recycle.yaml', '--quiet'], targetS: 1.5 },
];
const REPEAT = 5;

/** CPU seconds of one `node scripts/netmem-workbench.mjs …`, from bash's `times` of its child. */
function cpuSeconds(args) {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `node scripts/netmem-workbench.mjs ${quoted} >/dev/null 2>&1; s=$?; times; exit $s`], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`netmem-workbench ${args.join(' ')} exited ${r.status}`);
  // `times` prints the shell's own line, then the children's: "0m0.412s 0m0.061s".
  const child = r.stdout
    .trim()
    .split('\n')
    .at(-1)
    .split(/\s+/)
    .map((t) => {
      const m = /^(\d+)m([\d.]+)s$/.exec(t);
      return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    });
  return child[0] + child[1];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const c of CASES) {
  cpuSeconds(c.args);
  const samples = Array.from({ length: REPEAT }, () => cpuSeconds(c.args));
  results.push({ command: c.name, cpu_s: Number(median(samples).toFixed(3)), target_s: c.targetS, samples });
}
const check = process.argv.includes('--check');
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify({ node: process.version, results }, null, 1)}\n`);
console.log('| command | CPU time (median of 5) | target |');
console.log('|---|---|---|');
for (const r of results) console.log(`| \`${r.command}\` | ${r.cpu_s.toFixed(2)} s | < ${r.target_s} s |`);
const missed = results.filter((r) => r.cpu_s >= r.target_s);
if (check && missed.length) {
  console.error(`missed: ${missed.map((r) => r.command).join(', ')}`);
  process.exit(1);
}
