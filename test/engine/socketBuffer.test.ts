// Socket receive buffers (shared/sim/stack/socketBuffer.ts): TCP flow control through the
// receive window (sk_rcvbuf), UDP drops at a full socket (rcvbuf_errors), devmem tokens not charged.
import { pendingFrames } from '../../shared/sim/nic/pendingFrames';
import { describe, expect, it } from 'vitest';
import { run, scenario, scenarioFile } from './helpers';
import type { RunDocument } from '../../shared/doc/runDocument';
import type { ScenarioInput } from '../../shared/scenario/schema';
import { costTableFor } from '../../shared/sim/costs/costTable';
import { TCP_RMEM_MAX_DEFAULT, UDP_RMEM_DEFAULT } from '../../shared/sim/stack/socketBuffer';
import { MAX_SKB_FRAGS } from '../../shared/sim/stack/skbTable';
import { runScenario } from '../../shared/sim/engine/run';
import type { Simulation } from '../../shared/sim/engine/simulation';

const FRAME = 1518;
/** What one socket may hold past rcvbuf: the frame sent while just under it, and the skb GRO held open. */
const SLACK = FRAME + MAX_SKB_FRAGS * FRAME;

/** test/e2e/fixtures/conversion.yaml (GVE, 100 Gbit/s, 2 flows, 5 µs reads): there RSS puts both
 *  flows on queue 0, here they are steered there; one application core copies both. */
function slowReader(extra: Partial<ScenarioInput> = {}, consumer: Record<string, unknown> = {}): ScenarioInput {
  return {
    name: 'slow reader',
    seed: 7,
    duration: '100ms',
    sample: '1ms',
    nics: [{ name: 'eth0', driver: 'gve', variant: 'page', link: '100Gbit', queues: 2, ring: 1024 }],
    traffic: [{ nic: 'eth0', rate: 'line', packet_size: FRAME, flows: 2, steer_to: [0, 0] }],
    consumer: [{ nic: 'eth0', read_latency: '5us', ...consumer }],
    ...extra,
  };
}

function inflight(doc: RunDocument): number[] {
  const cols = Object.keys(doc.series.columns)
    .filter((k) => /^pool\/\d+\/inflight$/.test(k))
    .map((k) => doc.series.columns[k]);
  return doc.series.t_ns.map((_, i) => cols.reduce((s, c) => s + c[i], 0));
}

function secondHalf(doc: RunDocument, col: number[]): number[] {
  const half = doc.duration_ns / 2;
  return col.filter((_, i) => doc.series.t_ns[i] > half);
}

describe('TCP: the receive window bounds the socket queue', () => {
  const doc = run(scenario(slowReader()));
  const rx = doc.nics[0].rx;

  it('per-flow socket queue stays within rcvbuf (default tcp_rmem[2]) + one frame + one GRO skb', () => {
    expect(rx.peak_sock_bytes).toBeGreaterThan(TCP_RMEM_MAX_DEFAULT * 0.95);
    expect(rx.peak_sock_bytes).toBeLessThanOrEqual(TCP_RMEM_MAX_DEFAULT + SLACK);
    const q = doc.series.columns['nic/eth0/sock_queued_bytes'];
    for (const v of q) expect(v).toBeLessThanOrEqual(2 * (TCP_RMEM_MAX_DEFAULT + SLACK));
  });

  it('reaches a steady state: socket queue and page_pool inflight stop growing', () => {
    const q = secondHalf(doc, doc.series.columns['nic/eth0/sock_queued_bytes']);
    expect(Math.max(...q) - Math.min(...q)).toBeLessThan(0.02 * 2 * TCP_RMEM_MAX_DEFAULT);
    const pages = secondHalf(doc, inflight(doc));
    expect(Math.max(...pages) - Math.min(...pages)).toBeLessThan(200);
    // about one page per queued frame plus the rings: nowhere near the unbounded growth
    expect(Math.max(...pages)).toBeLessThan((2 * (TCP_RMEM_MAX_DEFAULT + SLACK)) / FRAME + 4 * 1024);
  });

  it('the sender is window-limited, not dropped: goodput = what the application cores can read', () => {
    expect(rx.window_limited_frames).toBeGreaterThan(0);
    expect(rx.drops.rcvbuf_errors).toBeUndefined();
    const wl = secondHalf(doc, doc.series.columns['nic/eth0/window_limited']);
    expect(wl.every((v) => v > 0)).toBe(true);
    // in steady state the NIC drops nothing: the window keeps the RX rings from overflowing
    expect(secondHalf(doc, doc.series.columns['nic/eth0/drop/rx_missed']).every((v) => v === 0)).toBe(true);
    // the application core is saturated by copy-to-user: received packets × app cycles ≈ 1 core
    const ghz = costTableFor('xeon-e5-1650-v4', 'page', 'off').ghz;
    const appBusy = (rx.packets * doc.nics[0].cpu.app_cycles_per_packet!) / ((ghz * 1e9 * doc.duration_ns) / 1e9);
    expect(appBusy).toBeGreaterThan(0.95);
    expect(appBusy).toBeLessThanOrEqual(1.001);
    // offered + window-limited = the source's slots at line rate
    expect(rx.offered_packets + rx.window_limited_frames!).toBeCloseTo((100e9 / ((FRAME + 20) * 8)) * 0.1, -2);
  });

  it("a smaller rcvbuf holds less; goodput is still the reader's", () => {
    const small = run(scenario(slowReader({}, { rcvbuf: '256KiB' })));
    expect(small.nics[0].rx.peak_sock_bytes).toBeLessThanOrEqual(256 * 1024 + SLACK);
    expect(small.nics[0].rx.gbps).toBeGreaterThan(rx.gbps * 0.9);
    const pages = secondHalf(small, inflight(small));
    expect(Math.max(...pages)).toBeLessThan(inflight(doc).at(-1)!);
  });

  it('is deterministic', () => {
    const again = run(scenario(slowReader()));
    expect(JSON.stringify({ ...again, meta: null })).toBe(JSON.stringify({ ...doc, meta: null }));
  });
});

describe('TCP: a fast reader is unaffected', () => {
  const fast = (rcvbuf?: string): RunDocument =>
    run(
      scenario({
        name: 'fast reader',
        seed: 3,
        duration: '20ms',
        sample: '1ms',
        nics: [{ name: 'eth0', link: '10Gbit', queues: 2, ring: 1024 }],
        traffic: [{ nic: 'eth0', flows: 4, packet_size: FRAME, rate: 'line', arrival: 'poisson' }],
        consumer: [{ nic: 'eth0', read_latency: { exponential: { mean: '50us' } }, ...(rcvbuf ? { rcvbuf } : {}) }],
      }),
    );

  it('never closes the window, and runs exactly as with an unlimited buffer', () => {
    const doc = fast();
    expect(doc.nics[0].rx.window_limited_frames).toBe(0);
    expect(doc.nics[0].rx.peak_sock_bytes).toBeLessThan(TCP_RMEM_MAX_DEFAULT / 10);
    const huge = fast('1GiB');
    expect(huge.nics[0].rx).toEqual(doc.nics[0].rx);
    expect(huge.pools).toEqual(doc.pools);
  });
});

describe('UDP: no flow control, a full socket drops (rcvbuf_errors)', () => {
  const udp = (consumer: Record<string, unknown> = {}): RunDocument =>
    run(
      scenario({
        ...slowReader({ duration: '30ms' }, consumer),
        traffic: [{ nic: 'eth0', rate: 'line', packet_size: FRAME, flows: 2, steer_to: [0, 1], protocol: 'udp' }],
      }),
    );

  it('drops at the socket past net.core.rmem_default, the sender is never held back', () => {
    const doc = udp();
    const rx = doc.nics[0].rx;
    expect(rx.window_limited_frames).toBe(0);
    expect(rx.drops.rcvbuf_errors).toBeGreaterThan(0);
    expect(rx.peak_sock_bytes).toBeLessThanOrEqual(UDP_RMEM_DEFAULT + FRAME);
    // every received packet was either read, dropped at the socket, or still queued
    const queued = doc.series.columns['nic/eth0/sock_queued'].at(-1)!;
    expect(rx.drops.rcvbuf_errors! + queued).toBeLessThanOrEqual(rx.packets);
    // dropped datagrams' buffers went back to page_pool: inflight stays bounded
    const pages = secondHalf(doc, inflight(doc));
    expect(Math.max(...pages) - Math.min(...pages)).toBeLessThan(200);
    expect(doc.series.columns['nic/eth0/drop/rcvbuf_errors'].reduce((s, v) => s + v, 0)).toBe(rx.drops.rcvbuf_errors);
  });

  it('an explicit rcvbuf applies to UDP sockets too', () => {
    const doc = udp({ rcvbuf: '4MiB' });
    expect(doc.nics[0].rx.peak_sock_bytes).toBeGreaterThan(UDP_RMEM_DEFAULT * 4);
    expect(doc.nics[0].rx.peak_sock_bytes).toBeLessThanOrEqual(4 * 1024 * 1024 + FRAME);
  });
});

describe('devmem: tokens held by the user are not charged to the socket', () => {
  it('token starvation: tokens pile up past rcvbuf but the window stays open', () => {
    const doc = run(scenarioFile('reference/devmem-token-starvation.yaml'));
    const nic = doc.nics[0];
    expect(nic.rx.window_limited_frames).toBe(0);
    expect(nic.devmem!.tokens_outstanding * 4096).toBeGreaterThan(TCP_RMEM_MAX_DEFAULT);
  });

  it('a slow devmem reader is window-limited like any TCP socket', () => {
    const s = scenarioFile('reference/gve-devmem-200g.yaml');
    const doc = run({ ...s, duration: 10e6, consumer: [{ ...s.consumer[0], read_latency: 300e3, rcvbuf: 1 << 20 }] });
    const rx = doc.nics[0].rx;
    expect(rx.window_limited_frames).toBeGreaterThan(0);
    expect(rx.peak_sock_bytes).toBeLessThanOrEqual((1 << 20) + SLACK);
  });
});

describe('window accounting never leaks', () => {
  it('ring bytes match the rings and socket charges match the sockets, through ifdown/ifup, XDP_DROP and a consumer stall', () => {
    const s = scenario({
      name: 'leak check',
      seed: 11,
      duration: '30ms',
      sample: '1ms',
      nics: [
        { name: 'eth0', driver: 'gve', link: '100Gbit', queues: 2, ring: 512 },
        { name: 'eth1', driver: 'mlx4', link: '40Gbit', queues: 1, ring: 512, xdp: 'drop' },
      ],
      traffic: [
        { nic: 'eth0', rate: 'line', packet_size: 'imix', flows: 3, arrival: 'poisson' },
        { nic: 'eth1', rate: 'line', packet_size: FRAME, flows: 2 },
      ],
      consumer: [{ nic: 'eth0', read_latency: '5us', rcvbuf: '512KiB' }],
      events: [
        { at: '5ms', consumer_stall: { nic: 'eth0', for: '3ms' } },
        { at: '10ms', ifdown: { nic: 'eth0' } },
        { at: '12ms', ifup: { nic: 'eth0' } },
      ],
    });
    let checked = false;
    const doc = runScenario(s, {
      inspect: (engine) => {
        const sim = engine as Simulation;
        for (const nic of sim.nics) {
          const room = sim.sockets.sendRoom[nic.idx];
          const chargedPerFlow = sim.sockets.charged[nic.idx];
          const inRing = new Float64Array(room.length);
          for (let q = 0; q < nic.cfg.queues; q++) {
            const ring = sim.qRing[nic.gqBase + q];
            for (const f of pendingFrames(ring)) inRing[f.flow] += f.frameLen;
          }
          // the room each flow has left is its window less what its socket and the rings hold
          const window = sim.sockets.sendWindow[nic.idx];
          expect(Array.from(room)).toEqual(Array.from(window, (w, f) => w - chargedPerFlow[f] - inRing[f]));
          const charged = Array.from(chargedPerFlow).reduce((a, b) => a + b, 0);
          expect(charged).toBe(sim.sockets.queuedBytes[nic.idx]);
          for (const v of chargedPerFlow) expect(v).toBeGreaterThanOrEqual(0);
        }
        checked = true;
      },
    });
    expect(checked).toBe(true);
    // the window closed during the stall and traffic came back after it and after ifup
    expect(doc.nics[0].rx.window_limited_frames).toBeGreaterThan(0);
    const rx = doc.series.columns['nic/eth0/rx_packets'];
    expect(rx.slice(-5).every((v) => v > 0)).toBe(true);
    expect(doc.nics[1].rx.window_limited_frames).toBe(0);
  });
});
