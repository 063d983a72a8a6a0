// The shape of a run or compare document read back from a file (`report run.json`): the right
// `format` line is not enough, every part a report reads must be there with its type. Extra
// fields are allowed (a newer minor version may add some); missing or mistyped ones are errors
// with their JSON path, so a truncated or hand-edited file is refused before any report is built.
import { z } from 'zod';
import { POOL_PROVIDERS } from './names';
import { COMPARE_FORMAT, type CompareDocument } from './compareDocument';
import { PP_STAT_NAMES, RUN_FORMAT, type RunDocument } from './runDocument';
import { CYCLE_STAGES } from './cycleStages';

const num = z.number();
const str = z.string();
const nums = z.array(num);
const tool = z.looseObject({ name: str, version: str });

const nicResult = z.looseObject({
  name: str,
  driver: str,
  variant: str,
  link_bps: num,
  queues: num,
  rx: z.looseObject({
    packets: num,
    bytes: num,
    gbps: num,
    mpps: num,
    line_rate_share: num,
    offered_packets: num,
    drops: z.record(str, num),
  }),
  cpu: z.looseObject({ cycles_per_packet: num, utilization: num, per_queue_utilization: nums }),
  driver_info: z.record(str, z.unknown()),
  cycles_by_stage: z.looseObject(Object.fromEntries(CYCLE_STAGES.map((k) => [k, num]))).optional(),
});

const poolResult = z.looseObject({
  id: num,
  nic: str,
  queue: num,
  role: z.enum(['data', 'header']),
  params: z.looseObject({
    order: num,
    pool_size: num,
    ring_size: num,
    flags: z.array(str),
    napi: z.boolean(),
    dma_dir: str,
    max_len: num,
    offset: num,
  }),
  provider: z.enum(POOL_PROVIDERS),
  stats: z.looseObject(Object.fromEntries(PP_STAT_NAMES.map((k) => [k, num]))),
  hold_cnt: num,
  release_cnt: num,
  inflight: num,
  inflight_mem: num,
  peak_inflight: num,
  accounting: z.looseObject({ alloc_cache: num, ptr_ring: num, nic_ring: num, stack: num, user: num }),
  destroy: z.union([z.null(), z.looseObject({ started_ns: num, finished_ns: num.nullable(), detach_time_ns: num.nullable() })]),
});

const memoryNode = z.looseObject({
  node: num,
  total_pages: num,
  free_pages: num,
  min_pages: num,
  low_pages: num,
  high_pages: num,
  pfmemalloc_allocs: num,
  alloc_failures: num,
});

const series = z
  .looseObject({
    t_ns: nums,
    columns: z.record(str, nums),
    meta: z.array(z.looseObject({ key: str, unit: str, kind: z.enum(['delta', 'gauge']), label: str })),
  })
  .superRefine((s, ctx) => {
    for (const [key, values] of Object.entries(s.columns)) {
      if (values.length !== s.t_ns.length) {
        ctx.addIssue({ code: 'custom', path: ['columns', key], message: `has ${values.length} values for ${s.t_ns.length} sample times` });
      }
    }
  });

const runDocument = z.looseObject({
  format: z.literal(RUN_FORMAT),
  tool,
  scenario: z.looseObject({ name: str, duration: num, nics: z.array(z.looseObject({ name: str })) }),
  seed: num,
  duration_ns: num,
  sample_ns: num,
  nics: z.array(nicResult),
  pools: z.array(poolResult),
  bindings: z.array(z.looseObject({ id: num })),
  memory: z.array(memoryNode),
  series,
  events: z.array(z.looseObject({ t_ns: num, level: z.enum(['info', 'warn', 'error']), source: str, message: str })),
  meta: z.looseObject({ wall_ms: num, started_at: str, node: str }),
});

const metricStat = z.looseObject({ n: num, mean: num, stddev: num, min: num, max: num, values: nums });
const compareDocument = z.looseObject({
  format: z.literal(COMPARE_FORMAT),
  tool,
  scenario_name: str,
  matrix: z.record(str, z.array(z.union([str, num, z.boolean()]))),
  repeat: num,
  points: z.array(z.looseObject({ index: num, label: str, overrides: z.record(str, z.union([str, num, z.boolean()])), seeds: nums })),
  runs: z.array(z.array(runDocument)),
  table: z.array(
    z.looseObject({
      metric: z.looseObject({ key: str, label: str, unit: str, group: str, better: z.enum(['higher', 'lower', 'none']) }),
      cells: z.array(z.looseObject({ stat: metricStat.nullable(), delta: z.looseObject({ abs: num, spread: num }).nullable() })),
    }),
  ),
  meta: z.looseObject({ wall_ms: num, workers: num, started_at: str }),
});

export type DocumentPath = (string | number)[];
export interface ShapeProblem {
  path: DocumentPath;
  message: string;
}

const EXPECTED: Record<string, string> = {
  object: 'an object',
  record: 'an object',
  array: 'a list',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
};

function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The first problems (at most `max`) of `data` as a run or compare document, by its format line. */
export function documentShapeProblems(data: unknown, max = 10): ShapeProblem[] {
  const format = (data as { format?: unknown } | null)?.format;
  const schema = format === COMPARE_FORMAT ? compareDocument : runDocument;
  const r = schema.safeParse(data);
  if (r.success) return [];
  return r.error.issues.slice(0, max).map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    const found = valueAt(data, i.path);
    const expected = i.code === 'invalid_type' ? (EXPECTED[i.expected] ?? `a ${i.expected}`) : '';
    const message =
      i.code !== 'invalid_type'
        ? i.message
        : found === undefined
          ? `missing; expected ${expected}`
          : `expected ${expected}, got ${kind(found)}`;
    return { path, message };
  });
}

export function isWellFormedDocument(data: unknown): data is RunDocument | CompareDocument {
  return documentShapeProblems(data, 1).length === 0;
}
