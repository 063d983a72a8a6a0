// docs/performance.md is written by scripts/performance-table.mjs from docs/performance/*.json:
// the page must be exactly what those measurements render to (no number edited by hand).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile } from '../../scripts/perf/profileStages.mjs';

const ROOT = path.resolve(__dirname, '..', '..');

describe('docs/performance.md', () => {
  it('is what its measurements render to', () => {
    const r = spawnSync(process.execPath, ['scripts/performance-table.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('shows the measured interleaved medians', () => {
    const inter = JSON.parse(readFileSync(path.join(ROOT, 'docs/performance/interleaved.json'), 'utf8'));
    const page = readFileSync(path.join(ROOT, 'docs/performance.md'), 'utf8');
    expect(page).toContain(
      `| CPU ns per simulated packet, median | ${inter.before_median.toFixed(1)} | ${inter.after_median.toFixed(1)} |`,
    );
  });

  it('shows the counted instructions per packet of both commits', () => {
    const instr = JSON.parse(readFileSync(path.join(ROOT, 'docs/performance/instructions.json'), 'utf8'));
    const page = readFileSync(path.join(ROOT, 'docs/performance.md'), 'utf8');
    const { before, after } = instr;
    expect(after.instructions_per_packet).toBe(
      Math.round(
        (after.runs['0.3s'].instructions - after.runs['0.1s'].instructions) / (after.runs['0.3s'].packets - after.runs['0.1s'].packets),
      ),
    );
    expect(page).toContain(
      `| instructions per simulated packet | ${before.instructions_per_packet.toLocaleString('en')} | ${after.instructions_per_packet.toLocaleString('en')} |`,
    );
  });

  it('shows the cache and branch model counts per packet of both commits, from the same runs', () => {
    const instr = JSON.parse(readFileSync(path.join(ROOT, 'docs/performance/instructions.json'), 'utf8'));
    const page = readFileSync(path.join(ROOT, 'docs/performance.md'), 'utf8');
    const { before, after } = instr;
    for (const m of [before, after]) {
      const a = m.runs['0.1s'];
      const b = m.runs['0.3s'];
      expect(m.l1d_misses_per_packet).toBe(Number(((b.l1d_misses - a.l1d_misses) / (b.packets - a.packets)).toFixed(2)));
      expect(m.branch_mispredicts_per_packet).toBe(
        Number(((b.branch_mispredicts - a.branch_mispredicts) / (b.packets - a.packets)).toFixed(2)),
      );
    }
    expect(page).toContain(
      `| L1d misses per packet | ${before.l1d_misses_per_packet.toFixed(2)} | ${after.l1d_misses_per_packet.toFixed(2)} |`,
    );
    expect(page).toContain(
      `| L2 misses per packet | ${before.l2_misses_per_packet.toFixed(3)} | ${after.l2_misses_per_packet.toFixed(3)} |`,
    );
  });

  it('shows the instructions per packet by stage of the bench and of the per-frame scenario, adding up to their totals', () => {
    const instr = JSON.parse(readFileSync(path.join(ROOT, 'docs/performance/instructions.json'), 'utf8'));
    const page = readFileSync(path.join(ROOT, 'docs/performance.md'), 'utf8');
    for (const byFn of [instr.after.by_function, instr.after.per_frame_by_function]) {
      const stages = Object.entries(byFn.stages) as [string, number][];
      expect(stages.length).toBeGreaterThan(5);
      // each stage is rounded to 0.1: their sum is the total within half a count each
      const sum = stages.reduce((s, [, n]) => s + n, 0);
      expect(Math.abs(sum - byFn.instructions_per_packet)).toBeLessThanOrEqual(0.05 * stages.length + 0.05);
      for (const [stage, n] of stages) expect(page).toContain(`| ${stage} | ${n.toFixed(1)} |`);
    }
    // the bench's functions, counted in other runs, agree with its instruction count within 1 %
    const bench = instr.after.by_function.instructions_per_packet;
    expect(Math.abs(bench - instr.after.instructions_per_packet) / instr.after.instructions_per_packet).toBeLessThan(0.01);
    expect(page).toContain(instr.after.per_frame_by_function.scenario);
  });

  it('names the bench bundle in the profile by its path in the repository, without the build hash', () => {
    expect(builtFile('file:///home/u/nw/out/node/bd3e783d2e9ecfdf/bench.js', '/home/u/nw')).toBe('out/node/…/bench.js');
    expect(builtFile('node:internal/modules/esm/utils', '/home/u/nw')).toBe('node:internal/modules/esm/utils');
    expect(JSON.stringify(JSON.parse(readFileSync(path.join(ROOT, 'docs/performance/after.json'), 'utf8')).profile)).not.toContain(
      'file://',
    );
  });
});
