// The event loop of a simulation: heap events carry integer nanoseconds.
// Hot path (no heap event and no object per packet):
//  - each traffic source keeps its next arrival pre-generated; arrivals are dispatched inline
//    while they come before the heap's next event, straight into the RX ring's typed arrays;
//  - a NAPI poll is one heap event per (up to) 64 frames; while it runs, the NIC keeps writing
//    completions up to the polling core's clock (RxRing.pull), as hardware does;
//  - TCP segments merge into one GRO skb (a row of typed arrays) per flow and poll, so the
//    socket side works per skb, not per packet;
//  - application reads wait in per-core timing wheels drained by one consumer tick at most
//    every 2 µs; frees go straight into page_pool with the ExecContext of where they run.
import { EV_CALLBACK, EV_NAPI_COMPLETE, EV_POLL, EV_SAMPLE, EV_SCENARIO, EV_WHEEL } from './eventKinds';
import { arrive, arriveSteady, arriveUntil } from './arrivals';
import type { EventLoopState } from './eventLoopState';
import { steadyLaneOf, type SteadyLane } from './steadyLane';
import { napiComplete, napiPoll } from './napi';

export type { EventLoopState } from './eventLoopState';

/** The RX rings' pull: arrivals up to the running unit's current time (frames that came while a poll runs). */
export function makePullFn(sim: EventLoopState): () => void {
  // a steady single source's lane, made at the first pull (the run is set up by then): later
  // pulls go straight to it
  let lane: SteadyLane | null = null;
  return (): void => {
    const t = sim.cores.now();
    if (lane !== null) {
      lane.limit = t;
      arriveSteady(sim, lane, false);
      return;
    }
    const sources = sim.sources;
    const end = sim.endNs;
    if (sources.length === 1) {
      if (sources[0].steady) {
        lane = steadyLaneOf(sim);
        lane.limit = t;
        arriveSteady(sim, lane, false);
        return;
      }
      sim.arrivalLimit = t;
      arriveUntil(sim, 0, false);
      return;
    }
    const saved = sim.simNow;
    for (;;) {
      let best = -1;
      let bt = Infinity;
      for (let i = 0; i < sources.length; i++) {
        const nt = sources[i].nextT;
        if (nt < bt) {
          bt = nt;
          best = i;
        }
      }
      if (best < 0 || bt >= end || bt > t) break;
      sim.simNow = bt;
      arrive(sim, best);
    }
    sim.simNow = saved;
  };
}

/** Main loop from now to `until` (or the last event before it); the caller continues from there. */
export function runEventLoop(sim: EventLoopState, until: number, onSample: (t: number) => void): void {
  const heap = sim.heap;
  const sources = sim.sources;
  const nsrc = sources.length;
  // machine numbers once (as in arrivals.ts), not a field's or argument's tagged value per event
  const end = sim.endNs * 1;
  const untilNs = until * 1;
  const src0 = sources[0];
  const one = nsrc === 1;
  const lane = one && src0.steady ? steadyLaneOf(sim) : null;
  for (;;) {
    let th = heap.peekTime();
    // inline arrivals up to the next heap event (an arrival may push one: re-read the top)
    if (one) {
      const lim = th < untilNs ? th : untilNs;
      // most events follow another with no frame between them: the call (and its set-up) only
      // when the source's next frame is due
      const nt = src0.nextT;
      if (nt <= lim && nt < end) {
        if (lane !== null) {
          lane.limit = lim;
          arriveSteady(sim, lane, true);
        } else {
          sim.arrivalLimit = lim;
          arriveUntil(sim, 0, true);
        }
        th = heap.peekTime();
      }
    } else {
      for (;;) {
        let best = -1;
        let bt = Infinity;
        for (let i = 0; i < nsrc; i++) {
          const nt = sources[i].nextT;
          if (nt < bt) {
            bt = nt;
            best = i;
          }
        }
        if (best < 0 || bt >= end || bt > untilNs || bt > heap.peekTime()) break;
        sim.simNow = bt;
        arrive(sim, best);
      }
      th = heap.peekTime();
    }
    if (th > untilNs || heap.size === 0) {
      sim.simNow = until;
      return;
    }
    const kind = heap.peekKind();
    const arg = heap.peekArg();
    heap.pop();
    // the handlers read the event's time from sim.simNow, a float field: as a call's argument it
    // would be boxed (a heap number per event) once times pass 2^31 ns, where it is no longer a
    // small integer
    sim.simNow = th;
    switch (kind) {
      case EV_POLL:
        napiPoll(sim, arg >> 2, arg & 3);
        break;
      case EV_NAPI_COMPLETE:
        napiComplete(sim, arg);
        break;
      case EV_WHEEL:
        sim.consumer.tick();
        break;
      case EV_SAMPLE:
        onSample(th);
        break;
      case EV_SCENARIO:
        sim.scenarioEvent(arg);
        break;
      case EV_CALLBACK:
        sim.runCallback(arg);
        break;
      default:
        throw new Error(`unknown heap event kind ${kind}`);
    }
  }
}
