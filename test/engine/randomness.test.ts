import { describe, expect, it } from 'vitest';
import { Prng } from '../../shared/sim/util/prng';
import { LatencySampler } from '../../shared/sim/consumer/latency';
import { EventHeap } from '../../shared/sim/util/eventHeap';
import { SizeDistribution, SIMPLE_IMIX } from '../../shared/sim/traffic/packetSizes';

describe('PRNG streams', () => {
  it('same seed and name give the same stream; another name another stream', () => {
    const a = new Prng(42, 'traffic/0'),
      b = new Prng(42, 'traffic/0'),
      c = new Prng(42, 'traffic/1');
    const xa = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xa);
  });
  it('uniform floats have mean 1/2', () => {
    const p = new Prng(1, 'u');
    let s = 0;
    for (let i = 0; i < 100_000; i++) s += p.nextFloat();
    expect(s / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('read-latency distributions', () => {
  const meanOf = (l: LatencySampler, n = 200_000) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += l.sample();
    return s / n;
  };
  it('exponential keeps its mean', () => {
    const l = new LatencySampler({ exponential: { mean: 50_000 } }, new Prng(1, 'x'));
    expect(meanOf(l) / 50_000).toBeCloseTo(1, 1);
  });
  it('lognormal by median and p99 hits both', () => {
    const l = new LatencySampler({ lognormal: { median: 20_000, p99: 200_000 } }, new Prng(2, 'y'));
    const xs = Array.from({ length: 200_000 }, () => l.sample()).sort((a, b) => a - b);
    expect(xs[100_000] / 20_000).toBeCloseTo(1, 1);
    expect(xs[198_000] / 200_000).toBeCloseTo(1, 1);
  });
  it('fixed is fixed', () => {
    const l = new LatencySampler(7000, new Prng(3, 'z'));
    expect(l.sample()).toBe(7000);
  });
});

describe('event heap', () => {
  it('pops in time order, ties in insertion order', () => {
    const h = new EventHeap(2);
    const p = new Prng(9, 'heap');
    for (let i = 0; i < 1000; i++) h.push(p.nextInt(50), 0, i);
    let lastT = -1,
      lastArg = -1;
    while (h.size > 0) {
      const t = h.peekTime(),
        a = h.peekArg();
      h.pop();
      expect(t).toBeGreaterThanOrEqual(lastT);
      if (t === lastT) expect(a).toBeGreaterThan(lastArg);
      lastT = t;
      lastArg = a;
    }
  });
});

describe('packet sizes', () => {
  it('simple IMIX 7:4:1 of 64/594/1518 has a mean of 361.8 bytes', () => {
    expect(new SizeDistribution(SIMPLE_IMIX).mean).toBeCloseTo(361.83, 2);
  });
});
