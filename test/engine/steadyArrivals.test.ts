// A steady source (constant gaps, one frame size) arrives through the engine's steady loop
// (engine/eventLoop.ts arriveSteady), which keeps the source's and the link's times in locals.
// It must give exactly what the per-frame path gives (arriveUntil: TrafficSource.advance,
// LinkWire.offer): every series column and the final document, over random scenarios that also
// reach the loop's exits (window closed, ring full, frames over several descriptors, NIC down,
// the source's stop, a UDP socket dropping).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleRunDocument } from '../../shared/sim/engine/assemble';
import { EV_SAMPLE } from '../../shared/sim/engine/eventKinds';
import { Sampler } from '../../shared/sim/engine/sampler';
import { Simulation } from '../../shared/sim/engine/simulation';
import type { Scenario } from '../../shared/scenario/schema';
import { scenario } from './helpers';

/** The run document of `s`, through the steady loop or (steady false) the per-frame path. */
function runWith(s: Scenario, steady: boolean): unknown {
  const sim = new Simulation(s);
  if (!steady) for (const src of sim.sources) Object.defineProperty(src, 'steady', { value: false });
  const usesSteady = sim.sources.length === 1 && sim.sources[0].steady;
  sim.start();
  const sampler = new Sampler(sim, { endNs: s.duration });
  sim.heap.push(Math.min(s.sample, s.duration), EV_SAMPLE, 0);
  sim.runUntil(s.duration, (t) => {
    sampler.sample(t);
    if (t < s.duration) sim.heap.push(Math.min(t + s.sample, s.duration), EV_SAMPLE, 0);
  });
  const doc = assembleRunDocument(s, sim, sampler, { wallMs: 0, startedAt: '', node: '' });
  return { usesSteady, doc };
}

interface Params {
  queues: number;
  ring: number;
  flows: number;
  size: number;
  share: number;
  protocol: 'tcp' | 'udp';
  rcvbuf: number;
  latencyUs: number;
  stopUs: number | null;
  ifdownUs: number | null;
  link: '10Gbit' | '100Gbit';
}

function build(p: Params): Scenario {
  const events =
    p.ifdownUs === null
      ? []
      : [
          { at: `${p.ifdownUs}us`, ifdown: { nic: 'eth0' } },
          { at: `${p.ifdownUs + 100}us`, ifup: { nic: 'eth0' } },
        ];
  const linkBps = p.link === '10Gbit' ? 10e9 : 100e9;
  return scenario({
    name: 'steady arrivals',
    seed: 3,
    duration: '600us',
    sample: '50us',
    nics: [{ name: 'eth0', driver: 'generic', link: p.link, queues: p.queues, ring: p.ring, mtu: 9000 }],
    traffic: [
      {
        nic: 'eth0',
        flows: p.flows,
        packet_size: p.size,
        protocol: p.protocol,
        arrival: 'constant',
        rate: `${Math.floor((linkBps / 1e6) * p.share)}Mbit`,
        ...(p.stopUs !== null ? { stop: `${p.stopUs}us` } : {}),
      },
    ],
    consumer: [{ nic: 'eth0', rcvbuf: p.rcvbuf, read_latency: { exponential: { mean: `${p.latencyUs}us` } } }],
    events,
  });
}

const params: fc.Arbitrary<Params> = fc.record({
  queues: fc.integer({ min: 1, max: 4 }),
  ring: fc.constantFrom(64, 128, 512),
  flows: fc.integer({ min: 1, max: 6 }),
  // 9000 B spans three 4 KiB descriptors: the ring's slow path
  size: fc.constantFrom(64, 1518, 9000),
  share: fc.double({ min: 0.2, max: 1, noNaN: true }),
  protocol: fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp'),
  rcvbuf: fc.constantFrom(16384, 212992, 6291456),
  latencyUs: fc.constantFrom(1, 20, 200),
  stopUs: fc.option(fc.integer({ min: 50, max: 550 }), { nil: null }),
  ifdownUs: fc.option(fc.integer({ min: 50, max: 400 }), { nil: null }),
  link: fc.constantFrom<'10Gbit' | '100Gbit'>('10Gbit', '100Gbit'),
});

describe('steady arrival loop', () => {
  it('gives the per-frame path’s document, series included, over random scenarios', () => {
    fc.assert(
      fc.property(params, (p) => {
        const s = build(p);
        const fast = runWith(s, true) as { usesSteady: boolean; doc: unknown };
        const slow = runWith(s, false) as { usesSteady: boolean; doc: unknown };
        expect(fast.usesSteady).toBe(true);
        expect(slow.usesSteady).toBe(false);
        expect(fast.doc).toEqual(slow.doc);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('reaches its exits on the way: a closed window and a full ring, each agreeing with the per-frame path', () => {
    type Doc = { nics: { rx: { window_limited_frames: number; drops: { rx_missed?: number } } }[] };
    const base: Params = {
      queues: 1,
      ring: 64,
      flows: 2,
      size: 1518,
      share: 1,
      protocol: 'tcp',
      rcvbuf: 16384,
      latencyUs: 200,
      stopUs: null,
      ifdownUs: null,
      link: '10Gbit',
    };
    const narrow = build(base);
    const w = runWith(narrow, true) as { doc: Doc };
    expect(w.doc.nics[0].rx.window_limited_frames).toBeGreaterThan(0);
    expect(w.doc).toEqual((runWith(narrow, false) as { doc: Doc }).doc);
    // 64-byte UDP frames at 10 Gbit/s (14.9 Mpps) on one queue: more than its NAPI core can poll
    const flood = build({ ...base, size: 64, protocol: 'udp', rcvbuf: 6291456, latencyUs: 1 });
    const f = runWith(flood, true) as { doc: Doc };
    expect(f.doc.nics[0].rx.drops.rx_missed ?? 0).toBeGreaterThan(0);
    expect(f.doc).toEqual((runWith(flood, false) as { doc: Doc }).doc);
  });
});
