// A read-only view of sampled time series that works the same for a finished RunDocument
// (`seriesViewFromSeries`) and for a live run that is still streaming (`LiveSeries`).
// Column keys and facts are built by doc/seriesKeys.ts; select columns by those, not by taking keys apart.
import type { Series, SeriesColumnMeta } from '../../doc/runDocument';
import { columnFacts, type ColumnFacts, type SeriesEntity } from '../../doc/seriesKeys';

export interface SeriesView {
  /** number of samples currently held */
  readonly length: number;
  /** sample timestamps (end of each interval), ns */
  readonly t_ns: ArrayLike<number>;
  /** nominal sample interval, ns (the scenario's `sample`) */
  readonly sample_ns: number;
  /** the column's values, or undefined when the run has no such column */
  column(key: string): ArrayLike<number> | undefined;
  meta(key: string): SeriesColumnMeta | undefined;
  keys(): readonly string[];
}

/** View over a finished run's `series` (no copy). */
export function seriesViewFromSeries(series: Series, sample_ns: number): SeriesView {
  const metaByKey = new Map(series.meta.map((m) => [m.key, m] as const));
  const keys = Object.keys(series.columns);
  return {
    length: series.t_ns.length,
    t_ns: series.t_ns,
    sample_ns,
    column: (key) => series.columns[key],
    meta: (key) => metaByKey.get(key),
    keys: () => keys,
  };
}

/**
 * Accumulates streamed sample batches (RunSamplesEvent) into growable typed arrays.
 * Capacity doubles, so appending is amortised O(1) and the view hands out subarrays.
 */
export class LiveSeries implements SeriesView {
  private tBuf: Float64Array;
  private cols: Float64Array[];
  private n = 0;
  private readonly index: Map<string, number>;
  private readonly metaByKey: Map<string, SeriesColumnMeta>;
  private readonly keyList: string[];

  constructor(
    readonly columns: readonly SeriesColumnMeta[],
    readonly sample_ns: number,
    initialCapacity = 1024,
  ) {
    this.tBuf = new Float64Array(initialCapacity);
    this.cols = columns.map(() => new Float64Array(initialCapacity));
    this.index = new Map(columns.map((c, i) => [c.key, i] as const));
    this.metaByKey = new Map(columns.map((c) => [c.key, c] as const));
    this.keyList = columns.map((c) => c.key);
  }

  get length(): number {
    return this.n;
  }
  get t_ns(): Float64Array {
    return this.tBuf.subarray(0, this.n);
  }

  column(key: string): Float64Array | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.cols[i].subarray(0, this.n);
  }
  meta(key: string): SeriesColumnMeta | undefined {
    return this.metaByKey.get(key);
  }
  keys(): readonly string[] {
    return this.keyList;
  }

  /** Append one batch; `columns[i]` matches the i-th announced column. */
  append(t_ns: ArrayLike<number>, columns: readonly ArrayLike<number>[]): void {
    if (columns.length !== this.cols.length) {
      throw new Error(`sample batch has ${columns.length} columns, expected ${this.cols.length}`);
    }
    const add = t_ns.length;
    for (const c of columns) {
      if (c.length !== add) throw new Error(`sample batch column has ${c.length} values, expected ${add}`);
    }
    this.reserve(this.n + add);
    this.tBuf.set(t_ns, this.n);
    for (let i = 0; i < columns.length; i++) this.cols[i].set(columns[i], this.n);
    this.n += add;
  }

  private reserve(need: number): void {
    if (need <= this.tBuf.length) return;
    let cap = this.tBuf.length * 2;
    while (cap < need) cap *= 2;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.tBuf = grow(this.tBuf);
    this.cols = this.cols.map(grow);
  }
}

/** The facts of every column of the view that is about `entity`, one per column. */
export function columnsOf(view: SeriesView, entity: SeriesEntity): ColumnFacts[] {
  const out: ColumnFacts[] = [];
  for (const k of view.keys()) {
    const m = view.meta(k);
    const f = m ? columnFacts(m) : undefined;
    if (f && f.entity === entity) out.push(f);
  }
  return out;
}

/** The ids of the entities of one kind the view has columns of (NIC names, `<nic>/<q>`, pool ids …), in column order. */
export function entitiesInView(view: SeriesView, entity: SeriesEntity): string[] {
  return [...new Set(columnsOf(view, entity).map((f) => f.id))];
}

/**
 * The pools of a NIC (and one of its RX queues) by the facts of their columns; every pool when
 * no NIC is given. Documents written before columns carried facts have no pool owners: none match.
 */
export function poolsInView(view: SeriesView, nic?: string, queue?: number): string[] {
  const ids = new Set<string>();
  for (const f of columnsOf(view, 'pool')) {
    if (nic !== undefined && f.nic !== nic) continue;
    if (queue !== undefined && f.queue !== queue) continue;
    ids.add(f.id);
  }
  return [...ids];
}

/** Element-wise sum of several columns (missing ones skipped); undefined when none exist. */
export function sumColumns(view: SeriesView, keys: readonly string[]): Float64Array | undefined {
  let out: Float64Array | undefined;
  for (const k of keys) {
    const c = view.column(k);
    if (!c) continue;
    if (!out) out = new Float64Array(view.length);
    const n = Math.min(out.length, c.length);
    for (let i = 0; i < n; i++) out[i] += c[i];
  }
  return out;
}
