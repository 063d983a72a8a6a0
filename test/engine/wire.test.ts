// The wire never carries more than line rate (docs/model/line-rate.md): one source above its
// link is a located validation error; several sources on one NIC share the link, frames are
// serialized and the excess is dropped at the link's far end (wire_dropped), never received.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { run, scenario } from './helpers';

const yaml = (rate: string, link = '10Gbit', size = 1518) => `name: t
duration: 1ms
nics:
  - name: eth0
    link: ${link}
traffic:
  - { nic: eth0, packet_size: ${size}, rate: ${rate} }
`;

describe('a single source faster than its link is refused', () => {
  it('40 Gbit/s on a 10 Gbit/s link: traffic[0].rate, located', () => {
    const r = parseScenario(yaml('40Gbit'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: 'traffic[0].rate', line: 7, col: expect.any(Number), message: '40 Gbit/s exceeds the link of eth0 (10 Gbit/s)' },
    ]);
  });

  it('a packet rate is checked in wire bits: 14.89 Mpps of 64 B exceed 10 Gbit/s, 14.88 Mpps do not', () => {
    const over = parseScenario(yaml('14.89Mpps', '10Gbit', 64));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.errors[0].message).toBe('14890000 pps (10.01 Gbit/s on the wire) exceeds the link of eth0 (10 Gbit/s)');
    expect(parseScenario(yaml('14.88Mpps', '10Gbit', 64)).ok).toBe(true);
    expect(parseScenario(yaml('10Gbit')).ok).toBe(true);
  });
});

describe('several sources share one link', () => {
  const four = (arrival: 'constant' | 'poisson') =>
    run(
      scenario({
        name: 'oversubscribed',
        duration: '2ms',
        seed: 3,
        nics: [{ name: 'eth0', link: '10Gbit', queues: 4, xdp: 'drop' }],
        traffic: [0, 1, 2, 3].map((q) => ({ nic: 'eth0', flows: 1, steer_to: [q], packet_size: 1518, rate: '10Gbit', arrival })),
      }),
    );

  for (const arrival of ['constant', 'poisson'] as const) {
    it(`4 × 10 Gbit/s (${arrival}) into 10 Gbit/s: never above 100 % of line rate; the excess is wire_dropped, not offered`, () => {
      const doc = four(arrival);
      const nic = doc.nics[0];
      const perSource = (2e-3 * 10e9) / (1538 * 8);
      // frames are counted when they start: the last one may still be on the wire at the end
      expect(nic.rx.packets).toBeLessThanOrEqual(Math.ceil(perSource));
      expect(nic.rx.line_rate_share).toBeLessThanOrEqual(Math.ceil(perSource) / perSource);
      expect(nic.rx.line_rate_share).toBeGreaterThan(0.99);
      const sent = nic.rx.offered_packets + (nic.rx.wire_dropped_frames ?? 0);
      expect(Math.abs(sent - 4 * perSource) / (4 * perSource)).toBeLessThan(arrival === 'constant' ? 0.005 : 0.03);
      expect(nic.rx.wire_dropped_frames).toBeGreaterThan(2.9 * perSource);
    });
  }

  it('two 5 Gbit/s sources fill a 10 Gbit/s link without loss (they only wait for each other)', () => {
    const doc = run(
      scenario({
        name: 'shared',
        duration: '2ms',
        nics: [{ name: 'eth0', link: '10Gbit', queues: 2, xdp: 'drop' }],
        traffic: [0, 1].map((q) => ({
          nic: 'eth0',
          flows: 1,
          steer_to: [q],
          packet_size: 1518,
          rate: '5Gbit',
          arrival: 'constant' as const,
        })),
      }),
    );
    const perLink = (2e-3 * 10e9) / (1538 * 8);
    expect(doc.nics[0].rx.wire_dropped_frames).toBe(0);
    expect(doc.nics[0].rx.line_rate_share).toBeGreaterThan(0.99);
    expect(doc.nics[0].rx.packets).toBeLessThanOrEqual(Math.ceil(perLink));
  });
});
