// Latency of the live stream, measured: a real engine run whose wall clock is fake (each
// simulated chunk takes ENGINE_CHUNK_WALL_MS), feeding the host's coalescer as the run worker
// does (it forwards each report at once), whose output is appended to a LiveSeries as the
// renderer's store does. The host's timers fire while the engine runs, as they do in the host
// thread. Every sample's wait from the start of the chunk that took it to its arrival in the
// store must stay within the budget written in shared/doc/sampleStream.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import { SampleCoalescer } from '../../electron/host/sampleCoalescer';
import { LiveSeries } from '../../shared/report/charts/seriesView';
import { ENGINE_CHUNK_WALL_MS, STREAM_FLUSH_MS, STREAM_LATENCY_BUDGET_MS } from '../../shared/doc/sampleStream';

/** The engine's simulated chunk between two clock reads (shared/sim/engine/run.ts CHUNK_NS). */
const CHUNK_NS = 1_000_000;

const YAML = `
name: stream latency
seed: 1
duration: 1500ms
sample: 1ms
host:
  cpu: { profile: xeon-e5-1650-v4, cores: 2 }
nics:
  - { name: eth0, driver: generic, link: 10Gbit, queues: 1, ring: 256, xdp: drop }
traffic:
  - { nic: eth0, flows: 1, packet_size: 1518, rate: 100Mbit, arrival: constant, protocol: udp }
`;

describe('live stream latency', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a sample reaches the store within the budget, and the host sends at most one batch per STREAM_FLUSH_MS', () => {
    const parsed = parseScenario(YAML);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const start = Date.now();
    /** wall time at the end of each chunk (index k: chunk k + 1 done), from the engine's clock reads */
    const chunkEnd: number[] = [];
    let store: LiveSeries | null = null;
    const arrivals: { t_ns: number; at: number }[] = [];
    const sends: number[] = [];
    const host = new SampleCoalescer(
      {
        samples: (b) => {
          sends.push(Date.now());
          store!.append(b.t_ns, b.columns);
          for (const t of b.t_ns) arrivals.push({ t_ns: t, at: Date.now() });
        },
        progress: () => undefined,
        log: () => undefined,
      },
      STREAM_FLUSH_MS,
      () => Date.now(),
    );
    let reads = 0;
    runScenario(parsed.scenario, {
      // read once at the start, then once after each chunk: each chunk costs ENGINE_CHUNK_WALL_MS
      now: () => {
        if (reads++ > 0) {
          vi.advanceTimersByTime(ENGINE_CHUNK_WALL_MS);
          chunkEnd.push(Date.now());
        }
        return Date.now();
      },
      onStarted: (columns) => {
        store = new LiveSeries(columns, parsed.scenario.sample);
      },
      onSamples: (b) => host.samples(b),
    });
    vi.advanceTimersByTime(STREAM_FLUSH_MS);
    host.dispose();

    expect(store!.length).toBe(1500);
    let worst = 0;
    for (const a of arrivals) {
      const chunk = Math.ceil(a.t_ns / CHUNK_NS) - 1;
      const chunkStart = chunk === 0 ? start : chunkEnd[chunk - 1];
      worst = Math.max(worst, a.at - chunkStart);
    }
    expect(worst).toBeGreaterThan(STREAM_FLUSH_MS);
    expect(worst).toBeLessThanOrEqual(STREAM_LATENCY_BUDGET_MS);
    for (let i = 1; i < sends.length; i++) expect(sends[i] - sends[i - 1]).toBeGreaterThanOrEqual(STREAM_FLUSH_MS);
  });
});
