import { describe, expect, it } from 'vitest';
import { newNetlinkSock } from '../../shared/sim/providers/dmabuf/bindRx';
import { DevmemSocket, MAX_DONTNEED_FRAGS } from '../../shared/sim/providers/dmabuf/devmemSocket';
import { bindingNiovCounts } from '../../shared/sim/providers/dmabuf/bindingReport';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { PAGE_SIZE, type PagePoolApi } from '../../shared/sim/page_pool/types';
import { makeHarness, rxQueues, type Harness } from './harness';
import type { DmabufBinding } from '../../shared/sim/providers/dmabuf/dmabufBinding';

/** Bind queue 1, then "receive" n frags: driver → skb (stack) → recvmsg token → skb freed. */
function bound(pages = 512, ring = 64): { h: Harness; b: DmabufBinding; pool: PagePoolApi; sock: DevmemSocket } {
  const h = makeHarness({ queues: 2, ring });
  const fd = h.host.exportDmabuf({ size: pages * PAGE_SIZE, sgEntries: 2 });
  const r = h.host.bindRx({ ifindex: 2, fd, queues: rxQueues(1) }, newNetlinkSock());
  if (!r.ok) throw new Error(r.error.message);
  const pool = h.running[1]!.pools[0];
  const sock = new DevmemSocket(h.world.tables, h.world.registry, (id) => h.host.allBindings.find((x) => x.id === id));
  return { h, b: r.binding, pool, sock };
}

function receive(h: Harness, pool: PagePoolApi, sock: DevmemSocket, n: number): number[] {
  const mem = h.running[1]!;
  const tokens: number[] = [];
  for (let k = 0; k < n; k++) {
    if (mem.posted.length === 0) break; // nothing posted: the NIC would drop
    const ref = mem.posted.shift()!;
    h.world.tables.moveRef(ref, HOLDER_NIC_RING, HOLDER_STACK); // frag into the skb
    tokens.push(sock.recvFrag(ref, h.now.t)); // recvmsg(MSG_SOCK_DEVMEM): +1 pp_ref_count for the user
    pool.putFullNetmem(ref, false, HOLDER_STACK); // skb consumed: the stack's reference goes
    const again = pool.allocNetmems(); // driver refills the slot
    if (again !== 0) mem.posted.push(again);
  }
  return tokens;
}

describe('devmem tokens (tcp_recvmsg_dmabuf, SO_DEVMEM_DONTNEED, socket close)', () => {
  it('one token per frag, ids from 1 (XA_FLAGS_ALLOC1), +1 pp_ref_count held by the user', () => {
    const { h, b, pool, sock } = bound();
    const ref0 = h.running[1]!.posted[0];
    const t = receive(h, pool, sock, 5);
    expect(t).toEqual([1, 2, 3, 4, 5]);
    expect(h.world.tables.ppRefCount(ref0)).toBe(1n); // skb reference gone, user's remains
    expect(sock.outstanding).toBe(5);
    expect(b.tokensOutstanding).toBe(5);
    const c = bindingNiovCounts(b);
    expect(c.user).toBe(5);
    expect(c.nic_ring).toBe(64);
    expect(c.free).toBe(512 - 64 - 5);
    // a page frag is not devmem: the model stops and names it (the kernel returns -ENODEV)
    expect(() => sock.recvFrag(2, h.now.t)).toThrow(/^devmem recvmsg: frag 2 is not a net_iov \(the kernel returns -ENODEV\)$/);
  });

  it('DONTNEED returns the number freed, skips unknown ids, and freed ids are reused lowest first', () => {
    const { h, pool, sock, b } = bound();
    receive(h, pool, sock, 10);
    const r = sock.dontneed(Int32Array.of(3, 100, 7), Int32Array.of(2, 5, 1), 3);
    expect(r).toBe(3); // 3,4 and 7; 100..104 do not exist
    expect(sock.outstanding).toBe(7);
    expect(b.dontneedCalls).toBe(1);
    // returned net_iovs went back to the pool (ptr_ring: process context, not direct)
    expect(pool.ptrRingCount).toBe(3);
    expect(receive(h, pool, sock, 3)).toEqual([3, 4, 7]);
  });

  it('more than 128 tokens in one call: EINVAL; more than 1024 frags: stops at 1024', () => {
    const { h, pool, sock } = bound(4096, 64);
    receive(h, pool, sock, 1500);
    const starts = new Int32Array(129);
    const counts = new Int32Array(129).fill(1);
    const e = sock.dontneed(starts, counts, 129);
    expect(typeof e).toBe('object');
    if (typeof e === 'object') expect(e.errno).toBe('EINVAL');
    const freed = sock.dontneed(Int32Array.of(1), Int32Array.of(1500), 1);
    expect(freed).toBe(MAX_DONTNEED_FRAGS);
    expect(sock.outstanding).toBe(1500 - 1024);
  });

  it('socket close drops every outstanding token; the net_iovs recycle into the pool', () => {
    const { h, pool, sock, b } = bound();
    receive(h, pool, sock, 20);
    expect(sock.close()).toBe(20);
    expect(sock.outstanding).toBe(0);
    expect(b.tokensOutstanding).toBe(0);
    expect(bindingNiovCounts(b).user).toBe(0);
  });

  it('tokens not returned pin net_iovs until the provider is empty and the driver cannot post', () => {
    const { h, pool, sock, b } = bound(128, 32);
    const got = receive(h, pool, sock, 200);
    // 128 net_iovs: every one ends up held by the user; later frags could not be refilled
    expect(b.genpool.avail()).toBe(0);
    expect(h.running[1]!.posted.length).toBe(0);
    expect(got.length).toBe(128); // only 128 frags could land; the rest found no posted buffer
    expect(sock.outstanding).toBe(128);
    expect(b.allocFailures).toBeGreaterThan(0);
    const c = bindingNiovCounts(b);
    expect(c.user).toBe(128);
  });

  it('the application returns tokens after its hold time in batches', () => {
    const { h, pool, sock } = bound();
    receive(h, pool, sock, 10);
    h.now.t = 1000;
    receive(h, pool, sock, 10);
    expect(sock.returnTokens(500, 4, 100)).toBe(10);
    expect(sock.dontneedCalls).toBe(3); // 4 + 4 + 2
    expect(sock.oldestHeldNs()).toBe(1000);
  });
});
