// Cycle costs of the NAPI knobs (docs/model/napi.md), kept apart from the main cost table: they
// extend it for threaded NAPI. The device IRQ and the hrtimer interrupt that runs napi_watchdog
// share the table's `irq` entry (interrupt entry/exit and the softirq raise).
import type { CostTable } from './costTable';

export interface NapiCosts {
  /** threaded NAPI: wake_up_process of the napi/<dev>-<id> kthread from the IRQ, the switch into it and back out */
  napi_thread_wakeup: number;
  /** one napi_busy_loop iteration around the poll: BH off/on, skb_defer_free_flush, need_resched, cpu_relax */
  busy_poll_loop: number;
}

const cache = new Map<CostTable, NapiCosts>();

export function napiCosts(c: CostTable): NapiCosts {
  let n = cache.get(c);
  if (n === undefined) {
    const k = c.cpu.kernelScale;
    // ESTIMATE: try_to_wake_up + two context switches of a kernel thread on an idle-ish core,
    // ≈ 0.4 µs on the E5 (same scale as the table's `irq`, 1800 cycles ≈ 0.5 µs).
    // ESTIMATE: a few dozen instructions and one pause per busy-poll iteration.
    n = { napi_thread_wakeup: 1500 * k, busy_poll_loop: 100 * k };
    cache.set(c, n);
  }
  return n;
}
