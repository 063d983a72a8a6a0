// bench_page_pool_simple results → a CPU profile (host.cpu.profile_data). The tests it reads are the
// ones the shipped profiles state (shared/sim/costs/costTable.ts): fast = tasklet_page_pool01_fast_path,
// ptr_ring = tasklet_page_pool02_ptr_ring, slow = tasklet_page_pool03_slow, each falling back to the
// no-softirq variant (page_pool01/02/03) when the tasklet one is absent, as test_bench_page_pool.sh
// prints only those; atomic and lock = the atomic_inc and lock baselines. The clock is the fast
// test's tsc_interval ÷ time_interval (the TSC rate itself) when the line has them, else its
// cycles ÷ ns (cycles are printed rounded, so this is less exact). A missing ptr_ring or slow is
// estimated by the E5-1650 v4's ratios (slow from ptr_ring when that was measured, else from fast),
// the way costTable.ts fills unpublished figures, and listed in `estimated`.
import { CPU_PROFILE_TABLE } from './costTable';
import type { CpuProfileData } from '../../scenario/cpuProfileData';
import type { BenchResult } from '../../doc/measuredDocument';

export class CalibrationError extends Error {}

const TESTS = {
  fast: ['tasklet_page_pool01_fast_path', 'no-softirq-page_pool01'],
  ptr_ring: ['tasklet_page_pool02_ptr_ring', 'no-softirq-page_pool02'],
  slow: ['tasklet_page_pool03_slow', 'no-softirq-page_pool03'],
} as const;

function pick(bench: BenchResult[], names: readonly string[]): BenchResult | undefined {
  for (const n of names) {
    const r = bench.find((b) => b.test === n);
    if (r) return r;
  }
  return undefined;
}

/** The TSC clock a result line implies, GHz. */
export function benchGhz(r: BenchResult): number {
  if (r.tsc_interval !== undefined && r.time_interval_ns !== undefined && r.time_interval_ns > 0)
    return r.tsc_interval / r.time_interval_ns;
  return r.cycles / r.ns;
}

export function calibrateProfile(bench: BenchResult[], name: string, sourceNote: string, label?: string): CpuProfileData {
  const fast = pick(bench, TESTS.fast);
  if (!fast)
    throw new CalibrationError(
      `no fast-path result (${TESTS.fast.join(' or ')}) in the bench output: the profile's costs all derive from it`,
    );
  if (!(fast.ns > 0) || !(fast.cycles > 0))
    throw new CalibrationError(`${fast.test}: ${fast.cycles} cycles ${fast.ns} ns cannot give a clock`);
  const ptr = pick(bench, TESTS.ptr_ring);
  const slow = pick(bench, TESTS.slow);
  const atomic = bench.find((b) => b.test === 'atomic_inc');
  const lock = bench.find((b) => b.test === 'lock');
  const e5 = CPU_PROFILE_TABLE['xeon-e5-1650-v4'];
  const estimated: CpuProfileData['estimated'] = [];
  const used = [fast, ptr, slow, atomic, lock].filter((r): r is BenchResult => !!r);
  const p: CpuProfileData = {
    name,
    ...(label ? { label } : {}),
    ghz: Number(benchGhz(fast).toFixed(4)),
    fast: fast.cycles,
    ptr_ring: ptr ? ptr.cycles : Math.round(fast.cycles * (e5.ptrRing / e5.fast)),
    // From ptr_ring when measured (the xeon-platinum-8580 rule of costTable.ts), else from fast.
    slow: slow ? slow.cycles : ptr ? Math.round(ptr.cycles * (e5.slow / e5.ptrRing)) : Math.round(fast.cycles * (e5.slow / e5.fast)),
    ...(atomic ? { atomic: atomic.cycles } : {}),
    ...(lock ? { lock: lock.cycles } : {}),
    source: `${sourceNote}: ${used.map((r) => `${r.test} ${r.cycles} cycles ${r.ns} ns`).join('; ')}`,
  };
  if (!ptr) estimated.push('ptr_ring');
  if (!slow) estimated.push('slow');
  if (estimated.length) p.estimated = estimated;
  if (p.ptr_ring < p.fast)
    throw new CalibrationError(
      `${ptr?.test}: ${p.ptr_ring} cycles is below the fast path's ${p.fast}; the ptr_ring loop includes a fast-path alloc, so the output looks wrong`,
    );
  if (p.slow < p.fast)
    throw new CalibrationError(
      `${slow?.test}: ${p.slow} cycles is below the fast path's ${p.fast}; the slow loop includes a fast-path alloc, so the output looks wrong`,
    );
  return p;
}
