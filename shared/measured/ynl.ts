// `ynl --family netdev --dump page-pool-get` / `page-pool-stats-get` output, in ynl's default
// Python pprint form or with --output-json. The schema is Documentation/netlink/specs/netdev.yaml
// (attribute sets `page-pool` and `page-pool-stats`, 6.18): attribute names are the spec's, with
// '-' read as '_' in the model (`alloc-fast` → alloc_fast, as runDocument's PP_STAT_NAMES).
// Several dumps in one file are snapshots; a bare number before a dump is its time in seconds
// (`date +%s.%N`), see docs/model/measured-data.md.
import { PP_STAT_NAMES, type PpStatName } from '../doc/runDocument';
import { MeasuredParseError, type SourcePos } from './located';
import { isDict, parseLiteralStream, type Literal, type LiteralPositions } from './literal';
import type { MeasuredPool, PartialStats, Snapshot } from '../doc/measuredDocument';

/** netdev.yaml attribute set `page-pool` (page-pool-get reply): name → what it holds. */
const PAGE_POOL_ATTRS = ['id', 'ifindex', 'napi-id', 'inflight', 'inflight-mem', 'detach-time', 'dmabuf', 'io-uring'] as const;
type PagePoolAttr = (typeof PAGE_POOL_ATTRS)[number];
/** netdev.yaml attribute set `page-pool-info` (the `info` nest of page-pool-stats). */
const INFO_ATTRS = ['id', 'ifindex'] as const;

const STAT_ATTR: Record<string, PpStatName> = Object.fromEntries(PP_STAT_NAMES.map((n) => [n.replace(/_/g, '-'), n]));

interface Ctx {
  file: string;
  positions: LiteralPositions;
}

function uint(ctx: Ctx, container: object, key: string, v: Literal, at: SourcePos): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new MeasuredParseError(
      ctx.file,
      ctx.positions.of(container, key, at),
      `an unsigned integer for '${key}' (netdev.yaml)`,
      JSON.stringify(v),
    );
  }
  return v;
}

function unknownAttr(ctx: Ctx, container: object, key: string, at: SourcePos, set: string, allowed: readonly string[]): never {
  throw new MeasuredParseError(
    ctx.file,
    ctx.positions.of(container, key, at),
    `an attribute of '${set}' (netdev.yaml: ${allowed.join(', ')})`,
    `'${key}'`,
  );
}

function poolEntry(ctx: Ctx, e: { [k: string]: Literal }, at: SourcePos): MeasuredPool {
  const pool: MeasuredPool = { id: -1, ifindex: null };
  for (const [k, v] of Object.entries(e)) {
    if (!(PAGE_POOL_ATTRS as readonly string[]).includes(k)) unknownAttr(ctx, e, k, at, 'page-pool', PAGE_POOL_ATTRS);
    const attr = k as PagePoolAttr;
    switch (attr) {
      case 'id':
        pool.id = uint(ctx, e, k, v, at);
        break;
      case 'ifindex':
        pool.ifindex = uint(ctx, e, k, v, at);
        break;
      case 'napi-id':
        pool.napi_id = uint(ctx, e, k, v, at);
        break;
      case 'inflight':
        pool.inflight = uint(ctx, e, k, v, at);
        break;
      case 'inflight-mem':
        pool.inflight_mem = uint(ctx, e, k, v, at);
        break;
      case 'detach-time':
        pool.detach_time = uint(ctx, e, k, v, at);
        break;
      case 'dmabuf':
        pool.dmabuf = uint(ctx, e, k, v, at);
        break;
      case 'io-uring':
        pool.io_uring = true;
        break;
    }
  }
  return pool;
}

function statsEntry(ctx: Ctx, e: { [k: string]: Literal }, at: SourcePos): MeasuredPool {
  const pool: MeasuredPool = { id: -1, ifindex: null, stats: {} };
  const stats: PartialStats = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'info') {
      if (!isDict(v))
        throw new MeasuredParseError(ctx.file, ctx.positions.of(e, k, at), "a nest {'id': …, 'ifindex': …} for 'info'", JSON.stringify(v));
      for (const [ik, iv] of Object.entries(v)) {
        if (ik === 'id') pool.id = uint(ctx, v, ik, iv, at);
        else if (ik === 'ifindex') pool.ifindex = uint(ctx, v, ik, iv, at);
        else unknownAttr(ctx, v, ik, at, 'page-pool-info', INFO_ATTRS);
      }
      continue;
    }
    const stat = STAT_ATTR[k];
    if (!stat) unknownAttr(ctx, e, k, at, 'page-pool-stats', ['info', ...Object.keys(STAT_ATTR)]);
    stats[stat] = uint(ctx, e, k, v, at);
  }
  pool.stats = stats;
  return pool;
}

function entry(ctx: Ctx, e: Literal, at: SourcePos): MeasuredPool {
  if (!isDict(e)) throw new MeasuredParseError(ctx.file, at, 'a page-pool dict', JSON.stringify(e).slice(0, 40));
  const pool = 'info' in e ? statsEntry(ctx, e, at) : poolEntry(ctx, e, at);
  if (pool.id < 0)
    throw new MeasuredParseError(
      ctx.file,
      at,
      "a page pool 'id' (page-pool-get) or 'info': {'id': …} (page-pool-stats-get)",
      'an entry without one',
    );
  return pool;
}

/** Parse a ynl dump file into snapshots (one per dump). */
export function parseYnl(text: string, file: string): Snapshot[] {
  const { values, positions } = parseLiteralStream(text, file);
  const ctx: Ctx = { file, positions };
  const snaps: Snapshot[] = [];
  let pendingT: number | null = null;
  for (const { value, pos } of values) {
    if (typeof value === 'number') {
      if (pendingT !== null) throw new MeasuredParseError(file, pos, 'a dump after the timestamp line before it', 'a second timestamp');
      pendingT = value;
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    const pools = list.map((e, i) => entry(ctx, e, positions.of(list, i, pos)));
    const seen = new Set<number>();
    for (let i = 0; i < pools.length; i++) {
      if (seen.has(pools[i].id))
        throw new MeasuredParseError(file, positions.of(list, i, pos), `one entry per pool id in a dump`, `pool id ${pools[i].id} twice`);
      seen.add(pools[i].id);
    }
    snaps.push({ stream: pools.some((p) => p.stats) ? 'ynl-page-pool-stats-get' : 'ynl-page-pool-get', t: pendingT, pools, devices: [] });
    pendingT = null;
  }
  if (snaps.length === 0)
    throw new MeasuredParseError(file, { line: 1, column: 1 }, 'a ynl page-pool-get or page-pool-stats-get dump', 'no dump');
  if (pendingT !== null) throw new MeasuredParseError(file, values[values.length - 1].pos, 'a dump after the timestamp', 'end of file');
  return snaps;
}
