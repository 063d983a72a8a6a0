// `bpftrace -f json` output: one JSON object per line (or pretty-printed, one after another), each
// {"type": …, "data": …}. Maps print as type "map" (scalars or keyed values), histograms as "hist"
// or "lhist" (buckets {min, max, count}), stats() as "stats". Lines of other types (attached_probes,
// printf, time, …) carry no counter and are skipped. The page_pool tracepoints such scripts attach to
// are in include/trace/events/page_pool.h (page_pool_release, page_pool_state_release,
// page_pool_state_hold, page_pool_update_nid).
import { MeasuredParseError, type SourcePos } from './located';
import { isDict, parseLiteralStream, type Literal, type LiteralPositions } from './literal';
import type { MeasuredHistogram, MeasuredScalar } from '../doc/measuredDocument';

const COUNTER_TYPES = new Set(['map', 'hist', 'lhist', 'stats']);
const SKIPPED_TYPES = new Set([
  'attached_probes',
  'printf',
  'time',
  'join',
  'lost_events',
  'helper_error',
  'syscall',
  'cat',
  'value',
  'tseries',
  'errorf',
  'warnf',
]);

export interface BpftraceResult {
  histograms: MeasuredHistogram[];
  scalars: MeasuredScalar[];
}

interface Ctx {
  file: string;
  positions: LiteralPositions;
}

function fail(ctx: Ctx, container: object, key: string | number, at: SourcePos, expected: string, found: Literal): never {
  throw new MeasuredParseError(ctx.file, ctx.positions.of(container, key, at), expected, JSON.stringify(found)?.slice(0, 40) ?? 'nothing');
}

function num(ctx: Ctx, c: object, k: string | number, v: Literal | undefined, at: SourcePos, what: string): number {
  if (typeof v !== 'number') return fail(ctx, c, k, at, `a number for ${what}`, v ?? null);
  return v;
}

function buckets(ctx: Ctx, list: Literal, parent: object, key: string, at: SourcePos): MeasuredHistogram['buckets'] {
  if (!Array.isArray(list)) fail(ctx, parent, key, at, 'a list of {min, max, count} buckets', list);
  return list.map((b, i) => {
    if (!isDict(b) || !('count' in b)) return fail(ctx, list, i, at, 'a bucket {"min": …, "max": …, "count": …}', b);
    const min = 'min' in b ? num(ctx, b, 'min', b.min, at, 'min') : null;
    const max = 'max' in b ? num(ctx, b, 'max', b.max, at, 'max') : null;
    return { min, max, count: num(ctx, b, 'count', b.count, at, 'count') };
  });
}

function isBucketList(v: Literal): boolean {
  return Array.isArray(v);
}

export function parseBpftrace(text: string, file: string): BpftraceResult {
  const { values, positions } = parseLiteralStream(text, file);
  const ctx: Ctx = { file, positions };
  const out: BpftraceResult = { histograms: [], scalars: [] };
  let counted = 0;
  for (const { value: o, pos } of values) {
    if (!isDict(o) || typeof o.type !== 'string' || !('data' in o)) {
      throw new MeasuredParseError(file, pos, 'a bpftrace JSON line {"type": …, "data": …}', JSON.stringify(o).slice(0, 40));
    }
    if (SKIPPED_TYPES.has(o.type)) continue;
    if (!COUNTER_TYPES.has(o.type)) {
      throw new MeasuredParseError(
        file,
        positions.of(o, 'type', pos),
        `a bpftrace output type (map, hist, lhist, stats, or one of ${[...SKIPPED_TYPES].join(', ')})`,
        JSON.stringify(o.type),
      );
    }
    const data = o.data;
    if (!isDict(data)) fail(ctx, o, 'data', pos, 'an object of maps ({"@name": …})', data);
    for (const [map, v] of Object.entries(data)) {
      if (o.type === 'hist' || o.type === 'lhist') {
        if (isBucketList(v)) out.histograms.push({ map, key: null, buckets: buckets(ctx, v, data, map, pos) });
        else if (isDict(v))
          for (const [k, list] of Object.entries(v)) out.histograms.push({ map, key: k, buckets: buckets(ctx, list, v, k, pos) });
        else fail(ctx, data, map, pos, 'histogram buckets or keyed histograms', v);
      } else if (o.type === 'map') {
        // Maps of strings (kstack, str(): the leak scripts keep the last stack seen) are no counters.
        if (typeof v === 'number') out.scalars.push({ map, key: null, value: v });
        else if (typeof v === 'string') continue;
        else if (isDict(v)) {
          for (const [k, x] of Object.entries(v)) {
            if (typeof x === 'string') continue;
            out.scalars.push({ map, key: k, value: num(ctx, v, k, x, pos, `${map}[${k}]`) });
          }
        } else fail(ctx, data, map, pos, 'a number, a string or an object of keyed numbers', v);
      } else {
        const one = (k: string | null, s: Literal, parent: object, at: string) => {
          if (!isDict(s)) fail(ctx, parent, at, pos, 'a stats object {count, average, total}', s);
          for (const f of ['count', 'average', 'total'] as const) {
            if (f in s) out.scalars.push({ map: `${map}.${f}`, key: k, value: num(ctx, s, f, s[f], pos, f) });
          }
        };
        if (isDict(v) && 'count' in v) one(null, v, data, map);
        else if (isDict(v)) for (const [k, s] of Object.entries(v)) one(k, s, v, k);
        else fail(ctx, data, map, pos, 'a stats object', v);
      }
      counted++;
    }
  }
  if (counted === 0) throw new MeasuredParseError(file, { line: 1, column: 1 }, 'at least one map, hist, lhist or stats line', 'none');
  return out;
}
