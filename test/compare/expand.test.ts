import { describe, expect, it } from 'vitest';
import { deriveSeed, expandMatrix, MAX_COMPARE_RUNS } from '../../shared/sim/compare/expand';
import { parseScenario } from '../../shared/sim/validate/parse';
import { planCompare } from '../../shared/sim/compare/plan';

describe('compare matrix expansion', () => {
  it('is the cartesian product, first key slowest, point 0 = first values', () => {
    const { points, keys } = expandMatrix({ variant: ['page', 'netmem'], driver: ['mlx4', 'hns3', 'gve'] }, 42, 1);
    expect(keys).toEqual(['variant', 'driver']);
    expect(points.map((p) => p.label)).toEqual([
      'variant=page driver=mlx4',
      'variant=page driver=hns3',
      'variant=page driver=gve',
      'variant=netmem driver=mlx4',
      'variant=netmem driver=hns3',
      'variant=netmem driver=gve',
    ]);
    expect(points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(points[4].overrides).toEqual({ variant: 'netmem', driver: 'hns3' });
  });

  it('no matrix → one base point; repeat seeds: the first keeps the scenario seed, all distinct, same for every point', () => {
    const { points } = expandMatrix(undefined, 7, 4);
    expect(points).toHaveLength(1);
    expect(points[0].label).toBe('base');
    expect(points[0].seeds[0]).toBe(7);
    expect(new Set(points[0].seeds).size).toBe(4);
    const two = expandMatrix({ 'nics[0].ring': [256, 512] }, 7, 4).points;
    expect(two[0].seeds).toEqual(two[1].seeds);
    expect(deriveSeed(7, 1)).toBe(deriveSeed(7, 1));
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(8, 1));
  });

  it('refuses more runs than the limit and a bad repeat', () => {
    const many = Array.from({ length: 30 }, (_, i) => i);
    expect(() => expandMatrix({ a: many, b: many }, 1, 1)).toThrow(String(MAX_COMPARE_RUNS));
    expect(() => expandMatrix({ a: [1] }, 1, 0)).toThrow('repeat');
  });
});

const YAML = `
name: plan test
seed: 9
duration: 1ms
nics:
  - { name: eth0, driver: mlx4, link: 10Gbit, queues: 1 }
  - { name: eth1, driver: mlx4, link: 10Gbit, queues: 1 }
traffic:
  - { nic: eth0, rate: 1Gbit }
compare:
  variant: [page, netmem]
  nics[0].ring: [256, 512]
repeat: 2
`;

describe('compare plan', () => {
  it('applies bare keys to every NIC and paths to one; each run has one repeat, no matrix and its seed', () => {
    const r = parseScenario(YAML);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const plan = planCompare(r.doc, r.scenario);
    expect(plan.points).toHaveLength(4);
    expect(plan.runs).toHaveLength(8);
    const last = plan.runs[7];
    expect(last.point).toBe(3);
    expect(last.repeat).toBe(1);
    expect(last.scenario.nics.map((n) => n.variant)).toEqual(['netmem', 'netmem']);
    expect(last.scenario.nics[0].ring).toBe(512);
    expect(last.scenario.nics[1].ring).toBeUndefined();
    expect(last.scenario.compare).toBeUndefined();
    expect(last.scenario.repeat).toBe(1);
    expect(last.scenario.seed).toBe(plan.points[3].seeds[1]);
    expect(plan.runs[0].scenario.seed).toBe(9);
    expect(planCompare(r.doc, r.scenario, 3).runs).toHaveLength(12);
  });

  it('names the point when an override does not validate (mlx4 refuses a ring below MLX4_EN_MIN_RX_SIZE)', () => {
    const r = parseScenario(YAML.replace('nics[0].ring: [256, 512]', 'nics[0].ring: [256, 100]'));
    if (r.ok) {
      expect(() => planCompare(r.doc, r.scenario)).toThrow('nics[0].ring=100');
    } else {
      // The parser already checks compare values against the schema: the error names the path.
      expect(r.errors.map((e) => e.path).join(' ')).toContain('compare');
    }
  });
});
