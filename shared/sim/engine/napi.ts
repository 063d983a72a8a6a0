// The NAPI state machine of each RX queue (net/core/dev.c, 6.18; docs/model/napi.md): the poll
// (softirq on the IRQ core, or the napi/<dev>-<id> kthread when threaded), napi_complete_done
// with napi_defer_hard_irqs and gro_flush_timeout (IRQ kept masked, napi_watchdog hrtimer), and
// the move of a queue to another core when its IRQ affinity changes, and busy polling from the
// application core (napi_busy_loop, busy_poll_stop).
import {
  EV_NAPI_COMPLETE,
  EV_POLL,
  POLL_BUSY,
  POLL_IRQ,
  POLL_REPOLL,
  POLL_TIMER,
  Q_ARMED,
  Q_BUSY,
  Q_IRQ_PENDING,
  Q_SCHEDULED,
  Q_STOPPED,
  Q_TIMER,
} from './eventKinds';
import type { SimState as Simulation } from './simState';
import type { RxRing } from '../nic/rxRing';
import { NAPI_POLL_WEIGHT } from './napiQueues';
import { STAGE_IRQ_NAPI } from '../../doc/cycleStages';

/**
 * One NAPI poll of queue gq at the event's time (sim.simNow). Softirq NAPI runs in net_rx_action on the IRQ core with
 * napi->list_owner set to that core (page_pool_napi_local can recycle directly). Threaded NAPI
 * runs in its kthread with BH disabled: in_softirq() is true, but ____napi_schedule wakes the
 * thread without setting list_owner, so pp.napi does not make frees napi-local there.
 */
export function napiPoll(sim: Simulation, gq: number, reason: number): void {
  const t = sim.simNow;
  const ring = sim.qRing[gq];
  const st = ring.napiState;
  if (st === Q_STOPPED) return;
  const napi = sim.napi;
  if (reason === POLL_TIMER) {
    // re-armed for later since this event was pushed: wait for the new expiry
    if (t < napi.timerDue[gq]) {
      sim.heap.push(Math.ceil(napi.timerDue[gq]), EV_POLL, gq * 4 + POLL_TIMER);
      return;
    }
    napi.timerPending[gq] = 0;
    // napi_disable cancels the hrtimer, and napi_watchdog does nothing for a NAPI a busy poller took
    if (st !== Q_TIMER) return;
  }
  if (reason === POLL_BUSY) {
    busyPoll(sim, gq);
    return;
  }
  const pc = napi.pollCore[gq];
  const core = pc >= 0 ? pc : sim.qCore[gq];
  const cores = sim.cores;
  // cores.startTime without its result: t stays a machine number
  const busy = cores.busyUntil[core];
  if (busy > t) {
    if (reason === POLL_TIMER) {
      armTimer(sim, gq, busy);
      return;
    }
    sim.heap.push(Math.ceil(busy), EV_POLL, gq * 4 + reason);
    return;
  }
  ring.napiState = Q_SCHEDULED;
  const nicIdx = sim.qNic[gq];
  const costs = sim.nics[nicIdx].costs;
  const threaded = napi.threaded[gq] !== 0;
  cores.begin(core, t, true, !threaded, nicIdx);
  // the charges of cores.charge in the same order, summed in locals (the same roundings)
  const stage = cores.stageCycles;
  const cell = cores.stageRow + STAGE_IRQ_NAPI;
  let u = cores.unitCycles;
  let sc = stage[cell];
  if (reason !== POLL_REPOLL) {
    // hard IRQ (or the hrtimer interrupt running napi_watchdog) and what it schedules: the
    // NET_RX softirq, or a wake-up of the NAPI kthread and the switch to it
    const irq = costs.irq;
    u += irq;
    sc += irq;
    if (threaded) {
      const wake = costs.napi_thread_wakeup;
      u += wake;
      sc += wake;
    }
    if (reason === POLL_IRQ) napi.hardIrqs[gq]++;
    else napi.timerPolls[gq]++;
  }
  const poll = costs.napi_poll;
  cores.unitCycles = u + poll;
  stage[cell] = sc + poll;
  const defer = sim.deferList[core];
  while (defer.length > 0) sim.stack.freeSkb(defer.shift());
  ring.pull = sim.pullFn;
  const work = sim.qDriver[gq].napiPoll(NAPI_POLL_WEIGHT);
  ring.pull = null;
  sim.stack.groFlush(gq);
  const cyc = cores.unitCycles;
  cores.finish();
  const endT = cores.unitEnd;
  sim.qPollNs[gq] += endT - t;
  sim.qPollCycles[gq] += cyc;
  sim.qPolls[gq]++;
  napi.lastWork[gq] = work;
  const next = Math.ceil(endT);
  if (work >= NAPI_POLL_WEIGHT) sim.heap.push(next, EV_POLL, gq * 4 + POLL_REPOLL);
  else sim.heap.push(next, EV_NAPI_COMPLETE, gq);
}

/**
 * napi_complete_done(n, work_done) and the driver's IRQ re-enable. A poll that did work reloads
 * defer_hard_irqs_count from napi_defer_hard_irqs; while the count is above zero it is decremented
 * and, with gro_flush_timeout set, napi_complete_done returns false: the driver leaves its IRQ
 * masked and napi->timer fires napi_watchdog after gro_flush_timeout to poll again. Otherwise the
 * IRQ is re-enabled; a completion that came during the poll raises it once the moderation time
 * since that completion has passed (at once if it already has). gro_flush_timeout without
 * defer_hard_irqs only holds GRO packets in the kernel; the model flushes GRO at every poll's end.
 */
export function napiComplete(sim: Simulation, gq: number): void {
  const now = sim.simNow;
  const ring = sim.qRing[gq];
  if (ring.napiState === Q_STOPPED) return;
  const napi = sim.napi;
  if (napi.plainComplete[gq] !== 0) {
    irqRearm(sim, gq, ring);
    return;
  }
  if (napi.pendingCore[gq] >= 0) applyQueueCore(sim, gq, napi.pendingCore[gq]);
  if (napi.pollCore[gq] >= 0) {
    // the NAPI ran on the application core; its next schedule is by the IRQ, on the IRQ core
    napi.pollCore[gq] = -1;
    for (const p of sim.qDriver[gq].pools) p.napiOwnerMoved(sim.qCore[gq]);
  }
  if (napi.busyPolling[gq] !== 0 && napi.lastWork[gq] > 0) {
    // the application was handed data: its next recvmsg finds the socket empty and busy polls,
    // taking the NAPI before the IRQ is re-enabled or the timer fires
    napi.busyUntil[gq] = now + napi.busy[sim.qNic[gq]]!.usecs;
    ring.napiState = Q_BUSY;
    pushBusy(sim, gq, now);
    return;
  }
  reenable(sim, gq, ring, now);
}

/** The rest of napi_complete_done: IRQ deferral, or the driver re-enables its IRQ. */
function reenable(sim: Simulation, gq: number, ring: RxRing, now: number): void {
  const napi = sim.napi;
  const deferCount = napi.deferCount;
  if (napi.lastWork[gq] > 0) deferCount[gq] = napi.deferHardIrqs[gq];
  if (deferCount[gq] > 0) {
    deferCount[gq]--;
    const timeout = napi.groFlushTimeout[gq];
    if (timeout > 0) {
      ring.napiState = Q_TIMER;
      armTimer(sim, gq, now + timeout);
      return;
    }
  }
  irqRearm(sim, gq, ring);
}

/** The driver re-enables its IRQ at the event's time: raised at once, or after moderation, by a completion that came meanwhile. */
function irqRearm(sim: Simulation, gq: number, ring: RxRing): void {
  if (ring.completions > 0) {
    const now = sim.simNow;
    ring.napiState = Q_IRQ_PENDING;
    const irqAt = Math.ceil(ring.cqTime[ring.cqHead]) + sim.napi.irqCoalesce[gq];
    sim.heap.push(irqAt > now ? irqAt : now, EV_POLL, gq * 4 + POLL_IRQ);
  } else {
    ring.napiState = Q_ARMED;
  }
}

/**
 * One napi_busy_loop iteration on the application core: BH disabled, the driver polled with the
 * busy-poll budget, no list_owner (pp.napi frees are not napi-local), the application core pays.
 * napi_complete_done returns false while NAPI_STATE_IN_BUSY_POLL is set, so the IRQ stays masked.
 * When no frame came for `usecs` the loop ends (sk_busy_loop_end) and busy_poll_stop hands the
 * NAPI back: with prefer_busy_poll, napi->timer pinned to this core (defer_hard_irqs and
 * gro_flush_timeout); otherwise the IRQ is re-enabled.
 */
function busyPoll(sim: Simulation, gq: number): void {
  const t = sim.simNow;
  const napi = sim.napi;
  napi.busyPending[gq] = 0;
  const ring = sim.qRing[gq];
  if (ring.napiState !== Q_BUSY) return;
  const nic = sim.nics[sim.qNic[gq]];
  const busy = napi.busy[nic.idx]!;
  const core = sim.qAppCore[gq];
  const cores = sim.cores;
  const start = cores.startTime(core, t);
  if (start > t) {
    pushBusy(sim, gq, start);
    return;
  }
  cores.begin(core, t, true, false, nic.idx);
  cores.charge(STAGE_IRQ_NAPI, nic.costs.napi_poll + nic.costs.busy_poll_loop);
  ring.pull = sim.pullFn;
  const work = sim.qDriver[gq].napiPoll(busy.budget);
  ring.pull = null;
  sim.stack.groFlush(gq);
  const defer = sim.deferList[core];
  while (defer.length > 0) sim.stack.freeSkb(defer.shift());
  const cyc = cores.unitCycles;
  const endT = cores.end();
  sim.consumer.appCycles[nic.idx] += cyc;
  napi.busyPolls[gq]++;
  napi.busyPackets[gq] += work;
  if (work > 0) napi.busyUntil[gq] = endT + busy.usecs;
  if (endT < napi.busyUntil[gq]) {
    pushBusy(sim, gq, endT);
    return;
  }
  // busy_poll_stop
  napi.lastWork[gq] = 0;
  const cfg = nic.cfg.napi;
  if (busy.prefer_busy_poll && cfg.defer_hard_irqs > 0 && cfg.gro_flush_timeout > 0) {
    napi.deferCount[gq] = cfg.defer_hard_irqs;
    // the hrtimer is pinned to this CPU: napi_watchdog schedules the NAPI here (list_owner)
    napi.pollCore[gq] = core;
    for (const p of sim.qDriver[gq].pools) p.napiOwnerMoved(core);
    ring.napiState = Q_TIMER;
    armTimer(sim, gq, endT + cfg.gro_flush_timeout);
    return;
  }
  reenable(sim, gq, ring, endT);
}

/** hrtimer_start(&napi->timer): (re)arm it to fire at `due`. */
function armTimer(sim: Simulation, gq: number, due: number): void {
  const napi = sim.napi;
  napi.timerDue[gq] = due;
  if (napi.timerPending[gq] === 0) {
    napi.timerPending[gq] = 1;
    sim.heap.push(Math.ceil(due), EV_POLL, gq * 4 + POLL_TIMER);
  }
}

function pushBusy(sim: Simulation, gq: number, at: number): void {
  if (sim.napi.busyPending[gq] !== 0) return;
  sim.napi.busyPending[gq] = 1;
  sim.heap.push(Math.ceil(at), EV_POLL, gq * 4 + POLL_BUSY);
}

/**
 * The queue's IRQ now goes to `core` (/proc/irq/N/smp_affinity_list). A NAPI that is being
 * polled stays where it runs until napi_complete_done; the next IRQ, and the NAPI it schedules,
 * run on the new core (napi->list_owner follows).
 */
export function moveQueue(sim: Simulation, gq: number, core: number): void {
  if (sim.qRing[gq].napiState === Q_SCHEDULED) {
    sim.napi.pendingCore[gq] = core;
    sim.napi.plainComplete[gq] = 0;
  } else applyQueueCore(sim, gq, core);
}

export function applyQueueCore(sim: Simulation, gq: number, core: number): void {
  const napi = sim.napi;
  napi.pendingCore[gq] = -1;
  napi.plainComplete[gq] = napi.busyPolling[gq] === 0 && napi.deferHardIrqs[gq] === 0 ? 1 : 0;
  const old = sim.qCore[gq];
  if (old === core) return;
  sim.qCore[gq] = core;
  // skbs deferred to the old core are freed there (skb_defer_free_flush from its softirq)
  sim.flushDeferred(old);
  for (const p of sim.qDriver[gq].pools) p.napiOwnerMoved(core);
  const rt = sim.nics[sim.qNic[gq]];
  sim.log(
    'info',
    rt.cfg.name,
    `queue ${sim.qIdx[gq]}: NAPI now runs on core ${core} (node ${sim.cpuNodeOf[core]}), was core ${old} (node ${sim.cpuNodeOf[old]})`,
  );
}
