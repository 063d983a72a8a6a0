// Kinds of heap events. Per-packet work never goes through the heap: arrivals are dispatched
// inline, frees are drained from timing wheels in batches.
export const EV_POLL = 1; // arg = gq * 4 + POLL_REPOLL / POLL_IRQ / POLL_TIMER
export const EV_NAPI_COMPLETE = 2; // arg = gq
export const EV_WHEEL = 3; // arg = app wheel index
export const EV_SAMPLE = 4;
export const EV_SCENARIO = 5; // arg = index into scenario.events
export const EV_CALLBACK = 6; // arg = callback slot

/** NAPI state of a queue (RxRing.napiState). */
export const Q_ARMED = 0; // IRQ enabled, NAPI idle
export const Q_IRQ_PENDING = 1; // IRQ raised (moderation timer running)
export const Q_SCHEDULED = 2; // NAPI scheduled / polling
export const Q_STOPPED = 3; // queue stopped (ifdown)
export const Q_TIMER = 4; // napi_complete_done returned false: IRQ masked, napi->timer armed
export const Q_BUSY = 5; // the application polls it (napi_busy_loop): IRQ masked

/** Why a NAPI poll runs; EV_POLL's arg is gq * 4 + the reason. */
export const POLL_REPOLL = 0; // the last poll used its whole budget
export const POLL_IRQ = 1; // the device IRQ scheduled it
export const POLL_TIMER = 2; // napi_watchdog (gro_flush_timeout hrtimer) scheduled it
export const POLL_BUSY = 3; // one iteration of the application's napi_busy_loop
