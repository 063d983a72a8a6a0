// The dma-buf binding's chunk allocator, modelled on lib/genalloc.c as devmem uses it in 6.18
// (net/core/devmem.c net_devmem_bind_dmabuf: gen_pool_create(PAGE_SHIFT, nid), one
// gen_pool_add_owner() per DMA scatterlist entry, gen_pool_alloc_owner(PAGE_SIZE) per net_iov).
//
// Policy, as genalloc implements it with the default algorithm:
// - gen_pool_add_owner() links each new chunk at the HEAD of pool->chunks (list_add_rcu), and
//   gen_pool_alloc_algo_owner() walks that list from the head: the most recently added chunk
//   (the dma-buf's LAST scatterlist entry) is searched first.
// - Inside a chunk the default algorithm is gen_pool_first_fit: the lowest free PAGE_SIZE slot.
// So an allocation returns the lowest free net_iov of the last chunk that has one. Freed slots
// are reused lowest-first. Implemented as one lowest-first bitmap set over a "search key" (chunk
// search rank, then index: util/lowestFirstSet.ts), so alloc and free are a few word operations
// and allocation-free.

import { LowestFirstSet } from '../../util/lowestFirstSet';

export class GenPool {
  /** Entries the pool manages (sum of chunk sizes in PAGE_SIZE units). */
  readonly size: number;
  /** free entries by search key */
  private readonly freeKeys: LowestFirstSet;
  /** search key of entry e (e = position in chunk-creation order) */
  private readonly keyOf: Int32Array;
  /** entry of search key k */
  private readonly entryOf: Int32Array;
  /** 1 while the entry is allocated (gen_pool_has_addr / double free check) */
  private readonly allocated: Uint8Array;

  /** `chunkSizes[c]` = PAGE_SIZE slots of scatterlist entry c, in gen_pool_add order. */
  constructor(chunkSizes: readonly number[]) {
    let total = 0;
    for (const n of chunkSizes) {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`genpool chunk of ${n} pages`);
      total += n;
    }
    this.size = total;
    this.keyOf = new Int32Array(total);
    this.entryOf = new Int32Array(total);
    this.allocated = new Uint8Array(total);
    // Entries of chunk c start at sum(chunkSizes[0..c)). Keys: last chunk first.
    const starts: number[] = [];
    let s = 0;
    for (const n of chunkSizes) {
      starts.push(s);
      s += n;
    }
    let key = 0;
    for (let c = chunkSizes.length - 1; c >= 0; c--) {
      for (let k = 0; k < chunkSizes[c]; k++) {
        const e = starts[c] + k;
        this.keyOf[e] = key;
        this.entryOf[key] = e;
        key++;
      }
    }
    this.freeKeys = LowestFirstSet.ascending(total);
  }

  /** gen_pool_avail in PAGE_SIZE units */
  avail(): number {
    return this.freeKeys.size;
  }

  /** gen_pool_alloc_owner(PAGE_SIZE): entry index, or -1 when the pool is exhausted. */
  alloc(): number {
    if (this.freeKeys.size === 0) return -1;
    const top = this.freeKeys.takeLowest();
    const e = this.entryOf[top];
    this.allocated[e] = 1;
    return e;
  }

  /** gen_pool_free(PAGE_SIZE). Returns false (the kernel WARNs) if the entry is not allocated. */
  free(entry: number): boolean {
    if (entry < 0 || entry >= this.size || this.allocated[entry] === 0) return false;
    this.allocated[entry] = 0;
    this.freeKeys.add(this.keyOf[entry]);
    return true;
  }

  isAllocated(entry: number): boolean {
    return this.allocated[entry] === 1;
  }
}
