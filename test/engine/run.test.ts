// runScenario's streaming contract: started columns, sample batches, events, progress, cancel.
import { describe, expect, it } from 'vitest';
import { runScenario, RunCancelled } from '../../shared/sim/engine/run';
import { scenario } from './helpers';

const s = scenario({
  name: 'stream',
  duration: '5ms',
  sample: '500us',
  nics: [{ name: 'eth0', link: '10Gbit', queues: 2 }],
  traffic: [{ nic: 'eth0', packet_size: 1518, flows: 2 }],
  events: [{ at: '1ms', consumer_stall: { nic: 'eth0', for: '1ms' } }],
});

describe('runScenario streaming', () => {
  it('streams every sample once, in the announced column order, and matches the document', () => {
    let columns: string[] = [];
    const t: number[] = [];
    const firstCol: number[] = [];
    let events = 0;
    let lastProgress = 0;
    const doc = runScenario(s, {
      onStarted: (c) => {
        columns = c.map((m) => m.key);
      },
      onSamples: (b) => {
        expect(b.columns.length).toBe(columns.length);
        t.push(...b.t_ns);
        firstCol.push(...b.columns[0]);
      },
      onEvents: (e) => {
        events += e.length;
      },
      onProgress: (p) => {
        expect(p.sim_ns).toBeGreaterThan(lastProgress);
        lastProgress = p.sim_ns;
      },
    });
    expect(t).toEqual(doc.series.t_ns);
    expect(t.at(-1)).toBe(5e6);
    expect(t.length).toBe(10);
    expect(firstCol).toEqual(doc.series.columns[columns[0]]);
    expect(columns).toEqual(doc.series.meta.slice(0, columns.length).map((m) => m.key));
    expect(events).toBe(doc.events.length);
    expect(lastProgress).toBe(5e6);
    expect(doc.meta.wall_ms).toBe(0); // no clock given: the engine reads none
  });

  it('cancels when asked', () => {
    let calls = 0;
    expect(() => runScenario(s, { shouldCancel: () => ++calls > 2 })).toThrow(RunCancelled);
  });

  it('fills meta from the injected clock only', () => {
    let now = 0;
    const doc = runScenario(s, { now: () => (now += 10), startedAt: '2026-01-01T00:00:00Z', nodeName: 'test' });
    expect(doc.meta.wall_ms).toBeGreaterThan(0);
    expect(doc.meta.started_at).toBe('2026-01-01T00:00:00Z');
    expect(doc.meta.realtime_factor).toBeGreaterThan(0);
  });
});
