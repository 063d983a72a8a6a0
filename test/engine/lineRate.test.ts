import { describe, expect, it } from 'vitest';
import { lineRatePps, wireBits, WIRE_OVERHEAD_BYTES } from '../../shared/sim/nic/lineRate';
import { run, scenario } from './helpers';

describe('line rate', () => {
  it('counts 20 bytes of preamble + IFG per frame', () => {
    expect(WIRE_OVERHEAD_BYTES).toBe(20);
    expect(wireBits(1518)).toBe(1538 * 8);
  });

  it('100 Gbit/s of 1518-byte frames is 8.127 Mpps', () => {
    expect(lineRatePps(100e9, 1518)).toBeCloseTo(8_127_438.2, 0);
    expect(lineRatePps(10e9, 64)).toBeCloseTo(14_880_952.4, 0); // the classic 14.88 Mpps
  });

  it('a constant line-rate source offers exactly that many frames', () => {
    const doc = run(
      scenario({
        name: 'line',
        duration: '2ms',
        nics: [{ name: 'eth0', link: '100Gbit', queues: 2, xdp: 'drop' }],
        traffic: [{ nic: 'eth0', flows: 2, packet_size: 1518, rate: 'line' }],
      }),
    );
    // arrivals at t = 0, T, 2T, … < 2 ms
    expect(doc.nics[0].rx.offered_packets).toBe(Math.ceil((2e-3 * 100e9) / (1538 * 8)));
    expect(doc.nics[0].rx.line_rate_share).toBeGreaterThan(0.99);
  });

  it('a bit rate counts wire bits; a packet rate counts frames', () => {
    const bits = run(
      scenario({
        name: 'bits',
        duration: '1ms',
        nics: [{ name: 'eth0', link: '100Gbit', xdp: 'drop' }],
        traffic: [{ nic: 'eth0', packet_size: 64, rate: '10Gbit' }],
      }),
    );
    expect(bits.nics[0].rx.offered_packets).toBe(Math.ceil((1e-3 * 10e9) / (84 * 8)));
    const pps = run(
      scenario({
        name: 'pps',
        duration: '1ms',
        nics: [{ name: 'eth0', link: '100Gbit', xdp: 'drop' }],
        traffic: [{ nic: 'eth0', packet_size: 64, rate: '2Mpps' }],
      }),
    );
    expect(pps.nics[0].rx.offered_packets).toBe(2000);
  });
});

describe('arrival processes', () => {
  const offered = (arrival: unknown, duration = '10ms') =>
    run(
      scenario({
        name: 'arrivals',
        duration,
        seed: 9,
        nics: [{ name: 'eth0', link: '100Gbit', xdp: 'drop', queues: 2 }],
        traffic: [{ nic: 'eth0', packet_size: 1518, rate: '1Mpps', arrival: arrival as never }],
      }),
    ).nics[0].rx.offered_packets;

  it('Poisson arrivals keep the mean rate (within 3 σ)', () => {
    const n = offered('poisson');
    expect(Math.abs(n - 10_000)).toBeLessThan(3 * Math.sqrt(10_000));
  });

  it('on/off sends at the rate during on periods only', () => {
    // 10 ms of 1 ms on / 3 ms off: on during [0,1) [4,5) [8,9) → 3 ms of 1 Mpps
    expect(offered({ on_off: { on: '1ms', off: '3ms' } })).toBe(3000);
  });

  it('IMIX line rate uses the mean wire size; the sender serializes, so the wire never exceeds the link', () => {
    const doc = run(
      scenario({
        name: 'imix',
        duration: '1ms',
        nics: [{ name: 'eth0', link: '10Gbit', xdp: 'drop' }],
        traffic: [{ nic: 'eth0', packet_size: 'imix', rate: 'line', arrival: 'constant' }],
      }),
    );
    const pps = 10e9 / ((4342 / 12 + 20) * 8);
    const rx = doc.nics[0].rx;
    // Scheduled at exactly the mean rate, frames of random size queue at the sender (a queue at
    // 100 % load): what reaches the wire trails the schedule by that backlog, never leads it.
    expect(rx.offered_packets).toBeLessThanOrEqual(Math.ceil(pps * 1e-3));
    expect(rx.offered_packets).toBeGreaterThan(0.95 * pps * 1e-3);
    // wire bits received never exceed the link's, but for the frame still on the wire at the end
    expect((rx.bytes + 20 * rx.packets) * 8).toBeLessThanOrEqual(10e9 * 1e-3 + 1538 * 8);
  });
});
