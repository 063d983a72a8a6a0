// The scenario schema: the one authority for what a scenario file may say.
// Parsed values carry base units (ns, bytes, bit/s). Unknown keys are errors everywhere
// (`.strict()`): a typo must never be silently ignored.
import { z } from 'zod';
import { durationNs } from './fields';
import type { ProviderKind } from '../doc/names';
import { CPU_PROFILES, IOMMU_MODES, host } from './sections/host';
import { VARIANTS, nic } from './sections/nic';
import { traffic } from './sections/traffic';
import { consumer } from './sections/consumer';
import { event } from './sections/events';

export { DRIVERS, type DriverName } from '../doc/names';
export { CPU_PROFILES, IOMMU_MODES } from './sections/host';
export { VARIANTS, PP_FLAG_NAMES, DMA_DIRS, XDP_ACTIONS } from './sections/nic';
export { IO_RQ_MAX_ENTRIES } from './sections/provider';
export { FAIL_FUNCTIONS } from './sections/events';

/**
 * Names are shown in tables, file names and reports: no control characters (NUL, newline, …) and
 * no U+FFFD, which is what a reader leaves of bytes that were not valid UTF-8.
 */
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f\ufffd]*$/;
const PRINTABLE_MESSAGE =
  'must be printable text: no control characters (NUL, newline, tab…) and no U+FFFD (bytes that were not valid UTF-8)';

/** Scalar path → list of values, e.g. `variant: [page, netmem]`, `nics[0].ring: [256, 512]`. */
const compare = z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1));

export const scenarioSchema = z
  .object({
    name: z.string().min(1).regex(PRINTABLE, { message: PRINTABLE_MESSAGE }),
    description: z.string().optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe('seeds every random stream: same seed, same result'),
    duration: durationNs().refine((ns) => ns > 0 && ns <= 3600e9, { message: 'must be more than 0 and at most 1h' }),
    sample: durationNs()
      .default(1_000_000)
      .refine((ns) => ns >= 1000, { message: 'must be at least 1us' }),
    host: host.default({
      cpu: { profile: 'xeon-e5-1650-v4', cores: 16 },
      memory: { numa_nodes: 1, per_node: 64 * 1024 ** 3 },
      page_size: 4096,
      iommu: 'off',
    }),
    nics: z.array(nic).min(1).max(16),
    traffic: z.array(traffic).min(1).describe('what arrives on the wire, per NIC'),
    consumer: z.array(consumer).default([]).describe('the applications reading the received data, per NIC'),
    events: z.array(event).default([]).describe('timeline: each event runs at its `at`, in any order written'),
    compare: compare
      .optional()
      .describe('runs to compare: scalar path → values, e.g. variant: [page, netmem] or nics[0].ring: [256, 1024]'),
    series: z
      .enum(['full', 'decimated'])
      .optional()
      .describe(
        'full (the default): every sample is kept (refused when the series would exceed the memory budget); decimated: at most 8192 rows per column, ' +
          'each bucket of samples kept as its minimum then its maximum, so spikes survive; counters and totals stay exact',
      ),
    repeat: z.number().int().min(1).max(100).default(1).describe('runs per compare point, each with its own derived seed'),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type NicConfig = Scenario['nics'][number];
export type TrafficConfig = Scenario['traffic'][number];
export type ConsumerConfig = Scenario['consumer'][number];
export type ScenarioEvent = Scenario['events'][number];
export type PagePoolParamsConfig = NicConfig['page_pool'];
export type ProviderConfig = NonNullable<NicConfig['provider']>;
export type ZcrxConfig = Extract<ProviderConfig, { kind: 'zcrx' }>;
export type DmabufConfig = Extract<ProviderConfig, { kind: 'dmabuf' }>;
export type ReadLatency = ConsumerConfig['read_latency'];
export type CpuProfileName = (typeof CPU_PROFILES)[number];
export type Variant = (typeof VARIANTS)[number];
export type IommuMode = (typeof IOMMU_MODES)[number];

// The provider kinds the schema accepts are the contract's list, no more and no fewer.
type SameKinds = [ProviderConfig['kind']] extends [ProviderKind] ? ([ProviderKind] extends [ProviderConfig['kind']] ? true : false) : false;
const providerKindsMatch: SameKinds = true;
void providerKindsMatch;

// The run document's `scenario` is this type (shared/doc/scenarioType.ts).
declare module '../doc/scenarioType' {
  interface ScenarioTypeRegistry {
    scenario: Scenario;
  }
}
