// Property tests over random valid scenarios (fast-check): buffer conservation and determinism.
import { zcrxRunOf } from '../../shared/sim/providers/zcrx/zcrxRuntime';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../shared/scenario/schema';
import { runScenario, type RunOptions } from '../../shared/sim/engine/run';
import type { EngineApi } from '../../shared/sim/engine/engineApi';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { soleHolderView } from '../../shared/sim/stack/skbHolders';
import type { RunDocument } from '../../shared/doc/runDocument';
import { SKB_SLOTS } from '../../shared/sim/stack/skbTable';
import { nicChargedCycles } from '../../shared/sim/engine/cycleStagesResult';

const us = (n: number) => `${n}us`;

const latencyArb = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map(us),
  fc.integer({ min: 1, max: 200 }).map((m) => ({ exponential: { mean: us(m) } })),
  fc
    .integer({ min: 1, max: 100 })
    .chain((m) => fc.integer({ min: m, max: 5 * m }).map((p) => ({ lognormal: { median: us(m), p99: us(p) } }))),
);

type DriverSet = 'generic' | 'real' | 'mlx5' | 'zcrx' | 'mlx5-devmem' | 'mlx5-zcrx';

/** GVE DQO-RDA with header split and an io_uring zcrx interface queue on queue 1 (docs/model/zcrx.md). */
const zcrxNicArb = (i: number) =>
  fc.record({
    name: fc.constant(`eth${i}`),
    driver: fc.constant('gve'),
    mode: fc.constant('dqo-rda'),
    variant: fc.constant('netmem'),
    link: fc.constantFrom('10Gbit', '25Gbit', '100Gbit'),
    queues: fc.integer({ min: 2, max: 3 }),
    header_split: fc.constant(true),
    numa_node: fc.constantFrom(0, 1),
    provider: fc.record({
      kind: fc.constant('zcrx'),
      area_size: fc.constantFrom('1MiB', '4MiB', '32MiB'),
      queue: fc.constant(1),
      rq_entries: fc.constantFrom(64, 1000, 4096),
      cq_entries: fc.constantFrom(64, 1024),
      return: fc.record({ batch: fc.constantFrom(8, 1024), every: fc.constantFrom('5us', '50us') }),
    }),
  });

/**
 * mlx5 striding RQ with tcp-data-split (SHAMPO) and a memory provider on queue 1: a dma-buf or
 * an io_uring zcrx area (docs/model/drivers/mlx5.md#header-data-split-shampo).
 */
const mlx5ProviderNicArb = (i: number, kind: 'dmabuf' | 'zcrx') =>
  fc.record({
    name: fc.constant(`eth${i}`),
    driver: fc.constant('mlx5'),
    mode: fc.constant('striding'),
    variant: fc.constant('netmem'),
    link: fc.constantFrom('10Gbit', '25Gbit', '100Gbit'),
    queues: fc.integer({ min: 2, max: 3 }),
    mtu: fc.constantFrom(1500, 4000, 9000),
    header_split: fc.constant(true),
    numa_node: fc.constantFrom(0, 1),
    provider:
      kind === 'zcrx'
        ? fc.record({
            kind: fc.constant('zcrx'),
            area_size: fc.constantFrom('1MiB', '4MiB', '32MiB'),
            queue: fc.constant(1),
            rq_entries: fc.constantFrom(64, 1000, 4096),
            cq_entries: fc.constantFrom(64, 1024),
            return: fc.record({ batch: fc.constantFrom(8, 1024), every: fc.constantFrom('5us', '50us') }),
          })
        : fc.record({ kind: fc.constant('dmabuf'), size: fc.constantFrom('1MiB', '4MiB', '32MiB'), queues: fc.constant([1]) }),
  });

const nicArb = (i: number, drivers: DriverSet) =>
  drivers === 'zcrx'
    ? zcrxNicArb(i)
    : drivers === 'mlx5-devmem'
      ? mlx5ProviderNicArb(i, 'dmabuf')
      : drivers === 'mlx5-zcrx'
        ? mlx5ProviderNicArb(i, 'zcrx')
        : fc.record({
            name: fc.constant(`eth${i}`),
            // the real drivers check ring sizes their own way: they get their defaults
            driver:
              drivers === 'generic'
                ? fc.constant('generic')
                : drivers === 'mlx5'
                  ? fc.constant('mlx5')
                  : fc.constantFrom('gve', 'mlx4', 'mt76', 'hns3'),
            ...(drivers === 'mlx5' ? { mode: fc.constantFrom('striding', 'cyclic'), variant: fc.constantFrom('page', 'netmem') } : {}),
            link: fc.constantFrom('10Gbit', '25Gbit', '100Gbit'),
            queues: fc.integer({ min: 1, max: 3 }),
            ring: drivers === 'generic' ? fc.constantFrom(64, 128, 256, 1024) : fc.constant(undefined),
            xdp: fc.constantFrom('none', 'none', 'drop', 'pass'),
            numa_node: fc.constantFrom(0, 1),
            page_pool: fc.record({
              pool_size: fc.constantFrom(0, 1, 16, 64, 256),
              napi: fc.boolean(),
              order: fc.constantFrom(0, 0, 1),
              nid: fc.constantFrom(0, 1, 'NUMA_NO_NODE'),
            }),
            napi: fc.record({
              defer_hard_irqs: fc.constantFrom(0, 0, 2),
              gro_flush_timeout: fc.constantFrom('0us', '20us'),
              threaded: fc.boolean(),
            }),
          });

const trafficArb = (nic: string, queues: number) =>
  fc.record({
    nic: fc.constant(nic),
    rate: fc.oneof(
      fc.constant('line'),
      fc.integer({ min: 1, max: 20 }).map((g) => `${g}Gbit`),
      fc.integer({ min: 10, max: 2000 }).map((k) => `${k}kpps`),
    ),
    packet_size: fc.oneof(
      fc.integer({ min: 60, max: 9000 }),
      fc.constant('imix'),
      fc.constant({
        weighted: [
          { size: 64, weight: 1 },
          { size: 1518, weight: 3 },
        ],
      }),
    ),
    arrival: fc.oneof(fc.constantFrom('constant', 'poisson'), fc.constant({ on_off: { on: '200us', off: '300us' } })),
    flows: fc.integer({ min: 1, max: 6 }),
    steer_to: fc.option(fc.array(fc.integer({ min: 0, max: queues - 1 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    protocol: fc.constantFrom('tcp', 'udp'),
  });

const eventArb = fc.oneof(
  fc.record({
    at: fc.integer({ min: 0, max: 2000 }).map(us),
    memory_pressure: fc.record({
      node: fc.constant(0),
      allocate: fc.constantFrom('200MiB', '250MiB'),
      over: fc.constantFrom('0us', '500us'),
    }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 2000 }).map(us),
    memory_pressure: fc.record({ node: fc.constant(0), release: fc.constant('100MiB'), over: fc.constant('200us') }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 2000 }).map(us),
    consumer_stall: fc.record({ nic: fc.constant('eth0'), for: fc.integer({ min: 10, max: 1500 }).map(us) }),
  }),
  fc.record({ at: fc.integer({ min: 0, max: 2000 }).map(us), ifdown: fc.record({ nic: fc.constant('eth0') }) }),
  fc.record({ at: fc.integer({ min: 0, max: 2000 }).map(us), ifup: fc.record({ nic: fc.constant('eth0') }) }),
  fc.record({
    at: fc.integer({ min: 0, max: 2000 }).map(us),
    fail_function: fc.record({
      inject: fc.constantFrom('page_pool_alloc_netmems', 'none'),
      interval: fc.constantFrom(1, 7, 511),
      probability: fc.constantFrom(30, 100),
    }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 2000 }).map(us),
    dma_map_error: fc.record({ interval: fc.constantFrom(1, 8), times: fc.constantFrom(-1, 5) }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 2000 }).map(us),
    irq_affinity: fc.record({ nic: fc.constant('eth0'), queue: fc.constant(0), core: fc.integer({ min: 0, max: 3 }) }),
  }),
  fc.record({ at: fc.integer({ min: 0, max: 2000 }).map(us), unregister: fc.record({ nic: fc.constant('eth0') }) }),
  fc.record({ at: fc.integer({ min: 0, max: 2000 }).map(us), netns_exit: fc.constant({}) }),
);

const scenarioArb = (drivers: DriverSet): fc.Arbitrary<ScenarioInput> =>
  fc.integer({ min: 1, max: 2 }).chain((nNics) =>
    fc.tuple(...Array.from({ length: nNics }, (_, i) => nicArb(i, drivers))).chain(
      (nics) =>
        fc.record({
          name: fc.constant('property'),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          duration: fc.integer({ min: 500, max: 2500 }).map(us),
          sample: fc.constantFrom('100us', '250us', '1ms'),
          host: fc.record({
            cpu: fc.record({
              profile: fc.constantFrom(
                'xeon-e5-1650-v4',
                'epyc-9684x',
                'epyc-9684x-ibpb',
                'xeon-platinum-8580',
                'xeon-platinum-8481c',
                'seed-8-cycle',
              ),
              cores: fc.integer({ min: 4, max: 8 }),
            }),
            memory: fc.record({
              numa_nodes: fc.constant(2),
              per_node: fc.constant('256MiB'),
              watermarks: fc.constant({ min: '8MiB', low: '10MiB', high: '12MiB' }),
            }),
            iommu: fc.constantFrom('off', 'lazy', 'strict'),
          }),
          nics: fc.constant(nics),
          traffic: fc.tuple(...nics.map((n) => trafficArb(n.name, n.queues))),
          consumer: fc.tuple(
            ...nics.map((n) =>
              fc.record({
                nic: fc.constant(n.name),
                read_latency: latencyArb,
                free_on: fc.constantFrom('app_core', 'napi_core'),
                busy_poll: fc.option(
                  fc.record({ usecs: fc.constantFrom('5us', '50us'), budget: fc.constantFrom(8, 64), prefer_busy_poll: fc.boolean() }),
                  { nil: undefined },
                ),
              }),
            ),
          ),
          events: fc.array(eventArb, { maxLength: 4 }),
        }) as fc.Arbitrary<ScenarioInput>,
    ),
  );

/** How many places (posted descriptors, completions, skb frags) each ref occupies. */
function bufferPlaces(engine: EngineApi): Map<number, number> {
  const seen = new Map<number, number>();
  const add = (ref: number) => seen.set(ref, (seen.get(ref) ?? 0) + 1);
  engine.scenario.nics.forEach((nic, n) => {
    for (let q = 0; q < nic.queues; q++) {
      const ring = engine.queueDriver(n, q).ring;
      for (let i = 0; i < ring.posted; i++) add(ring.postedRef(i));
      for (let i = 0; i < ring.completions; i++) add(ring.cqRef[ring.cqSlot(i)]);
    }
  });
  const skbs = engine.skbs;
  for (let row = 0; row < skbs.capacity; row++) {
    for (let f = 0; f < skbs.nfrags[row]; f++) add(skbs.frags[row * SKB_SLOTS + f]);
  }
  return seen;
}

interface AreaPlaces {
  total: number;
  free: number;
  attached: number;
  fallback: number;
}

function zcrxAreaPlaces(engine: EngineApi): AreaPlaces[] {
  const run = zcrxRunOf(engine);
  if (!run) return [];
  const out: AreaPlaces[] = [];
  for (const st of run.nics.values()) {
    const ifq = st.ifq;
    if (!ifq) continue;
    const area = ifq.area;
    let attached = 0;
    let fallback = 0;
    for (let k = 0; k < area.numNiovs; k++) {
      if (engine.tables.niov.ppId[area.firstNiov + k] !== 0) attached++;
      if (area.fallback[k] === 1) fallback++;
    }
    out.push({ total: area.numNiovs, free: area.free, attached, fallback });
  }
  return out;
}

function withoutMeta(doc: RunDocument): string {
  const { meta: _meta, ...rest } = doc;
  return JSON.stringify(rest);
}

/** Run, treating a driver's refusal of its configuration (ring size, XDP support…) as a discard. */
function runOrDiscard(s: Scenario, opts: RunOptions = {}): RunDocument {
  try {
    return runScenario(s, opts);
  } catch (e) {
    if ((e as Error).name === 'DriverConfigError') fc.pre(false);
    throw e;
  }
}

function conservation(drivers: DriverSet, numRuns: number, seed: number): void {
  fc.assert(
    fc.property(scenarioArb(drivers), (input) => {
      const s = scenarioSchema.parse(input);
      let violations: string[] = [];
      let skbBalance = 0;
      let places = new Map<number, number>();
      let zcrxAreas: AreaPlaces[] = [];
      let staged = 0;
      let charged = 0;
      const doc = runOrDiscard(s, {
        inspect(engine: EngineApi) {
          // whose each sole reference is, from the containers: the skbs' frags, else the driver's
          violations = checkAllInvariants(engine.registry, engine.tables, soleHolderView(engine.skbs));
          skbBalance = engine.stack.delivered - engine.stack.freed - engine.skbs.live;
          places = bufferPlaces(engine);
          zcrxAreas = zcrxAreaPlaces(engine);
          for (let n = 0; n < engine.scenario.nics.length; n++) staged += nicChargedCycles(engine.cores, n);
          for (let c = 0; c < engine.cores.n; c++) charged += engine.cores.cycles[c];
        },
      });
      expect(violations).toEqual([]);
      expect(skbBalance).toBe(0);
      if (drivers === 'generic') {
        // the generic driver gives each descriptor its own buffer: no ref may be in two places
        // (real drivers legitimately split one page into frags held by ring and skbs at once)
        const twice = [...places.entries()].filter(([, n]) => n > 1);
        expect(twice).toEqual([]);
      }
      for (const p of doc.pools) {
        const a = p.accounting;
        expect(a.alloc_cache + a.ptr_ring + a.nic_ring + a.stack + a.user).toBe(p.inflight);
        expect(p.hold_cnt).toBeGreaterThanOrEqual(p.release_cnt);
        expect(p.inflight).toBe(p.hold_cnt - p.release_cnt);
      }
      for (const n of doc.nics) {
        expect(n.rx.packets + n.rx.drops.rx_missed).toBeLessThanOrEqual(n.rx.offered_packets);
      }
      // every net_iov of a zcrx area is in exactly one place: on the freelist, attached to a
      // page_pool, or holding copied data for the user
      for (const a of zcrxAreas) expect(a.free + a.attached + a.fallback).toBe(a.total);
      // every cycle the cores were charged counts in one NIC's stage (float sums in another order)
      expect(Math.abs(staged - charged)).toBeLessThanOrEqual(1e-9 * charged);
      for (const n of doc.nics) for (const v of Object.values(n.cycles_by_stage ?? {})) expect(v).toBeGreaterThanOrEqual(0);
    }),
    { numRuns, seed },
  );
}

function determinism(drivers: DriverSet, numRuns: number, seed: number): void {
  fc.assert(
    fc.property(scenarioArb(drivers), (input) => {
      const a = withoutMeta(runOrDiscard(scenarioSchema.parse(input)));
      const b = withoutMeta(runOrDiscard(scenarioSchema.parse(input)));
      expect(a).toBe(b);
    }),
    { numRuns, seed },
  );
}

describe('engine properties over random scenarios (generic driver)', () => {
  it('conserves buffers: invariants hold, accounting sums to inflight, hold ≥ release, skbs balance, no buffer in two places', () => {
    conservation('generic', 25, 20261122);
  });
  it('is deterministic: the same scenario and seed give the same document outside meta', () => {
    determinism('generic', 10, 4242);
  });
});

describe('engine properties over random scenarios (gve, mlx4, mt76, hns3)', () => {
  it('conserves buffers', () => {
    conservation('real', 20, 7);
  });
  it('is deterministic', () => {
    determinism('real', 8, 8);
  });
});

describe('engine properties over random scenarios (mlx5 striding and cyclic RQ, page and netmem)', () => {
  it('conserves buffers', () => {
    conservation('mlx5', 15, 13);
  });
  it('is deterministic', () => {
    determinism('mlx5', 6, 14);
  });
});

describe('engine properties over random scenarios (io_uring zcrx on GVE DQO-RDA)', () => {
  it('conserves buffers and area net_iovs', () => {
    conservation('zcrx', 15, 21);
  });
  it('is deterministic', () => {
    determinism('zcrx', 6, 22);
  });
});

describe('engine properties over random scenarios (mlx5 SHAMPO with a dma-buf bound: devmem)', () => {
  it('conserves buffers (data and header pools, binding net_iovs)', () => {
    conservation('mlx5-devmem', 12, 31);
  });
  it('is deterministic', () => {
    determinism('mlx5-devmem', 5, 32);
  });
});

describe('engine properties over random scenarios (mlx5 SHAMPO with an io_uring zcrx area)', () => {
  it('conserves buffers and area net_iovs', () => {
    conservation('mlx5-zcrx', 12, 33);
  });
  it('is deterministic', () => {
    determinism('mlx5-zcrx', 5, 34);
  });
});
