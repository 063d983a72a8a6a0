// Calibration check: the bench_page_pool_simple loops, run through the page_pool model and billed
// as the engine bills them, give back the published per-element cycles of every profile (±5 %).
// The literals are the publications' own figures, written here on purpose and not read from the
// cost table, so a changed profile figure or a changed split fails this test. These are
// calibration inputs (docs/model/costs.md): matching them shows the decomposition is consistent
// with the model's operation counts, not that the model predicts anything.
import { describe, expect, it } from 'vitest';
import { CPU_PROFILES, type CpuProfileName } from '../../shared/scenario/schema';
import { benchLoopCycles, type BenchLoop } from './benchLoops';

type Published = Partial<Record<BenchLoop, number>>;

/** Published cycles per element (profiles.ts cites each publication). */
const PUBLISHED: Readonly<Record<CpuProfileName, Published>> = {
  // page_pool07_bench_DMA_fix.org, baseline 6.13-rc6, tasklet loops
  'xeon-e5-1650-v4': { fast_path: 19, ptr_ring: 54, slow: 238 },
  // page_pool08_bench_AMD.org, 6.13-rc6 + DMA-fix patches, default mitigations
  'epyc-9684x': { fast_path: 54, ptr_ring: 118, slow: 354 },
  // same, spec_rstack_overflow=ibpb
  'epyc-9684x-ibpb': { fast_path: 14, ptr_ring: 31, slow: 95 },
  // Dragos Tatulea's run (lore:d0fc4c6a-…): slow loop not published
  'xeon-platinum-8580': { fast_path: 15, ptr_ring: 30 },
  // in-tree selftest commit message (lore:20250619181519.…): no-softirq loops
  'xeon-platinum-8481c': { fast_path: 11, ptr_ring: 51, slow: 168 },
  // devmem TCP cover letter: "about 8 cycles" fast path only
  'seed-8-cycle': { fast_path: 8 },
};

const LOOPS: readonly BenchLoop[] = ['fast_path', 'ptr_ring', 'slow'];

function within5(model: number, published: number): boolean {
  return Math.abs(model - published) / published <= 0.05;
}

describe('bench_page_pool_simple loops through the page_pool model, every profile (calibrated)', () => {
  for (const profile of CPU_PROFILES) {
    it(`${profile}: published loops within 5 %`, () => {
      const pub = PUBLISHED[profile];
      let checked = 0;
      for (const loop of LOOPS) {
        const want = pub[loop];
        if (want === undefined) continue;
        const got = benchLoopCycles(profile, 'page', loop);
        expect(within5(got, want), `${profile} ${loop}: model ${got.toFixed(2)} vs published ${want}`).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      // the loops keep their order whatever the profile
      expect(benchLoopCycles(profile, 'page', 'fast_path')).toBeLessThan(benchLoopCycles(profile, 'page', 'ptr_ring'));
      expect(benchLoopCycles(profile, 'page', 'ptr_ring')).toBeLessThan(benchLoopCycles(profile, 'page', 'slow'));
    });
  }

  it('the slow loop is billed S, not S + F/2 (E5: 238, not 247.9)', () => {
    const slow = benchLoopCycles('xeon-e5-1650-v4', 'page', 'slow');
    expect(Math.abs(slow - 238)).toBeLessThan(0.5);
  });

  it('netmem variant: the seed host fast path is 9 cycles (published "regresses to 9 cycles")', () => {
    expect(Math.abs(benchLoopCycles('seed-8-cycle', 'netmem', 'fast_path') - 9)).toBeLessThanOrEqual(0.45);
  });

  it('mutation: perturbing a profile figure makes the comparison fail', () => {
    // The check above must not be satisfiable by any table: move each published figure by 10 %
    // through the override path the sensitivity run uses, and the loop leaves the 5 % band.
    for (const profile of CPU_PROFILES) {
      const pub = PUBLISHED[profile];
      const figures: Record<BenchLoop, 'fast' | 'ptrRing' | 'slow'> = { fast_path: 'fast', ptr_ring: 'ptrRing', slow: 'slow' };
      for (const loop of LOOPS) {
        const want = pub[loop];
        if (want === undefined) continue;
        const moved = benchLoopCycles(profile, 'page', loop, { [`${profile}.${figures[loop]}`]: want * 1.1 });
        expect(within5(moved, want), `${profile} ${loop} moved to ${moved.toFixed(2)}`).toBe(false);
      }
    }
    // and a split estimate moved to its bound leaves the measured totals intact (it only moves
    // cycles between the operations of one loop)
    expect(within5(benchLoopCycles('xeon-e5-1650-v4', 'page', 'slow', { pp_release_share: 1.5 }), 238)).toBe(true);
  });
});
