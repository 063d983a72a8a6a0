// The `bin` launcher runs the ahead-of-time built CLI: same commands, same exit codes as the source.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/netmem-workbench.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('scripts/netmem-workbench.mjs', () => {
  it('prints the help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('usage: npm run cli -- <command>');
  });

  it('validates a shipped scenario (exit 0) and refuses an unknown command (exit 2)', () => {
    expect(run('validate', 'scenarios/xdp-drop-recycle.yaml').status).toBe(0);
    const bad = run('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });
});
