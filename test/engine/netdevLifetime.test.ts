// Netdev unregister and netns exit in a run (docs/model/netdev-lifetime.md).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { run, scenarioFile } from './helpers';

const stalls = (doc: ReturnType<typeof run>) => doc.events.filter((e) => e.message.includes('stalled pool shutdown'));

describe('netdev-unregister.yaml', () => {
  it('orphaned at 1 s, poisoned at 30 s, warned at 61 s, freed at 71 s', () => {
    const doc = run(scenarioFile('netdev-unregister.yaml'));
    expect(doc.events.some((e) => Math.abs(e.t_ns - 1e9) < 1e6 && /pool 1 \(eth0\) orphaned with \d+ inflight/.test(e.message))).toBe(true);
    expect(doc.events.some((e) => Math.abs(e.t_ns - 30e9) < 1e6 && e.message.includes('NET_PTR_POISON'))).toBe(true);
    const w = stalls(doc);
    expect(w.length).toBe(1);
    expect(Math.abs(w[0].t_ns - 61e9)).toBeLessThan(1e6);
    const pool = doc.pools[0];
    expect(Math.abs(pool.destroy!.finished_ns! - 71e9)).toBeLessThan(1e6);
    expect(pool.visibility).toBe('gone');
    expect(pool.hold_cnt).toBe(pool.release_cnt);
  });

  it('visibility at the end: orphaned before the netns exit, invisible after it', () => {
    expect(run(scenarioFile('netdev-unregister.yaml', { duration: 20e9 })).pools[0].visibility).toBe('orphaned');
    expect(run(scenarioFile('netdev-unregister.yaml', { duration: 40e9 })).pools[0].visibility).toBe('invisible');
  });

  it('an orphan owned by lo never warns, however long it stalls', () => {
    const s = scenarioFile('netdev-unregister.yaml');
    const doc = run({ ...s, events: s.events.filter((e) => !('netns_exit' in e)) });
    expect(stalls(doc)).toEqual([]);
    expect(Math.abs(doc.pools[0].destroy!.finished_ns! - 71e9)).toBeLessThan(1e6);
  });

  it('an ifup at run time after the unregister creates no pool (the netdev is gone)', () => {
    const s = scenarioFile('netdev-unregister.yaml', { duration: 3e9 });
    // past validation, which refuses this file: the engine itself must not bring it back
    const doc = run({ ...s, events: [...s.events, { at: 2e9, ifup: { nic: 'eth0' } }] });
    expect(doc.pools.length).toBe(1);
  });
});

describe('validation', () => {
  it('an event for a NIC after its unregister is a located error', () => {
    const text = [
      'name: x',
      'duration: 1s',
      'nics: [{ name: eth0, link: 10Gbit }]',
      'traffic: [{ nic: eth0 }]',
      'events:',
      '  - { at: 500ms, ifup: { nic: eth0 } }',
      '  - { at: 100ms, unregister: { nic: eth0 } }',
      '  - { at: 50ms, ifdown: { nic: eth0 } }',
    ].join('\n');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: 'events[0].ifup.nic',
        line: 6,
        message: 'eth0 is unregistered at 100ms (events[1]) and never comes back',
      }),
    ]);
  });
});
