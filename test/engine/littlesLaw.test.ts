// Little's law: skbs (and their buffers) held by the application ≈ arrival rate × hold time.
import { describe, expect, it } from 'vitest';
import { run, scenario } from './helpers';
import { DRAIN_SPACING_NS, WHEEL_BUCKET_NS } from '../../shared/sim/consumer/wheelTiming';

function heldOnAverage(latency: unknown, meanNs: number) {
  const doc = run(
    scenario({
      name: 'little',
      seed: 3,
      duration: '30ms',
      sample: '100us',
      host: { cpu: { profile: 'xeon-e5-1650-v4', cores: 8 } },
      nics: [{ name: 'eth0', link: '10Gbit', queues: 2, ring: 1024 }],
      traffic: [{ nic: 'eth0', flows: 2, steer_to: [0, 1], packet_size: 1518, rate: 'line', arrival: 'poisson' }],
      consumer: [{ nic: 'eth0', read_latency: latency as never, app_cores: [4, 5] }],
    }),
  );
  const t = doc.series.t_ns;
  const q = doc.series.columns['nic/eth0/sock_queued'];
  let sum = 0,
    n = 0;
  for (let i = 0; i < t.length; i++)
    if (t[i] > 5e6) {
      sum += q[i];
      n++;
    }
  const lambda = doc.nics[0].rx.packets / (doc.duration_ns / 1e9);
  return { measured: sum / n, lambda, expected: lambda * (meanNs / 1e9), doc };
}

// A read happens at the end of its 1 µs wheel bucket and on the next consumer tick (every 2 µs):
// on average ≈ 0.5 + 1 µs after its drawn time. We allow that lag on top of the mean latency.
const LAG_NS = WHEEL_BUCKET_NS / 2 + DRAIN_SPACING_NS / 2;

describe("Little's law", () => {
  it('fixed 50 µs hold: socket queue ≈ λ × 50 µs (within 5 % after the reader lag)', () => {
    const { measured, lambda, doc } = heldOnAverage('50us', 50_000);
    const expected = (lambda * (50_000 + LAG_NS)) / 1e9;
    expect(measured).toBeGreaterThan(expected * 0.95);
    expect(measured).toBeLessThan(expected * 1.05);
    // every queued skb holds one page: the pools' `stack` share matches the socket queue at the end
    const stack = doc.pools.reduce((s, p) => s + p.accounting.stack, 0);
    const lastQueued = doc.series.columns['nic/eth0/sock_queued'].at(-1)!;
    expect(stack).toBe(lastQueued);
  });

  it('exponential hold, mean 100 µs: socket queue ≈ λ × mean (within 5 %)', () => {
    const { measured, lambda } = heldOnAverage({ exponential: { mean: '100us' } }, 100_000);
    const expected = (lambda * (100_000 + LAG_NS)) / 1e9;
    expect(measured).toBeGreaterThan(expected * 0.95);
    expect(measured).toBeLessThan(expected * 1.05);
  });
});
