// Series column keys and the facts each column carries (which NIC, queue, pool, node, binding;
// the pool's role; the counter). The sampler builds every column with these builders, and
// readers select columns by these facts or by a key built here, never by taking a key or a
// label apart. Key grammar (stable, it is in every run document and CSV header):
//   nic/<nic>/<counter>        queue/<nic>/<q>/<counter>   pool/<id>/<counter>
//   mem/<node>/<counter>       binding/<id>/<counter>      zcrx/<nic>/<counter>
//   provider/<kind>-<id>/<counter>
// `<counter>` may itself hold a slash (`drop/<reason>`, `napi/hard_irqs`, `qstat/rx-alloc-fail`,
// `cycles/<stage>`).
import type { PoolRole, SeriesColumnMeta, SeriesEntity, SeriesKind } from './runDocument';
import type { CycleStage } from './cycleStages';

export type { SeriesEntity };

/** Keys of the columns, by entity. */
export const seriesKey = {
  nic: (nic: string, counter: string): string => `nic/${nic}/${counter}`,
  nicDrop: (nic: string, reason: string): string => `nic/${nic}/drop/${reason}`,
  /** cycles charged for the NIC in one stage per sample interval (unit cycles, delta) */
  nicCycles: (nic: string, stage: CycleStage): string => `nic/${nic}/${stageCounter(stage)}`,
  queue: (nic: string, queue: number, counter: string): string => `queue/${nic}/${queue}/${counter}`,
  pool: (id: number | string, counter: string): string => `pool/${id}/${counter}`,
  mem: (node: number | string, counter: string): string => `mem/${node}/${counter}`,
  binding: (id: number | string, counter: string): string => `binding/${id}/${counter}`,
  zcrx: (nic: string, counter: string): string => `zcrx/${nic}/${counter}`,
  /** `instance` is providerInstance(kind, id) */
  provider: (instance: string, counter: string): string => `provider/${instance}/${counter}`,
} as const;

/** The counter of a NIC's cycles charged in one stage (doc/cycleStages.ts). */
export function stageCounter(stage: CycleStage): string {
  return `cycles/${stage}`;
}

/** The name of a memory provider instance in keys and facts: `<kind>-<id>`, e.g. `zcrx-0`. */
export function providerInstance(kind: string, id: number): string {
  return `${kind}-${id}`;
}

/** What every column states besides its key and facts. */
export interface ColumnShape {
  /** 'packets', 'bytes', 'pages', 'buffers', 'fraction', 'cycles', … */
  unit: string;
  kind: SeriesKind;
  label: string;
}

/** The pool a pool column belongs to. */
export interface PoolOwner {
  id: number;
  nic: string;
  queue: number;
  role: PoolRole;
}

/** Column metadata, key and facts together, by entity. */
export const seriesColumn = {
  nic: (nic: string, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.nic(nic, counter),
    ...c,
    entity: 'nic',
    nic,
    counter,
  }),
  queue: (nic: string, queue: number, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.queue(nic, queue, counter),
    ...c,
    entity: 'queue',
    nic,
    queue,
    counter,
  }),
  pool: (p: PoolOwner, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.pool(p.id, counter),
    ...c,
    entity: 'pool',
    pool: p.id,
    nic: p.nic,
    queue: p.queue,
    role: p.role,
    counter,
  }),
  mem: (node: number, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.mem(node, counter),
    ...c,
    entity: 'mem',
    node,
    counter,
  }),
  binding: (id: number, nic: string, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.binding(id, counter),
    ...c,
    entity: 'binding',
    binding: id,
    nic,
    counter,
  }),
  zcrx: (nic: string, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.zcrx(nic, counter),
    ...c,
    entity: 'zcrx',
    nic,
    counter,
  }),
  provider: (instance: string, nic: string, counter: string, c: ColumnShape): SeriesColumnMeta => ({
    key: seriesKey.provider(instance, counter),
    ...c,
    entity: 'provider',
    provider: instance,
    nic,
    counter,
  }),
} as const;

/** A column's facts: what it is about. */
export interface ColumnFacts {
  key: string;
  entity: SeriesEntity;
  /** the entity's id as the key writes it: NIC name, `<nic>/<q>`, pool id, node, binding id */
  id: string;
  counter: string;
  nic?: string;
  queue?: number;
  pool?: number;
  role?: PoolRole;
  node?: number;
  binding?: number;
  provider?: string;
}

const ENTITIES: readonly SeriesEntity[] = ['nic', 'queue', 'pool', 'mem', 'binding', 'zcrx', 'provider'];

/**
 * The facts of a column. Columns carry them since the facts were added to the metadata; for a
 * document written before, they are read back from the key by the grammar above (the inverse of
 * `seriesKey`), without the pool's NIC, queue and role, which such keys do not hold.
 */
export function columnFacts(m: SeriesColumnMeta): ColumnFacts | undefined {
  if (m.entity !== undefined && m.counter !== undefined) {
    const id =
      m.entity === 'queue'
        ? `${m.nic}/${m.queue}`
        : m.entity === 'pool'
          ? String(m.pool)
          : m.entity === 'mem'
            ? String(m.node)
            : m.entity === 'binding'
              ? String(m.binding)
              : m.entity === 'provider'
                ? String(m.provider)
                : String(m.nic);
    const f: ColumnFacts = { key: m.key, entity: m.entity, id, counter: m.counter };
    if (m.nic !== undefined) f.nic = m.nic;
    if (m.queue !== undefined) f.queue = m.queue;
    if (m.pool !== undefined) f.pool = m.pool;
    if (m.role !== undefined) f.role = m.role;
    if (m.node !== undefined) f.node = m.node;
    if (m.binding !== undefined) f.binding = m.binding;
    if (m.provider !== undefined) f.provider = m.provider;
    return f;
  }
  const parts = m.key.split('/');
  const entity = ENTITIES.find((e) => e === parts[0]);
  if (!entity) return undefined;
  const idParts = entity === 'queue' ? 2 : 1;
  if (parts.length < 2 + idParts) return undefined;
  const id = parts.slice(1, 1 + idParts).join('/');
  const counter = parts.slice(1 + idParts).join('/');
  const key = m.key;
  switch (entity) {
    case 'queue':
      return { key, entity, id, counter, nic: parts[1], queue: Number(parts[2]) };
    case 'pool':
      return { key, entity, id, counter, pool: Number(id) };
    case 'mem':
      return { key, entity, id, counter, node: Number(id) };
    case 'binding':
      return { key, entity, id, counter, binding: Number(id) };
    case 'provider':
      return { key, entity, id, counter, provider: id };
    case 'nic':
    case 'zcrx':
      return { key, entity, id, counter, nic: id };
  }
}
