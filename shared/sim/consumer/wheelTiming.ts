// The consumer's time grid: the timing wheel's bucket (consumer/timingWheel.ts) and the consumer
// tick's spacing and batch window (consumer/consumer.ts). A module of literals only, with no
// imports: the ahead-of-time build (scripts/aotBuild.mjs) folds such constants into the code that
// uses them, where a constant of a module with imports stays a module variable.
export const WHEEL_SHIFT = 10;
/** a bucket of the timing wheel: 1024 ns */
export const WHEEL_BUCKET_NS = 1 << WHEEL_SHIFT;
/** buckets ahead of the cursor (≈ 4.2 ms); later items wait in the overflow heap */
export const NBUCKETS = 4096;
/** the wheel's ring slots wrap with this mask: NBUCKETS − 1 (checked in timingWheel.ts) */
export const WHEEL_SLOT_MASK = 4095;
/** 32-bit words of the wheel's bitmap of non-empty slots: NBUCKETS / 32 */
export const WHEEL_BUSY_WORDS = 128;
/** How far ahead of `now` a backlogged core may run queued reads in one batch (ns). */
export const BATCH_WINDOW_NS = 2 * WHEEL_BUCKET_NS;
/**
 * Reads are drained by one consumer tick for all application cores, at most every 2 µs of
 * simulated time (and only while reads are pending): a read happens within ~2 µs after its drawn
 * time, and the heap sees ~500 000 ticks per simulated second instead of one event per packet.
 */
export const DRAIN_SPACING_NS = 2 * WHEEL_BUCKET_NS;
