// struct net_iov table (docs/model/netmem.md#net_iov, docs/model/devmem.md#the-dma-buf-binding): the netmem_desc fields of NetmemDescTable
// plus what a memory provider records per chunk: owner area, binding, index in the area and the
// user-visible virtual offset. Entries are handed out in contiguous ranges, one per net_iov_area
// (a dma-buf scatterlist chunk), by the provider that creates them.
import { NetmemDescTable } from './descTable';
import { growF64, growI32, growU8 } from '../util/growTyped';
import type { PoolPlaceCounts } from './poolPlaceCounts';
import { MAX_NETMEM_INDEX } from './netmemRef';

/** enum net_iov_type */
export const NET_IOV_DMABUF = 0;
export const NET_IOV_IOURING = 1;

export class NetIovTable extends NetmemDescTable {
  /** Number of entries handed out (ranges are appended; see allocRange). */
  used = 0;
  /** net_iov.type */
  type: Uint8Array;
  /** owner net_iov_area id (provider-defined, e.g. chunk number), -1 = unused entry */
  ownerArea: Int32Array;
  /** binding id of the owner (dma-buf binding), 0 = none */
  bindingId: Int32Array;
  /** net_iov_idx(): position inside owner->niovs */
  areaIndex: Int32Array;
  /** owner->base_virtual + idx * PAGE_SIZE: offset reported to the user in SCM_DEVMEM_DMABUF */
  virtOffset: Float64Array;

  constructor(counts: PoolPlaceCounts, initialCapacity = 1024) {
    super(counts, initialCapacity);
    this.type = new Uint8Array(this.capacity);
    this.ownerArea = new Int32Array(this.capacity).fill(-1);
    this.bindingId = new Int32Array(this.capacity);
    this.areaIndex = new Int32Array(this.capacity);
    this.virtOffset = new Float64Array(this.capacity);
  }

  protected override growArrays(cap: number): void {
    super.growArrays(cap);
    this.type = growU8(this.type, cap);
    const owner = new Int32Array(cap).fill(-1);
    owner.set(this.ownerArea);
    this.ownerArea = owner;
    this.bindingId = growI32(this.bindingId, cap);
    this.areaIndex = growI32(this.areaIndex, cap);
    this.virtOffset = growF64(this.virtOffset, cap);
  }

  /**
   * Reserve `n` consecutive entries for one net_iov_area and initialise them like
   * net_devmem_bind_dmabuf does: type, owner, index, dma address base + idx * chunkBytes,
   * virtual offset baseVirtual + idx * chunkBytes. Returns the first entry index.
   * Ranges are never reused (bindings are few per run; a simple append keeps indices stable).
   */
  allocRange(
    n: number,
    type: number,
    ownerArea: number,
    bindingId: number,
    baseDma: number,
    baseVirtual: number,
    chunkBytes: number,
  ): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`net_iov range: bad count ${n}`);
    const first = this.used;
    if (first + n > MAX_NETMEM_INDEX) throw new Error(`net_iov table full: ${first} + ${n} entries exceed ${MAX_NETMEM_INDEX}`);
    this.ensureCapacity(first + n);
    for (let k = 0; k < n; k++) {
      const i = first + k;
      this.clearDesc(i);
      this.type[i] = type;
      this.ownerArea[i] = ownerArea;
      this.bindingId[i] = bindingId;
      this.areaIndex[i] = k;
      this.dmaAddr[i] = baseDma + k * chunkBytes;
      this.virtOffset[i] = baseVirtual + k * chunkBytes;
    }
    this.used = first + n;
    return first;
  }
}
