// The netlink view of pools (net/core/page_pool_user.c, reference §4.4): what
// `ynl --family netdev --do page-pool-get` / `--dump page-pool-get` and `page-pool-stats-get`
// would answer, attribute names as in Documentation/netlink/specs/netdev.yaml.
import { PP_STAT_NAMES, type PpStatName } from '../../doc/runDocument';
import { LOOPBACK_IFINDEX, type CreateResult, type PagePoolApi, type PagePoolRegistryApi } from './types';

export interface PagePoolNlInfo {
  id: number;
  /** omitted for orphaned pools (owned by lo, LOOPBACK_IFINDEX): page_pool_nl_fill skips it */
  ifindex?: number;
  /** non-strict inflight, as netlink reports it */
  inflight: number;
  'inflight-mem': number;
  /** seconds; only once destroy() detached the pool */
  'detach-time'?: number;
  dmabuf?: number;
}

export type PagePoolNlStats = { info: { id: number; ifindex?: number } } & Record<KebabStat, number>;
type KebabStat =
  | 'alloc-fast'
  | 'alloc-slow'
  | 'alloc-slow-high-order'
  | 'alloc-empty'
  | 'alloc-refill'
  | 'alloc-waive'
  | 'recycle-cached'
  | 'recycle-cache-full'
  | 'recycle-ring'
  | 'recycle-ring-full'
  | 'recycle-released-refcnt';

const kebab = (n: PpStatName): KebabStat => n.replace(/_/g, '-') as KebabStat;

/**
 * Listed = on a netdev's page_pools list (its own, or lo's once orphaned) and not yet unlisted by
 * the final destroy; no netdev at creation or NET_PTR_POISON means hlist_unhashed.
 */
function visible(pool: PagePoolApi): boolean {
  return pool.netdev > 0 && pool.state !== 'destroyed';
}

function ifindexAttr(pool: PagePoolApi): { ifindex?: number } {
  return pool.netdev === LOOPBACK_IFINDEX ? {} : { ifindex: pool.netdev };
}

function fill(pool: PagePoolApi): PagePoolNlInfo {
  const info: PagePoolNlInfo = { id: pool.id, ...ifindexAttr(pool), inflight: pool.inflight(), 'inflight-mem': pool.inflightMem() };
  const detach = pool.destroyInfo?.detach_time_ns;
  if (detach !== null && detach !== undefined) info['detach-time'] = Math.floor(detach / 1e9);
  if (pool.provider?.nlFill) Object.assign(info, pool.provider.nlFill(pool));
  return info;
}

/** page-pool-get do: -EINVAL without id, -ENOENT for unknown, destroyed or invisible pools. */
export function pagePoolGetDo(registry: PagePoolRegistryApi, id: number | undefined): CreateResult<PagePoolNlInfo> {
  if (id === undefined) return { ok: false, error: { errno: 'EINVAL', message: 'missing attribute: id' } };
  const pool = registry.get(id);
  if (!pool || !visible(pool)) return { ok: false, error: { errno: 'ENOENT', message: `page pool ${id} not found` } };
  return { ok: true, value: fill(pool) };
}

/** page-pool-get dump, optionally filtered by ifindex; in id order. */
export function pagePoolGetDump(registry: PagePoolRegistryApi, ifindex?: number): PagePoolNlInfo[] {
  return registry
    .all()
    .filter((p) => visible(p) && (ifindex === undefined || p.netdev === ifindex))
    .sort((a, b) => a.id - b.id)
    .map(fill);
}

function stats(pool: PagePoolApi): PagePoolNlStats {
  const out = { info: { id: pool.id, ...ifindexAttr(pool) } } as PagePoolNlStats;
  for (const n of PP_STAT_NAMES) out[kebab(n)] = pool.stats[n];
  return out;
}

/** page-pool-stats-get do: needs info.id; ifindex in a do is -EINVAL. */
export function pagePoolStatsGetDo(
  registry: PagePoolRegistryApi,
  info: { id?: number; ifindex?: number } | undefined,
): CreateResult<PagePoolNlStats> {
  if (!info) return { ok: false, error: { errno: 'EINVAL', message: 'missing attribute: info' } };
  if (info.ifindex !== undefined) return { ok: false, error: { errno: 'EINVAL', message: 'selecting by ifindex not supported' } };
  if (info.id === undefined) return { ok: false, error: { errno: 'EINVAL', message: 'missing attribute: info.id' } };
  const pool = registry.get(info.id);
  if (!pool || !visible(pool)) return { ok: false, error: { errno: 'ENOENT', message: `page pool ${info.id} not found` } };
  return { ok: true, value: stats(pool) };
}

export function pagePoolStatsGetDump(registry: PagePoolRegistryApi, ifindex?: number): PagePoolNlStats[] {
  return registry
    .all()
    .filter((p) => visible(p) && (ifindex === undefined || p.netdev === ifindex))
    .sort((a, b) => a.id - b.id)
    .map(stats);
}
