// page_pool's entry points (net/core/page_pool.c, docs/model/page-pool.md) on struct page_pool
// (poolStruct.ts). The mechanisms live in one file each, named like the kernel's:
// alloc.ts (refill, slow path, provider), frag.ts, recycle.ts (put path, bulk), release.ts
// (page_pool_return_netmem), destroy.ts, create.ts (page_pool_init checks); the counters are poolStats.ts.
// Hot paths (alloc_fast, put → direct recycle) are inlined here and allocate nothing.
import type { NetmemRef } from '../netmem/netmemRef';
import {
  HOLDER_NIC_RING as H_NIC,
  type Holder,
  PLACE_FREE as P_FREE,
  PLACE_OUT as P_OUT,
  PLACE_POOL as P_POOL,
  OUT_STRIDE,
  STATE_OUT_SOLE as SOLE,
} from '../netmem/places';
import {
  PP_ALLOC_CACHE_SIZE as CACHE_SIZE,
  PP_OP_ALLOC_FAST as OP_ALLOC_FAST,
  PP_OP_PP_REF_ATOMIC as OP_PP_REF_ATOMIC,
  PP_OP_NETMEM_CHECK as OP_NETMEM_CHECK,
  PP_OP_DMA_SYNC_DEV as OP_DMA_SYNC_DEV,
  PP_OP_RECYCLE_DIRECT as OP_RECYCLE_DIRECT,
  PP_OP_RECYCLE_RING as OP_RECYCLE_RING,
} from './types';
import type { PagePoolState } from './poolState';
import { allocNetmemsSlowOrRefill } from './alloc';
import { GFP_ATOMIC, type Gfp } from '../mm/gfp';
import { allocFragNetmem, allocNetmem, fragmentNetmem } from './frag';
import { putNetmemBulk } from './recycle';
import { putSkbFragRun } from './skbRecycle';
import { returnNetmem } from './release';
import { destroyPool, updateNid } from './destroy';
import { mpNetIovAttach, mpNetIovDetach, mpPlaceInCache } from './provider';
import { HOLD_NET_IOV as CLS_NIOV } from '../metadata/holdMeter';
import { PagePoolStruct } from './poolStruct';
import { badLastPut, badPut, negativeRefWarning } from './putErrors';

export { newStats } from './poolStats';
// hot path: inlined netmemIndex, alloc and put index the per-buffer arrays once per buffer (netmem/netmemRef.ts netmemIndex)

export class PagePool extends PagePoolStruct implements PagePoolState {
  /** page_pool_napi_local (§3.2): softirq on pool->cpuid, or pp.napi's owner is this CPU. */
  napiLocal(): boolean {
    const e = this.exec;
    if (!e.inSoftirq) return false;
    if (this.cpuid === e.cpu) return true;
    // napi->list_owner == smp_processor_id(): the pool's NAPI is scheduled/polled on this core
    return this.napiCore >= 0 && this.napiCore === e.cpu && e.napiPollingCore === e.cpu;
  }

  /**
   * page_pool_alloc_netmems(pool, gfp): cache → ring refill → provider or page allocator. The
   * gfp only matters on the way to the page allocator; page_pool_dev_alloc_* pass GFP_ATOMIC.
   * The function is on the error-injection list (ALLOW_ERROR_INJECTION, 6.18): with
   * fail_function armed, a call may return NULL on entry, before the cache is looked at
   * (docs/model/fault-injection.md).
   */
  allocNetmems(gfp: Gfp = GFP_ATOMIC): NetmemRef {
    const f = this.faults;
    if (f !== null && f.allocNetmems.enabled && f.allocNetmems.probability !== 0 && f.allocNetmems.shouldFail(1)) return 0;
    let ref: NetmemRef;
    if (this.cacheCount > 0) {
      ref = this.cache[--this.cacheCount];
      this.stats.alloc_fast++;
      this.bill(OP_ALLOC_FAST, this.cycAllocFast, this.cellAllocFast);
    } else {
      ref = allocNetmemsSlowOrRefill(this, gfp);
      if (ref === 0) return 0;
    }
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    t.enterOutNic((ref >>> 1) - 1, this.id);
    return ref;
  }

  /**
   * allocNetmems() up to `max` times, each buffer written to dst[(slot + k) & mask] (a driver's RX
   * descriptors), stopping at the first failure; returns how many. Cache pops are done here (same
   * order, alloc_fast and its cycle bill per buffer, OUT to the driver); a buffer the cache cannot
   * give goes through allocNetmems() (refill / slow path, §2.4), as does every buffer while
   * fail_function is armed or cycles are not summed in place.
   */
  allocNetmemsToRing(dst: Int32Array, slot: number, mask: number, max: number): number {
    const u = this.billUnit;
    const f = this.faults;
    if (u === null || (f !== null && f.allocNetmems.enabled && f.allocNetmems.probability !== 0)) {
      return this.allocNetmemsEachToRing(dst, slot, mask, max);
    }
    // `| 0` / `* 1`: machine numbers for the loops, not tagged values re-checked per buffer
    const want = max | 0;
    const ringMask = mask | 0;
    const cache = this.cache;
    const pages = this.pages;
    const niovs = this.niovs;
    const cyc = this.cycAllocFast * 1;
    const outIdx = (this.id * OUT_STRIDE + H_NIC) | 0;
    const stage = this.billStage;
    const cell = this.cellAllocFast;
    let s = slot & ringMask;
    let done = 0;
    while (done < want) {
      const have = this.cacheCount | 0;
      const left = (want - done) | 0;
      const n = have < left ? have : left;
      if (n > 0) {
        // enterOutNic: a sole reference's word per buffer (the arrays read after any slow-path
        // allocation: it may grow the tables), the out count (one for both tables) once for the run
        const pageSt = pages.state;
        const niovSt = niovs.state;
        // alloc_fast's cycles summed in locals, one add each in the same order, written back if any
        let uc = u.unitCycles;
        let sc = stage[cell];
        const top = (have - n) | 0;
        let j = (have - 1) | 0;
        // n % 4 one by one outside any loop (each array's map checked and base loaded once),
        // then four a pass: V8 re-checks the maps and reloads the bases on every pass of a loop
        const rem = n & 3;
        if (rem !== 0) {
          const r0 = cache[j];
          dst[s] = r0;
          if ((r0 & 1) === 0) pageSt[(r0 >>> 1) - 1] = SOLE;
          else niovSt[(r0 >>> 1) - 1] = SOLE;
          uc += cyc;
          sc += cyc;
          if (rem !== 1) {
            const r1 = cache[j - 1];
            dst[(s + 1) & ringMask] = r1;
            if ((r1 & 1) === 0) pageSt[(r1 >>> 1) - 1] = SOLE;
            else niovSt[(r1 >>> 1) - 1] = SOLE;
            uc += cyc;
            sc += cyc;
            if (rem === 3) {
              const r2 = cache[j - 2];
              dst[(s + 2) & ringMask] = r2;
              if ((r2 & 1) === 0) pageSt[(r2 >>> 1) - 1] = SOLE;
              else niovSt[(r2 >>> 1) - 1] = SOLE;
              uc += cyc;
              sc += cyc;
            }
          }
          j = (j - rem) | 0;
          s = (s + rem) & ringMask;
        }
        while (j >= top) {
          const r0 = cache[j];
          const r1 = cache[j - 1];
          const r2 = cache[j - 2];
          const r3 = cache[j - 3];
          dst[s] = r0;
          dst[(s + 1) & ringMask] = r1;
          dst[(s + 2) & ringMask] = r2;
          dst[(s + 3) & ringMask] = r3;
          if ((r0 & 1) === 0) pageSt[(r0 >>> 1) - 1] = SOLE;
          else niovSt[(r0 >>> 1) - 1] = SOLE;
          if ((r1 & 1) === 0) pageSt[(r1 >>> 1) - 1] = SOLE;
          else niovSt[(r1 >>> 1) - 1] = SOLE;
          if ((r2 & 1) === 0) pageSt[(r2 >>> 1) - 1] = SOLE;
          else niovSt[(r2 >>> 1) - 1] = SOLE;
          if ((r3 & 1) === 0) pageSt[(r3 >>> 1) - 1] = SOLE;
          else niovSt[(r3 >>> 1) - 1] = SOLE;
          uc += cyc;
          sc += cyc;
          uc += cyc;
          sc += cyc;
          uc += cyc;
          sc += cyc;
          uc += cyc;
          sc += cyc;
          j = (j - 4) | 0;
          s = (s + 4) & ringMask;
        }
        pages.counts.out[outIdx] += n;
        this.cacheCount = top;
        this.stats.alloc_fast += n;
        if (cyc !== 0) {
          u.unitCycles = uc;
          stage[cell] = sc;
        }
        done = (done + n) | 0;
        if (done >= want) break;
      }
      // the cache is empty: this buffer takes the refill / slow path
      const ref = this.allocNetmems();
      if (ref === 0) break;
      dst[s] = ref;
      s = (s + 1) & ringMask;
      done = (done + 1) | 0;
    }
    return done;
  }

  /** allocNetmemsToRing() one allocNetmems() call per buffer. */
  private allocNetmemsEachToRing(dst: Int32Array, slot: number, mask: number, max: number): number {
    let done = 0;
    for (let ref = 0; done < max && (ref = this.allocNetmems()) !== 0; done++) dst[(slot + done) & mask] = ref;
    return done;
  }

  allocFragNetmem(size: number, gfp: Gfp = GFP_ATOMIC): NetmemRef {
    return allocFragNetmem(this, size, gfp);
  }

  allocNetmem(size: number, gfp: Gfp = GFP_ATOMIC): NetmemRef {
    return allocNetmem(this, size, gfp);
  }

  /** page_pool_put_netmem: unref by 1; the last reference goes to put_unrefed. */
  putNetmem(ref: NetmemRef, dmaSyncSize: number, allowDirect: boolean, holder: number = H_NIC): void {
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    const i = (ref >>> 1) - 1;
    if (t.placeOf(i) !== P_OUT || t.ppId[i] !== this.id) badPut(this, ref);
    if (t.ppRefBiased[i] === 0 && t.ppRefDelta[i] === 1) {
      // page_pool_unref_netmem(netmem, 1): the last user skips the atomic
      if (!t.releaseLastHold(i, holder)) badLastPut(this, ref, holder);
    } else if (!this.unrefShared(ref, holder)) {
      return;
    }
    this.putUnrefedNetmem(ref, dmaSyncSize, allowDirect);
  }

  /**
   * napi_pp_put_page → page_pool_put_full_netmem(pp, netmem, false) for the frags of a freed skb,
   * from frags[from] on, while they are this pool's (net/core/skbuff.c skb_pp_recycle). Returns
   * the index of the first frag that is not (another pool's, not a pp buffer), or `end`. A 0
   * entry (reference taken away) is skipped. page_pool_napi_local gives the same answer for
   * every frag of the run, so it is taken once (docs/model/page-pool.md#skb-recycling).
   */
  putSkbFrags(frags: Int32Array, from: number, end: number, holder: Holder): number {
    return putSkbFragRun(this, frags, from, end, holder);
  }

  /**
   * page_pool_unref_netmem on a shared (or biased) count: the atomic decrement of `nr`. True when
   * it dropped the last reference. Kept out of putNetmem so the per-packet last-user path stays
   * small enough for V8 to inline what follows it.
   */
  unrefShared(ref: NetmemRef, holder: number, nr = 1): boolean {
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    const i = (ref >>> 1) - 1;
    t.dropHold(i, holder, nr);
    this.chargeOp(OP_PP_REF_ATOMIC, 1);
    if (!t.ppRefSubIsZero(i, nr)) {
      if (t.ppRefNegative(i)) this.hooks.log('warn', negativeRefWarning(ref, this.id));
      return false;
    }
    t.ppRefSet(i, 1);
    if (t.holdTotal(i) !== 0) badLastPut(this, ref, holder);
    t.leaveOut(i, P_FREE);
    return true;
  }

  putFullNetmem(ref: NetmemRef, allowDirect: boolean, holder: number = H_NIC): void {
    this.putNetmem(ref, -1, allowDirect, holder);
  }

  recycleDirectNetmem(ref: NetmemRef, holder: number = H_NIC): void {
    this.putNetmem(ref, -1, true, holder);
  }

  /** page_pool_put_unrefed_netmem (§3.1): direct cache, else ptr_ring, else release. */
  putUnrefedNetmem(ref: NetmemRef, _dmaSyncSize: number, allowDirect: boolean): void {
    if (!allowDirect) allowDirect = this.napiLocal();
    const r = this.putPage(ref, allowDirect);
    if (r === 0) return;
    // page_pool_recycle_in_ring
    this.bill(OP_RECYCLE_RING, this.cycRecycleRing, this.cellRecycleRing);
    if (this.ring.produce(r)) {
      const t = (r & 1) !== 0 ? this.niovs : this.pages;
      t.setPlace((r >>> 1) - 1, P_POOL);
      this.stats.recycle_ring++;
      return;
    }
    this.stats.recycle_ring_full++;
    returnNetmem(this, r);
  }

  /**
   * __page_pool_put_page: the ref if it should go to the ring, 0 if it was cached or released.
   * The caller dropped the last reference: no holder left, pp_ref_count 1, place in transit.
   */
  putPage(ref: NetmemRef, allowDirect: boolean): NetmemRef {
    if (this.canBeRecycled(ref)) {
      // page_pool_dma_sync_for_device: min(dma_sync_size, max_len) bytes at dma_addr + offset
      if (this.dmaSync) this.bill(OP_DMA_SYNC_DEV, this.cycDmaSync, this.cellDmaSync);
      if (allowDirect) {
        // page_pool_recycle_in_cache
        if (this.cacheCount < CACHE_SIZE) {
          ((ref & 1) !== 0 ? this.niovs : this.pages).setPlace((ref >>> 1) - 1, P_POOL);
          this.cache[this.cacheCount++] = ref;
          this.stats.recycle_cached++;
          this.bill(OP_RECYCLE_DIRECT, this.cycRecycleDirect, this.cellRecycleDirect);
          return 0;
        }
        this.stats.recycle_cache_full++;
      }
      return ref;
    }
    this.stats.recycle_released_refcnt++;
    returnNetmem(this, ref);
    return 0;
  }

  /** __page_pool_page_can_be_recycled: net_iov always; a page iff _refcount == 1 and not pfmemalloc. */
  canBeRecycled(ref: NetmemRef): boolean {
    this.bill(OP_NETMEM_CHECK, this.cycNetmemCheck, this.cellNetmemCheck);
    if ((ref & 1) !== 0) return true;
    const pages = this.pages;
    // no live page with _refcount != 1 or pfmemalloc anywhere: this one passes unread
    if (pages.irregular === 0) return true;
    const i = (ref >>> 1) - 1;
    return pages.refcount[i] === 1 && pages.pfmemalloc[i] === 0;
  }

  putNetmemBulk(refs: Int32Array, count: number, holder: number = H_NIC): void {
    putNetmemBulk(this, refs, count, holder);
  }

  fragmentNetmem(ref: NetmemRef, nr: number): void {
    fragmentNetmem(this, ref, nr);
  }

  /**
   * page_pool_unref_netmem(netmem, nr) (include/net/page_pool/helpers.h): the driver drops nr
   * references at once, one atomic; a count that reaches 0 is reset to 1 and the buffer leaves
   * the driver for the put path (the caller calls putUnrefedNetmem).
   */
  unrefNetmem(ref: NetmemRef, nr: number, holder: number = H_NIC): boolean {
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    const i = (ref >>> 1) - 1;
    if (t.placeOf(i) !== P_OUT || t.ppId[i] !== this.id) badPut(this, ref);
    return nr !== 0 && this.unrefShared(ref, holder, nr);
  }

  /**
   * page_pool_ref_netmem: atomic increment; the new reference belongs to `holder`. `heldBy` is
   * the holder of the reference the caller found the buffer under (its container: the driver's
   * slot, an skb): a sole reference's holder is not in its word, and the buffer now has two.
   */
  refNetmem(ref: NetmemRef, holder: Holder, heldBy: Holder): void {
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    const i = (ref >>> 1) - 1;
    if (t.placeOf(i) !== P_OUT || t.ppId[i] !== this.id)
      throw new Error(`page_pool_ref_netmem(${ref}): buffer not handed out by pool ${this.id}`);
    this.chargeOp(OP_PP_REF_ATOMIC, 1);
    t.ppRefDelta[i]++;
    t.countHolds(i, heldBy);
    t.addHold(i, holder, 1);
  }

  destroy(nowNs: number): void {
    destroyPool(this, nowNs);
  }

  updateNid(nid: number): void {
    updateNid(this, nid);
  }

  mpNetIovAttach(ref: NetmemRef): void {
    mpNetIovAttach(this, ref);
  }
  mpNetIovDetach(ref: NetmemRef): void {
    mpNetIovDetach(this, ref);
  }
  mpPlaceInCache(ref: NetmemRef): void {
    mpPlaceInCache(this, ref);
  }

  /** page_pool_set_pp_info: pp, pp_magic |= PP_SIGNATURE, pp_ref_count = 1; hold_cnt is the caller's. */
  setPpInfo(ref: NetmemRef): void {
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    const i = (ref >>> 1) - 1;
    t.ppId[i] = this.id;
    t.ppMagic[i] = 1;
    t.ppRefSet(i, 1);
  }

  /** Push an entry that is owned by the pool into the alloc cache (caller checked room). */
  pushCache(ref: NetmemRef): void {
    const t = (ref & 1) !== 0 ? this.niovs : this.pages;
    t.setPlace((ref >>> 1) - 1, P_POOL);
    this.cache[this.cacheCount++] = ref;
  }

  /** hold_cnt++ for `ref` entering the pool (page_pool_set_pp_info callers, net_mp_niov_set_page_pool). */
  noteHold(ref: NetmemRef): void {
    this.holdCnt++;
    const v = (this.holdCnt - this.releaseCnt) | 0;
    if (v > this.peakInflight) this.peakInflight = v;
    this.meter.hold((ref & 1) !== 0 ? CLS_NIOV : this.pageClass);
  }

  /** release_cnt++ for `ref` leaving the pool (page_pool_return_netmem). */
  noteRelease(ref: NetmemRef): void {
    this.releaseCnt++;
    this.meter.release((ref & 1) !== 0 ? CLS_NIOV : this.pageClass);
  }
}
