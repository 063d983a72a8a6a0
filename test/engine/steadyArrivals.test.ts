// A steady source (constant gaps, one frame size) arrives through the engine's steady loop
// (engine/arrivals.ts arriveSteady), which runs in WebAssembly (engine/wasm/arrivalLoopWasm.ts) over
// the rings' words, completion runs and send windows in the arena's memory. It must give exactly
// what the per-frame path gives (arriveUntil: TrafficSource.advance, LinkWire.offer): every series
// column and the final document, over random scenarios that also reach the loop's exits (window
// closed, ring full, frames over several descriptors, NIC down, the source's stop, a UDP socket
// dropping), and with header split (GVE DQO): frames split into a header buffer and one data buffer
// complete in the loop, the others go through the per-frame path.
import fc from 'fast-check';
import { pendingFrames } from '../../shared/sim/nic/pendingFrames';
import { describe, expect, it } from 'vitest';
import { assembleRunDocument } from '../../shared/sim/engine/assemble';
import { EV_SAMPLE } from '../../shared/sim/engine/eventKinds';
import { Sampler } from '../../shared/sim/engine/sampler';
import { Simulation } from '../../shared/sim/engine/simulation';
import { RUN_HDR_LEN } from '../../shared/sim/nic/completionRun';
import type { Scenario } from '../../shared/scenario/schema';
import { scenario } from './helpers';

/** The run document of `s`, through the steady loop or (steady false) the per-frame path. */
function runWith(s: Scenario, steady: boolean): { usesSteady: boolean; loopFrames: number; doc: unknown; pending: number[][] } {
  const sim = new Simulation(s);
  if (!steady) for (const src of sim.sources) Object.defineProperty(src, 'steady', { value: false });
  const usesSteady = sim.sources.length === 1 && sim.sources[0].steady;
  sim.start();
  const sampler = new Sampler(sim, { endNs: s.duration });
  sim.heap.push(Math.min(s.sample, s.duration), EV_SAMPLE, 0);
  // what a driver can read of the completions waiting in each ring, at every sample
  const pending: number[][] = [];
  sim.runUntil(s.duration, (t) => {
    sampler.sample(t);
    for (const ring of sim.qRing) {
      // the runs as records (frames, length, info, descriptors, buffer length, header bytes),
      // then each frame with its time and header buffer
      const row: number[] = [ring.runCount];
      for (let i = 0; i < ring.runCount; i++) {
        const r = ring.runAt(i);
        row.push(...ring.runRec.subarray(r, r + RUN_HDR_LEN + 1));
      }
      for (const f of pendingFrames(ring)) {
        row.push(f.slot, f.descs, f.frameLen, f.flow, f.hdrLen, f.time, f.hdrLen > 0 ? ring.cqHdrRef[f.slot] : -1);
      }
      pending.push(row);
    }
    if (t < s.duration) sim.heap.push(Math.min(t + s.sample, s.duration), EV_SAMPLE, 0);
  });
  const doc = assembleRunDocument(s, sim, sampler, { wallMs: 0, startedAt: '', node: '' });
  // frames the loop in WebAssembly completed (RxRing.steadyFrames; the per-frame path counts apart)
  const loopFrames = sim.qRing.reduce((n, ring) => n + ring.steadyFrames, 0);
  return { usesSteady, loopFrames, doc, pending };
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
        const fast = runWith(s, true);
        const slow = runWith(s, false);
        expect(fast.usesSteady).toBe(true);
        expect(slow.loopFrames).toBe(0);
        expect(slow.usesSteady).toBe(false);
        expect(fast.doc).toEqual(slow.doc);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('completes header-split frames as the per-frame path does (GVE DQO, with and without devmem)', () => {
    type Doc = { nics: { rx: { packets: number } }[] };
    fc.assert(
      fc.property(
        fc.record({
          // 1518 and 4000 B split into a header buffer and one data buffer (the loop's case), 9000 B
          // spans data buffers, 64 B is all header, 300 B stays whole over a threshold
          size: fc.constantFrom(64, 300, 1518, 1518, 4000, 9000),
          hdsThresh: fc.constantFrom(0, 0, 256, 1024),
          // QPL reads each descriptor's data length (RxRing.descLen), RDA its buffer; devmem needs RDA
          mode: fc.constantFrom<'dqo-rda' | 'dqo-qpl'>('dqo-rda', 'dqo-qpl'),
          devmem: fc.boolean(),
          share: fc.double({ min: 0.3, max: 1, noNaN: true }),
          ring: fc.constantFrom(64, 512),
        }),
        (p) => {
          const s = scenario({
            name: 'steady arrivals, header split',
            seed: 5,
            duration: '400us',
            sample: '50us',
            nics: [
              {
                name: 'eth0',
                driver: 'gve',
                variant: 'netmem',
                mode: 'dqo-rda',
                link: '100Gbit',
                queues: 2,
                ring: p.ring,
                mtu: 9000,
                header_split: true,
                hds_thresh: p.hdsThresh,
                ...(p.devmem ? { provider: { kind: 'dmabuf', size: '64MiB', queues: [0, 1] } } : {}),
              },
            ],
            traffic: [
              {
                nic: 'eth0',
                flows: 2,
                packet_size: p.size,
                protocol: 'tcp',
                arrival: 'constant',
                rate: `${Math.floor(100e3 * p.share)}Mbit`,
              },
            ],
            consumer: [
              {
                nic: 'eth0',
                read_latency: { fixed: '20us' },
                ...(p.devmem ? { dontneed: { batch: 128, every: '50us' } } : {}),
              },
            ],
          });
          const fast = runWith(s, true) as { usesSteady: boolean; loopFrames: number; doc: Doc; pending: number[][] };
          const slow = runWith(s, false) as { usesSteady: boolean; loopFrames: number; doc: Doc; pending: number[][] };
          expect(fast.usesSteady).toBe(true);
          // frames that fit one data buffer (after their header, when split) complete in the loop;
          // 9000 B (and 4000 B in RDA's buffers) span data buffers: the per-frame path's alone
          if (p.size <= 1518) expect(fast.loopFrames).toBeGreaterThan(0);
          expect(slow.loopFrames).toBe(0);
          expect(fast.doc.nics[0].rx.packets).toBeGreaterThan(0);
          expect(fast.doc).toEqual(slow.doc);
          // the ring as the driver sees it, data lengths of split frames included
          expect(fast.pending).toEqual(slow.pending);
        },
      ),
      { numRuns: 32, seed: 20261202 },
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
