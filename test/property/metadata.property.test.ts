// Property tests over random scenarios of every driver, mode and variant (fast-check): the NIC
// hold meter agrees with a scan of what the NIC's pools and driver hold at the end of the run,
// and its peak is at most the sum of the per-pool peaks (plus the driver pages' peak) and at
// least their maximum; metadata bytes are the layout formula applied to that peak.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioSchema, type ScenarioInput } from '../../shared/scenario/schema';
import { runScenario } from '../../shared/sim/engine/run';
import type { EngineApi } from '../../shared/sim/engine/engineApi';
import type { PageAllocator } from '../../shared/sim/mm/pageAllocator';
import { HOLD_DRIVER, HOLD_NET_IOV, HOLD_POOL, NHOLD } from '../../shared/sim/metadata/holdMeter';
import type { RunDocument } from '../../shared/doc/runDocument';
import { checkRunMetadata } from '../metadata/expected';

const us = (n: number) => `${n}us`;
const MODES: Record<string, string[]> = {
  generic: ['page-per-frame'],
  gve: ['dqo-rda', 'dqo-qpl'],
  mlx4: ['page_pool', 'legacy'],
  mt76: ['mmio', 'usb'],
  hns3: ['page_pool', 'legacy'],
  mlx5: ['striding', 'cyclic'],
};

const nicArb = (i: number) =>
  fc.constantFrom(...Object.keys(MODES)).chain((driver) =>
    fc.record({
      name: fc.constant(`eth${i}`),
      driver: fc.constant(driver),
      mode: driver === 'generic' ? fc.constant(undefined) : fc.constantFrom(...MODES[driver]),
      variant: fc.constantFrom('page', 'netmem'),
      link: fc.constantFrom('10Gbit', '25Gbit'),
      queues: fc.integer({ min: 1, max: 3 }),
      xdp: fc.constantFrom('none', 'none', 'drop'),
    }),
  );

const scenarioArb: fc.Arbitrary<ScenarioInput> = fc.integer({ min: 1, max: 2 }).chain((nNics) =>
  fc.tuple(...Array.from({ length: nNics }, (_, i) => nicArb(i))).chain(
    (nics) =>
      fc.record({
        name: fc.constant('metadata property'),
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        duration: fc.integer({ min: 500, max: 2000 }).map(us),
        sample: fc.constant('250us'),
        host: fc.record({
          cpu: fc.record({ profile: fc.constant('xeon-e5-1650-v4'), cores: fc.integer({ min: 4, max: 8 }) }),
          iommu: fc.constantFrom('off', 'strict'),
        }),
        nics: fc.constant(nics),
        traffic: fc.tuple(
          ...nics.map((n) =>
            fc.record({
              nic: fc.constant(n.name),
              rate: fc.integer({ min: 1, max: 10 }).map((g) => `${g}Gbit`),
              packet_size: fc.constantFrom(64, 1518, 'imix'),
              flows: fc.integer({ min: 1, max: 6 }),
              protocol: fc.constantFrom('tcp', 'udp'),
            }),
          ),
        ),
        consumer: fc.tuple(
          ...nics.map((n) => fc.record({ nic: fc.constant(n.name), read_latency: fc.integer({ min: 0, max: 300 }).map(us) })),
        ),
        events: fc.array(
          fc.oneof(
            fc.record({ at: fc.integer({ min: 0, max: 1500 }).map(us), ifdown: fc.record({ nic: fc.constant('eth0') }) }),
            fc.record({ at: fc.integer({ min: 0, max: 1500 }).map(us), ifup: fc.record({ nic: fc.constant('eth0') }) }),
            fc.record({
              at: fc.integer({ min: 0, max: 1500 }).map(us),
              consumer_stall: fc.record({ nic: fc.constant('eth0'), for: fc.constant('300us') }),
            }),
          ),
          { maxLength: 3 },
        ),
      }) as fc.Arbitrary<ScenarioInput>,
  ),
);

/** Held buffers per meter class found by scanning the pools' counters and the page table. */
function scanHeld(engine: EngineApi, nic: number): Float64Array {
  const held = new Float64Array(NHOLD);
  for (const { pool, nic: n } of engine.pools) {
    if (n !== nic) continue;
    held[pool.provider ? HOLD_NET_IOV : HOLD_POOL + pool.params.order] += (pool.holdCnt - pool.releaseCnt) | 0;
  }
  const mm = engine.mm as PageAllocator;
  const owner = mm.registerDriverMeter(engine.nicHoldMeter(nic));
  const t = mm.table;
  for (let i = 0; i < t.used; i++) if (t.refcount[i] > 0 && t.driverOwner[i] === owner) held[HOLD_DRIVER + t.order[i]]++;
  return held;
}

describe('metadata properties over random scenarios of every driver', () => {
  it('the NIC meter matches a scan at the end; its peak lies between the largest part and the sum of the parts', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const s = scenarioSchema.parse(input);
        const mismatches: string[] = [];
        let doc: RunDocument;
        try {
          doc = runScenario(s, {
            inspect(engine) {
              s.nics.forEach((_, n) => {
                const meter = engine.nicHoldMeter(n);
                const scan = scanHeld(engine, n);
                for (let c = 0; c < NHOLD; c++)
                  if (scan[c] !== meter.cur[c]) mismatches.push(`nic ${n} class ${c}: meter ${meter.cur[c]}, scan ${scan[c]}`);
                if (meter.peakUnits < meter.units) mismatches.push(`nic ${n}: peak ${meter.peakUnits} below current ${meter.units}`);
              });
            },
          });
        } catch (e) {
          if ((e as Error).name === 'DriverConfigError') fc.pre(false);
          throw e;
        }
        expect(mismatches).toEqual([]);
        checkRunMetadata(doc, 'property');
      }),
      { numRuns: 20, seed: 18 },
    );
  }, 300_000);
});
