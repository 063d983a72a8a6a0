// Responsiveness figures the end-to-end test reads: when Start was clicked and when a chart
// first drew samples of that run (performance.now() ms). Exposed on window for the test only.
export interface DrawTiming {
  clickedAt: number | null;
  samplesAt: number | null;
  firstDrawnAt: number;
}

const timings: Record<string, DrawTiming> = {};
(globalThis as { __wbDrawTimings?: Record<string, DrawTiming> }).__wbDrawTimings = timings;

export function markFirstDraw(runId: string, clickedAt: number | null, samplesAt: number | null): void {
  if (timings[runId]) return;
  // Two frames: the option is applied, then painted.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (!timings[runId]) timings[runId] = { clickedAt, samplesAt, firstDrawnAt: performance.now() };
    }),
  );
}
