// How much of the machine other workloads took while the e2e measured wall-clock figures: CPU
// time of every process (from /proc/stat) minus that of this test's own process tree (the test,
// the web host and its workers, Chromium). Load average is a lagging guess; this is what stole
// the CPU during the measurement itself. Linux only; elsewhere `others` is NaN.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_S = 100; // USER_HZ on Linux

function busyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: busy = all − idle − iowait
  return cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3] - cpu[4];
}

/** utime+stime (ticks) of `root` and all its descendants alive now, by pid. */
function treeTicks(root: number): Map<number, number> {
  const stat = new Map<number, { ppid: number; ticks: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      stat.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      /* exited meanwhile */
    }
  }
  const out = new Map<number, number>();
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === root) return true;
      p = stat.get(p)?.ppid ?? 0;
    }
    return false;
  };
  for (const [pid, s] of stat) if (inTree(pid)) out.set(pid, s.ticks);
  return out;
}

export interface CpuShare {
  /** cores' worth of CPU other processes used on average during the interval */
  others: number;
  /** cores' worth this test's process tree used */
  ours: number;
  seconds: number;
}

/** Start measuring; the returned function ends the interval. */
export function startCpuShare(root = process.pid): () => CpuShare {
  if (process.platform !== 'linux') {
    const t = performance.now();
    return () => ({ others: NaN, ours: NaN, seconds: (performance.now() - t) / 1000 });
  }
  const t0 = performance.now();
  const busy0 = busyTicks();
  const tree0 = treeTicks(root);
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const busy = busyTicks() - busy0;
    let ours = 0;
    // Processes that started during the interval count from zero; ones that exited are lost
    // (counted as others): the error errs towards excusing, never towards a false failure.
    for (const [pid, t] of treeTicks(root)) ours += t - (tree0.get(pid) ?? 0);
    const toCores = (ticks: number): number => ticks / TICKS_PER_S / Math.max(seconds, 1e-3);
    return { others: Math.max(0, toCores(busy - ours)), ours: toCores(ours), seconds };
  };
}

/** Wait up to `maxMs` for the 1-minute load average to fall to `perCore` per core (e.g. after vitest). */
export async function settleLoad(perCore: number, maxMs: number): Promise<number> {
  const cores = os.availableParallelism();
  const t = performance.now();
  while (os.loadavg()[0] / cores > perCore && performance.now() - t < maxMs) await new Promise((r) => setTimeout(r, 1000));
  return performance.now() - t;
}
