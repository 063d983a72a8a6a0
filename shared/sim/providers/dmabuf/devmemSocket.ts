// The user side of devmem TCP RX on one TCP socket (docs/model/devmem.md#receiving-tokens, #so_devmem_dontneed):
// recvmsg(MSG_SOCK_DEVMEM) hands the application one token per net_iov frag (an id in the
// socket's sk_user_frags xarray, XA_FLAGS_ALLOC1 + xa_limit_31b: ids 1..INT_MAX, lowest free
// first) and takes one more pp_ref_count on the net_iov; SO_DEVMEM_DONTNEED gives tokens back;
// closing the socket (tcp_release_user_frags from tcp_v4_destroy_sock) drops every outstanding one.
// Per-frag work is allocation-free: ids, refs and the application's FIFO live in typed arrays
// that only grow (doubling) when more tokens are outstanding than ever before.
import type { KernelError, PagePoolRegistryApi } from '../../page_pool/types';
import { LowestFirstSet } from '../../util/lowestFirstSet';
import { NET_IOV as L_NET_IOV, type NetmemRef } from '../../netmem/netmemRef';
import { HOLDER_STACK as L_HOLDER_STACK, HOLDER_USER as L_HOLDER_USER } from '../../netmem/places';
import type { NetmemTables } from '../../netmem/netmemTables';
import type { DmabufBinding } from './dmabufBinding';
// hot path: inlined netmemIndex, one token per received net_iov frag (netmem/netmemRef.ts netmemIndex)

/** net/core/sock.c sock_devmem_dontneed limits. */
export const MAX_DONTNEED_TOKENS = 128;
export const MAX_DONTNEED_FRAGS = 1024;
/** xa_limit_31b */
export const TOKEN_ID_MAX = 0x7fffffff;
/** MSG_SOCK_DEVMEM, SO_DEVMEM_* (include/uapi/asm-generic/socket.h, x86/arm64 values) */
export const MSG_SOCK_DEVMEM = 0x2000000;
export const SO_DEVMEM_LINEAR = 78;
export const SO_DEVMEM_DMABUF = 79;
export const SO_DEVMEM_DONTNEED = 80;

export class DevmemSocket {
  /** sk_user_frags: token id → netmem ref (0 = no entry) */
  private tokRef: Int32Array = new Int32Array(1024);
  /** token ids given back, reused lowest first (xa_alloc takes the lowest free index) */
  private readonly freeIds = new LowestFirstSet();
  /** next never-used id */
  private nextId = 1;
  /** application FIFO of received tokens: id and receive time */
  private fifoId: Int32Array = new Int32Array(1024);
  private fifoT: Float64Array = new Float64Array(1024);
  private fifoHead = 0;
  private fifoLen = 0;
  /** scratch for one DONTNEED call (struct dmabuf_token[]) */
  private readonly scratchStart = new Int32Array(MAX_DONTNEED_TOKENS);
  private readonly scratchCount = new Int32Array(MAX_DONTNEED_TOKENS);

  outstanding = 0;
  tokensHanded = 0;
  dontneedCalls = 0;
  dontneedFreed = 0;
  /** payload bytes that arrived in the linear area and were copied (SCM_DEVMEM_LINEAR) */
  linearBytes = 0;
  closed = false;
  /** the binding this socket's devmem data came from (first net_iov received) */
  binding: DmabufBinding | undefined;

  constructor(
    private readonly tables: NetmemTables,
    private readonly pools: PagePoolRegistryApi,
    /** binding by id (bound or not, as long as any of its net_iovs can be out) */
    private readonly bindingOf: (id: number) => DmabufBinding | undefined,
  ) {}

  /**
   * tcp_recvmsg_dmabuf, per net_iov frag: allocate the lowest free token id, store the frag in
   * sk_user_frags, pp_ref_count + 1 (the reference is the user's), and queue the token in the
   * application's FIFO. Returns the token id (what SCM_DEVMEM_DMABUF's frag_token carries), or
   * -1 when the 31-bit id space is exhausted (xa_alloc fails with -EBUSY).
   */
  recvFrag(ref: NetmemRef, nowNs: number): number {
    if ((ref & L_NET_IOV) === 0) throw tokenBug('devmem recvmsg: frag', ref, 'is not a net_iov (the kernel returns -ENODEV)');
    let id: number;
    if (this.freeIds.size > 0) id = this.freeIds.takeLowest();
    else {
      if (this.nextId > TOKEN_ID_MAX) return -1;
      id = this.nextId++;
    }
    if (id >= this.tokRef.length) this.tokRef = growI32(this.tokRef, id + 1);
    this.tokRef[id] = ref;
    const pool = this.pools.get(this.tables.ppId(ref));
    if (!pool) throw tokenBug('devmem recvmsg: net_iov', ref, 'has no page_pool');
    pool.refNetmem(ref, L_HOLDER_USER, L_HOLDER_STACK);
    this.outstanding++;
    this.tokensHanded++;
    const b = this.bindingOf(this.tables.niov.bindingId[(ref >>> 1) - 1]);
    if (b) {
      b.tokensOutstanding++;
      b.tokensHanded++;
      this.binding ??= b;
    }
    this.pushFifo(id, nowNs);
    return id;
  }

  /** Payload that could not be split off landed in the skb head: copied, reported as SCM_DEVMEM_LINEAR. */
  recvLinear(bytes: number, binding: DmabufBinding | undefined): void {
    this.linearBytes += bytes;
    if (binding) binding.linearBytes += bytes;
  }

  /**
   * setsockopt(SO_DEVMEM_DONTNEED) with `n` struct dmabuf_token {token_start, token_count}.
   * More than 128 entries → -EINVAL. Walks the ranges, counting every frag looked at; stops once
   * more than 1024 frags were looked at; ids not in sk_user_frags are skipped silently. Each found
   * frag drops the user's reference (napi_pp_put_page → page_pool_put_full_netmem, not direct:
   * process context). Returns the number of frags freed.
   */
  dontneed(starts: Int32Array, counts: Int32Array, n: number): number | KernelError {
    if (n < 0 || n > MAX_DONTNEED_TOKENS) return { errno: 'EINVAL', message: `optlen holds ${n} tokens, more than ${MAX_DONTNEED_TOKENS}` };
    this.dontneedCalls++;
    let looked = 0;
    let freed = 0;
    outer: for (let k = 0; k < n; k++) {
      const start = starts[k];
      const cnt = counts[k] >>> 0;
      for (let j = 0; j < cnt; j++) {
        if (++looked > MAX_DONTNEED_FRAGS) break outer;
        const id = start + j;
        if (id <= 0 || id >= this.tokRef.length) continue;
        const ref = this.tokRef[id];
        if (ref === 0) continue;
        this.tokRef[id] = 0;
        this.freeIds.add(id);
        this.dropUserRef(ref);
        freed++;
      }
    }
    this.dontneedFreed += freed;
    if (this.binding) {
      this.binding.dontneedCalls++;
      this.binding.dontneedFreed += freed;
      this.binding.noteUserReturned(freed);
    }
    return freed;
  }

  /**
   * The application returns tokens it received at or before `cutoffNs`, oldest first, in calls of
   * `batch` tokens (each entry {id, 1}, as ncdevmem does). At most `maxCalls` calls. Returns frags freed.
   */
  returnTokens(cutoffNs: number, batch: number, maxCalls: number): number {
    let total = 0;
    const per = Math.min(batch, MAX_DONTNEED_TOKENS);
    for (let call = 0; call < maxCalls; call++) {
      let n = 0;
      while (n < per && this.fifoLen > 0 && this.fifoT[this.fifoHead] <= cutoffNs) {
        this.scratchStart[n] = this.fifoId[this.fifoHead];
        this.scratchCount[n] = 1;
        n++;
        this.fifoHead = (this.fifoHead + 1) % this.fifoId.length;
        this.fifoLen--;
      }
      if (n === 0) break;
      const r = this.dontneed(this.scratchStart, this.scratchCount, n);
      if (typeof r === 'number') total += r;
    }
    return total;
  }

  /** Receive time of the oldest token the application still holds, or -1. */
  oldestHeldNs(): number {
    return this.fifoLen > 0 ? this.fifoT[this.fifoHead] : -1;
  }

  /** tcp_release_user_frags (socket destroy): one reference dropped per outstanding token, in id order. */
  close(): number {
    if (this.closed) return 0;
    this.closed = true;
    let freed = 0;
    for (let id = 1; id < this.tokRef.length; id++) {
      const ref = this.tokRef[id];
      if (ref === 0) continue;
      this.tokRef[id] = 0;
      this.dropUserRef(ref);
      freed++;
    }
    this.fifoLen = 0;
    this.freeIds.clear();
    this.nextId = 1;
    this.binding?.noteUserReturned(freed);
    return freed;
  }

  private dropUserRef(ref: NetmemRef): void {
    const pool = this.pools.get(this.tables.ppId(ref));
    if (!pool) throw tokenBug('devmem token: net_iov', ref, 'lost its page_pool');
    const b = this.bindingOf(this.tables.niov.bindingId[(ref >>> 1) - 1]);
    if (b) b.tokensOutstanding--;
    this.outstanding--;
    pool.putFullNetmem(ref, false, L_HOLDER_USER);
  }

  private pushFifo(id: number, t: number): void {
    if (this.fifoLen === this.fifoId.length) {
      const cap = this.fifoId.length * 2;
      const ids = new Int32Array(cap);
      const ts = new Float64Array(cap);
      for (let k = 0; k < this.fifoLen; k++) {
        const s = (this.fifoHead + k) % this.fifoId.length;
        ids[k] = this.fifoId[s];
        ts[k] = this.fifoT[s];
      }
      this.fifoId = ids;
      this.fifoT = ts;
      this.fifoHead = 0;
    }
    const at = (this.fifoHead + this.fifoLen) % this.fifoId.length;
    this.fifoId[at] = id;
    this.fifoT[at] = t;
    this.fifoLen++;
  }
}

function growI32(a: Int32Array, min: number): Int32Array {
  let cap = a.length;
  while (cap < min) cap *= 2;
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** A model bug on the token path, built by a call, not in place (why: netmem/descTable.ts, above tooFewHeld). */
function tokenBug(what: string, ref: NetmemRef, why: string): Error {
  return new Error(`${what} ${ref} ${why}`);
}
