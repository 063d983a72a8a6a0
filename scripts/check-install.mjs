#!/usr/bin/env node
// Install hygiene, run by .ci/run after `npm ci`:
//  1. the install log carries no warning the project can avoid (EBADENGINE, unreviewed install scripts,
//     deprecations of direct dependencies);
//  2. `allowScripts` in package.json is exactly what the strict install needs: the locked tree installs
//     with --strict-allow-scripts, and dropping any one approved package makes that install fail;
//  3. `npm ls` finds no invalid or missing dependency and no unmet peer.
// Steps 2 runs `npm ci --dry-run` in a scratch directory, so it touches neither node_modules nor the network
// beyond reading the lockfile.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [logPath] = process.argv.slice(2);
if (!logPath) {
  console.error('usage: node scripts/check-install.mjs <npm-ci-log>');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n     ${detail.split('\n').join('\n     ')}` : ''}`);
  }
}

const log = readFileSync(logPath, 'utf8');
const avoidable = log.split('\n').filter((l) => /npm warn (EBADENGINE|install-scripts|deprecated)/i.test(l));
check('npm ci printed no avoidable warning', avoidable.length === 0, avoidable.join('\n'));

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const approved = Object.keys(pkg.allowScripts ?? {}).filter((k) => pkg.allowScripts[k] === true);

function strictDryRun(allowScripts) {
  const dir = mkdtempSync(join(tmpdir(), 'nmw-install-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, allowScripts }, null, 2));
    cpSync('package-lock.json', join(dir, 'package-lock.json'));
    const r = spawnSync('npm', ['ci', '--strict-allow-scripts', '--dry-run', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const full = strictDryRun(pkg.allowScripts ?? {});
check('strict install passes with allowScripts as committed', full.status === 0, full.out.trim());
for (const name of approved) {
  const rest = Object.fromEntries(Object.entries(pkg.allowScripts).filter(([k]) => k !== name));
  const r = strictDryRun(rest);
  check(
    `strict install fails without "${name}" in allowScripts`,
    r.status !== 0 && r.out.includes('ESTRICTALLOWSCRIPTS') && r.out.includes(name),
    r.out.trim(),
  );
}

let lsOut = '';
let lsStatus = 0;
try {
  lsOut = execFileSync('npm', ['ls', '--all'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  lsStatus = e.status ?? 1;
  lsOut = `${e.stdout ?? ''}${e.stderr ?? ''}`;
}
const bad = lsOut.split('\n').filter((l) => /invalid|UNMET PEER|UNMET DEPENDENCY|missing:/i.test(l));
check('npm ls: no invalid, missing or unmet peer dependency', lsStatus === 0 && bad.length === 0, bad.join('\n'));

console.log(`install: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
