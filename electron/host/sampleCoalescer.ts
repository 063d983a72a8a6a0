// The one throttle of the live stream (latency budget: shared/doc/sampleStream.ts): merges the
// sample batches, progress reports and log events of one run and hands them on at most once per
// `flushMs` (STREAM_FLUSH_MS, 50 ms ⇒ ≤ 20 batches a second), whatever rate the worker produced.
// Order is kept: log events and samples of one flush go out before its progress report.
import type { EventRecord, RunProgress, SampleBatch } from '../../shared/doc/runDocument';
import { mergeBatches } from '../../shared/doc/sampleStream';

export interface CoalescedOutput {
  samples(batch: SampleBatch): void;
  progress(p: RunProgress): void;
  log(events: EventRecord[]): void;
}

export class SampleCoalescer {
  private batches: SampleBatch[] = [];
  private events: EventRecord[] = [];
  private lastProgress: RunProgress | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = -Infinity;

  constructor(
    private readonly out: CoalescedOutput,
    private readonly flushMs: number,
    private readonly now: () => number,
  ) {}

  samples(batch: SampleBatch): void {
    this.batches.push(batch);
    this.schedule();
  }
  progress(p: RunProgress): void {
    this.lastProgress = p;
    this.schedule();
  }
  log(events: EventRecord[]): void {
    for (const e of events) this.events.push(e);
    this.schedule();
  }

  /** Emit everything pending now (used before 'finished'). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastFlush = this.now();
    if (this.events.length > 0) {
      const ev = this.events;
      this.events = [];
      this.out.log(ev);
    }
    if (this.batches.length > 0) {
      const b = mergeBatches(this.batches);
      this.batches = [];
      this.out.samples(b);
    }
    if (this.lastProgress) {
      const p = this.lastProgress;
      this.lastProgress = null;
      this.out.progress(p);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.batches = [];
    this.events = [];
    this.lastProgress = null;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.flushMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }
}
