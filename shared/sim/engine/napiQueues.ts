// Per-queue NAPI state beyond the state byte the hot path reads (net/core/dev.c, 6.18;
// docs/model/napi.md), kept apart from the poll logic so the engine state can name its type.
import type { ConsumerConfig } from '../../scenario/schema';

/** NAPI_POLL_WEIGHT (include/linux/netdevice.h). */
export const NAPI_POLL_WEIGHT = 64;

/** Per-queue NAPI bookkeeping beyond the state byte the hot path reads. */
export class NapiQueues {
  /** work done by the queue's last poll (napi_complete_done's work_done) */
  readonly lastWork: Int32Array;
  /** napi->defer_hard_irqs_count */
  readonly deferCount: Int32Array;
  /** core an irq_affinity change moves the queue to once its running poll completes; -1 none */
  readonly pendingCore: Int32Array;
  /** polls scheduled by a device IRQ, and by the napi_watchdog hrtimer */
  readonly hardIrqs: Float64Array;
  readonly timerPolls: Float64Array;
  /** core a scheduled NAPI polls on until it completes when it is not the IRQ core (-1): a
   *  softirq or pinned napi->timer raised on the application core by busy_poll_stop */
  readonly pollCore: Int32Array;
  /** busy polling: the session ends when no frame came for busy_poll.usecs (ns) */
  readonly busyUntil: Float64Array;
  /** busy-poll iterations, frames they received (LINUX_MIB_BUSYPOLLRXPACKETS) */
  readonly busyPolls: Float64Array;
  readonly busyPackets: Float64Array;
  /**
   * One heap event at most per queue for napi->timer and for the busy loop, so that a stop and
   * restart never leaves two of them running: timerDue is when the armed timer fires (a re-arm
   * moves it), the pending flags say an event is in the heap.
   */
  readonly timerPending: Uint8Array;
  readonly timerDue: Float64Array;
  readonly busyPending: Uint8Array;
  /** per NIC: its consumer's busy_poll settings, null without */
  readonly busy: (ConsumerConfig['busy_poll'] | null)[] = [];
  /**
   * The queue's NIC settings that napi_complete_done reads, copied per queue (set once the NICs
   * are built): 1 when its consumer busy polls, napi_defer_hard_irqs, gro_flush_timeout (ns) and
   * the IRQ moderation time (ns). A completion reads them without going through its NIC's objects.
   */
  readonly busyPolling: Uint8Array;
  readonly deferHardIrqs: Int32Array;
  readonly groFlushTimeout: Float64Array;
  readonly irqCoalesce: Float64Array;
  /**
   * 1 while napi_complete_done is the IRQ re-enable alone: no busy polling (so no poll on another
   * core either), no napi_defer_hard_irqs (defer_hard_irqs_count stays 0), no IRQ move pending.
   */
  readonly plainComplete: Uint8Array;
  /** 1 when the queue's NIC runs threaded NAPI (a kthread per NAPI) */
  readonly threaded: Uint8Array;

  constructor(n: number) {
    this.pollCore = new Int32Array(n).fill(-1);
    this.timerPending = new Uint8Array(n);
    this.timerDue = new Float64Array(n);
    this.busyPending = new Uint8Array(n);
    this.busyUntil = new Float64Array(n);
    this.busyPolls = new Float64Array(n);
    this.busyPackets = new Float64Array(n);
    this.lastWork = new Int32Array(n);
    this.deferCount = new Int32Array(n);
    this.pendingCore = new Int32Array(n).fill(-1);
    this.hardIrqs = new Float64Array(n);
    this.timerPolls = new Float64Array(n);
    this.busyPolling = new Uint8Array(n);
    this.deferHardIrqs = new Int32Array(n);
    this.groFlushTimeout = new Float64Array(n);
    this.irqCoalesce = new Float64Array(n);
    this.threaded = new Uint8Array(n);
    this.plainComplete = new Uint8Array(n);
  }
}
