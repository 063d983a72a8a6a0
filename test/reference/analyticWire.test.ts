// Analytic checks of the wire (docs/model/line-rate.md): the engine's counts against closed-form
// line-rate arithmetic at odd frame sizes and link speeds, and against the share an oversubscribed
// link can carry. Every frame costs (size + 20) × 8 bits: 8 B preamble/SFD + 12 B inter-frame gap.
import { describe, expect, it } from 'vitest';
import { run, scenario } from '../engine/helpers';

const wireBits = (size: number) => (size + 20) * 8;

describe('line-rate arithmetic at odd sizes and speeds', () => {
  const cases: [string, number, number][] = [
    ['2.5Gbit', 2.5e9, 777],
    ['25Gbit', 25e9, 1001],
    ['40Gbit', 40e9, 65],
    ['10Gbit', 10e9, 1519],
    ['100Gbit', 100e9, 9018],
  ];
  for (const [link, bps, size] of cases) {
    it(`${link}, ${size}-byte frames at line rate: ceil(T × link / wire bits) frames in T = 1 ms`, () => {
      const doc = run(
        scenario({
          name: 'odd',
          duration: '1ms',
          nics: [{ name: 'eth0', link, queues: 1, xdp: 'drop', mtu: 9000 }],
          traffic: [{ nic: 'eth0', packet_size: size, rate: 'line', arrival: 'constant' }],
        }),
      );
      const perMs = (1e-3 * bps) / wireBits(size);
      // arrivals at 0, T, 2T, … < 1 ms; the float schedule may land an ulp either side of the end
      expect(Math.abs(doc.nics[0].rx.offered_packets - Math.ceil(perMs))).toBeLessThanOrEqual(1);
      expect(doc.nics[0].rx.wire_dropped_frames).toBe(0);
    });
  }

  it('a packet rate below the link: rate × T frames (1.234 Mpps of 333 B on 10 Gbit/s, 3 ms)', () => {
    const doc = run(
      scenario({
        name: 'pps',
        duration: '3ms',
        nics: [{ name: 'eth0', link: '10Gbit', queues: 1, xdp: 'drop' }],
        traffic: [{ nic: 'eth0', packet_size: 333, rate: '1.234Mpps', arrival: 'constant' }],
      }),
    );
    // 3702 intervals fit exactly; the summed float schedule may put the 3703rd an ulp before the end
    expect(Math.abs(doc.nics[0].rx.offered_packets - 1.234e6 * 3e-3)).toBeLessThanOrEqual(1);
  });
});

describe('oversubscription', () => {
  it('3 × 7 Gbit/s into 10 Gbit/s: the link carries 10/21 of the frames, the far end drops 11/21', () => {
    const doc = run(
      scenario({
        name: 'over',
        duration: '4ms',
        seed: 9,
        nics: [{ name: 'eth0', link: '10Gbit', queues: 3, xdp: 'drop' }],
        traffic: [0, 1, 2].map((q) => ({
          nic: 'eth0',
          flows: 1,
          steer_to: [q],
          packet_size: 1518,
          rate: '7Gbit',
          arrival: 'constant' as const,
        })),
      }),
    );
    const rx = doc.nics[0].rx;
    const capacity = (4e-3 * 10e9) / wireBits(1518);
    const sent = rx.offered_packets + rx.wire_dropped_frames!;
    expect(Math.abs(sent - (21 / 10) * capacity) / sent).toBeLessThan(0.005);
    expect(rx.offered_packets).toBeLessThanOrEqual(Math.ceil(capacity));
    expect(rx.offered_packets).toBeGreaterThan(0.995 * capacity);
    expect(Math.abs(rx.wire_dropped_frames! / sent - 11 / 21)).toBeLessThan(0.005);
  });

  it('the same 21 Gbit/s from one source is refused before the run (traffic[0].rate)', async () => {
    const { parseScenario } = await import('../../shared/sim/validate/parse');
    const r = parseScenario('name: t\nduration: 1ms\nnics:\n  - { name: eth0, link: 10Gbit }\ntraffic:\n  - { nic: eth0, rate: 21Gbit }\n');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['traffic[0].rate: 21 Gbit/s exceeds the link of eth0 (10 Gbit/s)']);
  });
});
