// Conservation checks for property tests and debug runs (not for the hot path: they scan the
// buffer tables). Each returns a list of violations; empty means the invariants hold:
//  - every cache / ring entry is distinct, owned by its pool, and marked as the pool's (PLACE_POOL:
//    the container says which of the two, so no buffer may be in both);
//  - every table entry owned by a pool is in exactly the cache, the ring, or OUT, and the number
//    of owned entries equals the strict inflight (hold - release);
//  - accounting() sums to inflight and its per-holder counts match a recount;
//  - hold >= release;
//  - pp_ref_count: 1 for cached / ring entries (with no holder); for OUT entries it equals the sum
//    of holder references, except the pool's current frag page (BIAS_MAX - frag_users + holders);
//  - a sole reference (netmem/places.ts STATE_OUT_SOLE) has pp_ref_count 1, and the pool's count
//    of buffers in the counted form matches. Whose a sole reference is, the driver's or the
//    stack's, is read off the containers: given `soleHolder` (the engine's skb table,
//    stack/skbHolders.ts), the per-holder counts are checked buffer by buffer; without it, the
//    sole references must make up exactly what the counted ones leave of nic_ring + stack.
import type { NetmemDescTable } from '../netmem/descTable';
import type { NetmemTables } from '../netmem/netmemTables';
import { netIovToNetmem, pageToNetmem, netmemIndex } from '../netmem/netmemRef';
import { OUT_COUNTED, OUT_STRIDE, PLACE_FREE, PLACE_NAMES, PLACE_OUT, PLACE_POOL, type Holder } from '../netmem/places';
import type { PagePool } from './pagePool';
import type { PagePoolApi, PagePoolRegistryApi } from './types';

/** Whose a sole reference is: the holder of the container that holds the buffer. */
export type SoleHolderView = (ref: number) => Holder;

export function checkPoolInvariants(pool: PagePool, tables: NetmemTables, soleHolder?: SoleHolderView): string[] {
  const errs: string[] = [];
  const p = `pool ${pool.id}`;
  const seen = new Set<number>();
  const where = (ref: number, t: NetmemDescTable, what: string): void => {
    const i = netmemIndex(ref);
    if (ref === 0) errs.push(`${p}: empty slot inside the ${what}`);
    else if (seen.has(ref)) errs.push(`${p}: netmem ${ref} appears twice in cache/ring`);
    else if (t.ppId[i] !== pool.id) errs.push(`${p}: ${what} holds netmem ${ref} owned by pool ${t.ppId[i]}`);
    else if (t.placeOf(i) !== PLACE_POOL) errs.push(`${p}: netmem ${ref} is in the ${what} but marked ${PLACE_NAMES[t.placeOf(i)]}`);
    else if (!t.ppRefEquals(i, 1)) errs.push(`${p}: idle netmem ${ref} in the ${what} has pp_ref_count ${t.ppRefCount(i)}`);
    else if (t.holdTotal(i) !== 0) errs.push(`${p}: idle netmem ${ref} in the ${what} still has holders`);
    seen.add(ref);
  };
  for (let k = 0; k < pool.cacheCount; k++) {
    const ref = pool.cache[k];
    where(ref, tables.table(ref), 'alloc cache');
  }
  for (const ref of pool.ring.entries()) where(ref, tables.table(ref), 'ptr_ring');

  const outBy = [0, 0, 0];
  let soles = 0;
  let counted = 0;
  let owned = 0;
  const scan = (t: NetmemDescTable, used: number, toRef: (i: number) => number): void => {
    for (let i = 0; i < used; i++) {
      if (t.ppId[i] !== pool.id) continue;
      owned++;
      const ref = toRef(i);
      const place = t.placeOf(i);
      if (place === PLACE_FREE) errs.push(`${p}: netmem ${ref} names the pool but is marked free`);
      else if (place === PLACE_POOL && !seen.has(ref)) {
        errs.push(`${p}: netmem ${ref} marked ${PLACE_NAMES[place]} but in neither`);
      } else if (place === PLACE_OUT && t.isSole(i)) {
        if (soleHolder) outBy[soleHolder(ref)]++;
        else soles++;
        if (!t.ppRefEquals(i, 1)) errs.push(`${p}: netmem ${ref} is a sole reference but has pp_ref_count ${t.ppRefCount(i)}`);
        if (ref === pool.fragPage) errs.push(`${p}: frag page ${ref} is a sole reference (its holders must be counted)`);
      } else if (place === PLACE_OUT) {
        counted++;
        outBy[t.outClass(i)]++;
        const holds = t.holdTotal(i);
        if (ref === pool.fragPage && t.ppRefBiased[i] === 1) {
          if (pool.fragUsers + t.ppRefDelta[i] !== holds) {
            errs.push(`${p}: frag page ${ref}: frag_users ${pool.fragUsers} + delta ${t.ppRefDelta[i]} != ${holds} held fragments`);
          }
        } else if (t.ppRefBiased[i] === 1) {
          errs.push(`${p}: netmem ${ref} still biased (BIAS_MAX) but is not the pool's frag page`);
        } else if (t.ppRefDelta[i] !== holds || holds < 1) {
          errs.push(`${p}: OUT netmem ${ref} has pp_ref_count ${t.ppRefDelta[i]} but holders count ${holds}`);
        }
      }
    }
  };
  scan(tables.page, tables.page.used, pageToNetmem);
  scan(tables.niov, tables.niov.used, netIovToNetmem);

  const inflight = pool.inflightStrict();
  if (pool.holdCnt < pool.releaseCnt) errs.push(`${p}: hold ${pool.holdCnt} < release ${pool.releaseCnt}`);
  if (owned !== inflight) errs.push(`${p}: ${owned} buffers carry the pool's id but inflight is ${inflight}`);
  const a = pool.accounting();
  const sum = a.alloc_cache + a.ptr_ring + a.nic_ring + a.stack + a.user;
  if (sum !== pool.inflight()) errs.push(`${p}: accounting sums to ${sum}, inflight is ${pool.inflight()}`);
  if (a.nic_ring < outBy[0] || a.stack < outBy[1] || a.user !== outBy[2] || a.nic_ring + a.stack !== outBy[0] + outBy[1] + soles) {
    const sole = soleHolder ? '' : ` and ${soles} sole reference(s) of nic_ring or stack`;
    errs.push(`${p}: accounting nic_ring/stack/user ${a.nic_ring}/${a.stack}/${a.user} but a recount gives ${outBy.join('/')}${sole}`);
  }
  const countedCount = tables.page.counts.out[pool.id * OUT_STRIDE + OUT_COUNTED];
  if (countedCount !== counted) errs.push(`${p}: ${counted} buffers are in the counted form but the pool counts ${countedCount}`);
  return errs;
}

/** All pools of a run, plus entries that name a pool no longer registered or whose pp_magic disagrees with their pool id. */
export function checkAllInvariants(registry: PagePoolRegistryApi, tables: NetmemTables, soleHolder?: SoleHolderView): string[] {
  const errs: string[] = [];
  const live = new Set<number>();
  for (const pool of registry.all() as readonly PagePoolApi[]) {
    if (pool.state === 'destroyed') continue;
    live.add(pool.id);
    errs.push(...checkPoolInvariants(pool as PagePool, tables, soleHolder));
  }
  const orphans = (t: NetmemDescTable, used: number, kind: string): void => {
    for (let i = 0; i < used; i++) {
      const id = t.ppId[i];
      if (id !== 0 && !live.has(id)) errs.push(`${kind} ${i} names page_pool ${id}, which is not live`);
      // page_pool_set_pp_info / page_pool_clear_pp_info write pp and pp_magic together: the
      // recycle path (skbRecycle.ts putSkbFragRun) reads the id alone
      if ((t.ppMagic[i] === 1) !== (id !== 0)) errs.push(`${kind} ${i}: pp_magic ${t.ppMagic[i]} with page_pool id ${id}`);
    }
  };
  orphans(tables.page, tables.page.used, 'page');
  orphans(tables.niov, tables.niov.used, 'net_iov');
  return errs;
}
