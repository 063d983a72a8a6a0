// struct net_devmem_dmabuf_binding for RX (docs/model/devmem.md#the-dma-buf-binding; net/core/devmem.c
// [6.18] net_devmem_bind_dmabuf): the dma-buf split into its DMA scatterlist entries, each entry
// one chunk of the genpool with one net_iov per PAGE_SIZE (dma_addr = chunk base + idx*PAGE_SIZE,
// user-visible virtual offset = chunk base_virtual + idx*PAGE_SIZE), and the binding refcount:
// the netlink socket's initial reference plus one per page_pool using it (mp init/destroy).
// The binding is freed (dma-buf unmapped and unpinned) when the last reference goes, which is
// after the last pool using it finished its (deferred) destroy, i.e. after its last net_iov came back.
import type { KernelError, PagePoolApi } from '../../page_pool/types';
import { PAGE_SIZE } from '../../page_pool/types';
import { NET_IOV_DMABUF, type NetIovTable } from '../../netmem/netIovTable';
import { GenPool } from './genpool';
import { DmabufProviderOps } from './dmabufProvider';
import type { ProviderGauge, ProviderInstance, ProviderNiovPlaces, ProviderReport } from '../provider';

export interface DmabufChunk {
  /** owner->area.base_virtual: offset of this sg entry inside the dma-buf */
  baseVirtual: number;
  /** sg_dma_address */
  baseDma: number;
  numNiovs: number;
  /** index of the chunk's first net_iov in the net_iov table */
  firstNiov: number;
}

export type BindingState = 'bound' | 'unbound' | 'freed';

export interface BindingHooks {
  now(): number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** Synthetic IOVA layout: each binding at its own 1 TiB window, chunks 2 MiB apart (non-contiguous sg). */
const DMA_WINDOW = 2 ** 40;
const SG_GAP = 2 * 1024 * 1024;

export class DmabufBinding implements ProviderInstance {
  readonly kind = 'dmabuf' as const;
  /** the binding's page_pool callbacks (mp_priv = binding, mp_ops = dmabuf_devmem_ops) */
  readonly ops: DmabufProviderOps;
  readonly chunks: readonly DmabufChunk[];
  readonly numNiovs: number;
  /** first net_iov index of the binding; chunks are contiguous in the table */
  readonly firstNiov: number;
  readonly genpool: GenPool;
  /** percpu_ref count: 1 (netlink user) + pools whose mp init took a reference */
  refs = 1;
  state: BindingState = 'bound';
  /** rx queues recorded in bound_rxqs */
  readonly boundRxqs: number[] = [];
  /** binding->dev (NULL once its last rx queue was uninstalled) */
  dev: string | null;
  /** every page_pool whose init took a reference (for accounting; destroyed ones stay listed) */
  readonly pools: PagePoolApi[] = [];
  unboundNs: number | null = null;
  freedNs: number | null = null;
  /** provider allocation attempts that found the genpool empty */
  allocFailures = 0;
  /** the last provider allocation found the genpool empty (simulator note, logged on change) */
  exhausted = false;
  /** token / DONTNEED accounting, maintained by the socket token model */
  tokensOutstanding = 0;
  tokensHanded = 0;
  dontneedCalls = 0;
  dontneedFreed = 0;
  linearBytes = 0;

  private constructor(
    readonly id: number,
    readonly size: number,
    readonly table: NetIovTable,
    readonly hooks: BindingHooks,
    dev: string,
    chunkPages: number[],
  ) {
    this.dev = dev;
    const chunks: DmabufChunk[] = [];
    let virtual = 0;
    let first = -1;
    const dmaBase = DMA_WINDOW * (1 + (id % 4096));
    for (let c = 0; c < chunkPages.length; c++) {
      const n = chunkPages[c];
      const baseDma = dmaBase + virtual + c * SG_GAP;
      const f = table.allocRange(n, NET_IOV_DMABUF, c, id, baseDma, virtual, PAGE_SIZE);
      if (first < 0) first = f;
      chunks.push({ baseVirtual: virtual, baseDma, numNiovs: n, firstNiov: f });
      virtual += n * PAGE_SIZE;
    }
    this.chunks = chunks;
    this.firstNiov = first;
    this.numNiovs = virtual / PAGE_SIZE;
    this.genpool = new GenPool(chunkPages);
    this.ops = new DmabufProviderOps(this);
  }

  /**
   * net_devmem_bind_dmabuf (RX part): `size` bytes of dma-buf split into `sgEntries` DMA
   * scatterlist entries. A dma-buf is a whole number of pages (udmabuf and GPU exporters
   * allocate pages); each sg entry must hold at least one page.
   */
  static create(
    id: number,
    size: number,
    sgEntries: number,
    table: NetIovTable,
    hooks: BindingHooks,
    dev: string,
  ): { ok: true; binding: DmabufBinding } | { ok: false; error: KernelError } {
    if (!Number.isSafeInteger(size) || size <= 0 || size % PAGE_SIZE !== 0) {
      return {
        ok: false,
        error: { errno: 'EINVAL', message: `dma-buf size ${size} is not a positive multiple of PAGE_SIZE (${PAGE_SIZE})` },
      };
    }
    const pages = size / PAGE_SIZE;
    if (!Number.isInteger(sgEntries) || sgEntries < 1 || sgEntries > pages) {
      return { ok: false, error: { errno: 'EINVAL', message: `dma-buf of ${pages} pages cannot have ${sgEntries} scatterlist entries` } };
    }
    // Equal split; the first (pages % n) entries get one page more.
    const base = Math.floor(pages / sgEntries);
    const extra = pages % sgEntries;
    const chunkPages: number[] = [];
    for (let c = 0; c < sgEntries; c++) chunkPages.push(base + (c < extra ? 1 : 0));
    return { ok: true, binding: new DmabufBinding(id, size, table, hooks, dev, chunkPages) };
  }

  /** Is net_iov table index i one of this binding's? */
  owns(niov: number): boolean {
    return niov >= this.firstNiov && niov < this.firstNiov + this.numNiovs;
  }

  /**
   * net_devmem_alloc_dmabuf: one PAGE_SIZE chunk from the genpool; resets pp_magic, pp and
   * pp_ref_count of its net_iov. Returns the net_iov table index or -1 (genpool empty).
   */
  allocNiov(): number {
    const e = this.genpool.alloc();
    if (e < 0) {
      this.allocFailures++;
      if (!this.exhausted) {
        this.exhausted = true;
        this.hooks.log(
          'warn',
          `${this.dev ?? 'netdev'}: dma-buf binding ${this.id} exhausted: all ${this.numNiovs} net_iovs in use (${this.tokensOutstanding} held by the user as tokens); the driver cannot post RX buffers and the NIC drops`,
        );
      }
      return -1;
    }
    if (this.exhausted) {
      this.exhausted = false;
      this.hooks.log(
        'info',
        `${this.dev ?? 'netdev'}: dma-buf binding ${this.id} has free net_iovs again (${this.genpool.avail() + 1} free)`,
      );
    }
    const i = this.firstNiov + e;
    const t = this.table;
    t.ppMagic[i] = 0;
    t.ppId[i] = 0;
    t.ppRefSet(i, 0);
    return i;
  }

  /**
   * The user gave net_iovs back (DONTNEED, socket close): they recycle into their page_pool, so
   * the driver can post again even though the genpool itself may still be empty.
   */
  noteUserReturned(n: number): void {
    if (n > 0 && this.exhausted) {
      this.exhausted = false;
      this.hooks.log(
        'info',
        `${this.dev ?? 'netdev'}: dma-buf binding ${this.id}: ${n} net_iov reference(s) returned by the user; the driver can post RX buffers again`,
      );
    }
  }

  /** net_devmem_free_dmabuf: back to the genpool. WARNs (and keeps it) if it was not allocated. */
  freeNiov(niov: number): boolean {
    const ok = this.genpool.free(niov - this.firstNiov);
    if (!ok) this.hooks.log('warn', `WARNING: net_devmem_free_dmabuf: net_iov ${niov} not allocated from binding ${this.id}`);
    return ok;
  }

  /** net_devmem_dmabuf_binding_get */
  get(): void {
    if (this.state === 'freed') throw new Error(`dma-buf binding ${this.id}: reference taken after free`);
    this.refs++;
  }

  /** net_devmem_dmabuf_binding_put: the last reference frees the binding. */
  put(): void {
    if (this.refs <= 0) throw new Error(`dma-buf binding ${this.id}: reference count underflow`);
    this.refs--;
    if (this.refs === 0) this.free();
  }

  /** percpu_ref_kill on unbind: drop the netlink user's initial reference. */
  kill(): void {
    if (this.state !== 'bound') return;
    this.state = 'unbound';
    this.unboundNs = this.hooks.now();
    this.put();
  }

  /** __net_devmem_dmabuf_binding_free */
  private free(): void {
    const size = this.genpool.size * PAGE_SIZE;
    const avail = this.genpool.avail() * PAGE_SIZE;
    if (size !== avail) {
      // The kernel WARNs and leaks the genpool rather than destroy it with chunks out.
      this.hooks.log('warn', `WARNING: can't destroy genpool. size=${size}, avail=${avail}`);
    }
    this.state = 'freed';
    this.freedNs = this.hooks.now();
    this.hooks.log('info', `dma-buf binding ${this.id} freed: attachment unmapped, dma-buf (${this.size} bytes) unpinned`);
  }

  /** The provider report every provider gives (reports and CLI list bindings and zcrx areas alike). */
  report(nic: string): ProviderReport {
    return {
      kind: 'dmabuf',
      id: this.id,
      nic,
      state: this.state,
      bytes: this.size,
      net_iovs: this.numNiovs,
      queues: [...this.boundRxqs],
      alloc_failures: this.allocFailures,
      places: this.places(),
      counters: {
        chunks: this.chunks.length,
        tokens_outstanding: this.tokensOutstanding,
        tokens_handed: this.tokensHanded,
        dontneed_calls: this.dontneedCalls,
        dontneed_freed: this.dontneedFreed,
        genpool_free: this.genpool.avail(),
      },
    };
  }

  /** Free in the genpool; owned by a live pool using the binding; held by the user as tokens. */
  places(): ProviderNiovPlaces {
    let inPool = 0;
    let user = 0;
    for (const p of this.pools) {
      if (p.state === 'destroyed') continue;
      const a = p.accounting();
      inPool += a.alloc_cache + a.ptr_ring + a.nic_ring + a.stack;
      user += a.user;
    }
    return { free: this.genpool.avail(), in_pool: inPool, user };
  }

  gauges(): ProviderGauge[] {
    return [
      { name: 'tokens_outstanding', label: 'devmem tokens outstanding', unit: 'count', kind: 'gauge', read: () => this.tokensOutstanding },
      {
        name: 'alloc_failures',
        label: 'allocations that found the genpool empty',
        unit: 'count',
        kind: 'delta',
        read: () => this.allocFailures,
      },
    ];
  }

  /** dma-buf still pinned (attachment mapped): from bind until the binding is freed. */
  pinned(): boolean {
    return this.state !== 'freed';
  }
}
