import { describe, expect, it } from 'vitest';
import { newNetlinkSock } from '../../shared/sim/providers/dmabuf/bindRx';
import { DevmemSocket } from '../../shared/sim/providers/dmabuf/devmemSocket';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { DEFER_TIME_NS, PAGE_SIZE } from '../../shared/sim/page_pool/types';
import { makeHarness, rxQueues } from './harness';

describe('unbind (netlink socket close) while the application holds tokens', () => {
  it('queues restart without the provider; the dma-buf stays pinned until the last token returns', () => {
    const h = makeHarness({ queues: 2, ring: 32 });
    const fd = h.host.exportDmabuf({ size: 256 * PAGE_SIZE, sgEntries: 1 });
    const nl = newNetlinkSock();
    const r = h.host.bindRx({ ifindex: 2, fd, queues: rxQueues(0, 1) }, nl);
    if (!r.ok) throw new Error(r.error.message);
    const b = r.binding;
    const pool0 = h.running[0]!.pools[0];
    const sock = new DevmemSocket(h.world.tables, h.world.registry, (id) => (id === b.id ? b : undefined));
    // 10 frags received on queue 0, tokens held by the application
    const held: number[] = [];
    for (let k = 0; k < 10; k++) {
      const ref = h.running[0]!.posted.shift()!;
      h.world.tables.moveRef(ref, HOLDER_NIC_RING, HOLDER_STACK);
      held.push(sock.recvFrag(ref, 0));
      pool0.putFullNetmem(ref, false, HOLDER_STACK);
    }

    h.now.t = 1_000_000;
    h.host.closeNetlinkSock(nl);
    expect(b.state).toBe('unbound');
    expect(h.host.bindings.has(b.id)).toBe(false);
    expect(h.dev.rx[0].mp).toBeNull();
    expect(h.dev.rx[1].mp).toBeNull();
    // new normal pools run the queues now
    expect(h.running[0]!.pools[0].provider).toBeNull();
    expect(h.running[1]!.pools[0].provider).toBeNull();
    // queue 1's provider pool had nothing in flight: destroyed at once; queue 0's waits for the tokens
    expect(pool0.state).toBe('detached');
    expect(pool0.inflight()).toBe(10);
    expect(b.pinned()).toBe(true);
    expect(b.refs).toBe(1); // pool 0 only
    expect(b.genpool.avail()).toBe(256 - 10);

    // the retry worker keeps waiting while the tokens are out
    h.advance(5 * DEFER_TIME_NS);
    expect(pool0.state).toBe('detached');
    expect(b.pinned()).toBe(true);

    // data already received stays usable: the tokens are still valid and return normally
    expect(sock.dontneed(Int32Array.of(1), Int32Array.of(10), 1)).toBe(10);
    // returned into the detached pool's ptr_ring; the next retry's scrub releases them
    expect(pool0.ptrRingCount).toBe(10);
    expect(b.pinned()).toBe(true);
    h.advance(DEFER_TIME_NS);
    expect(pool0.state).toBe('destroyed');
    expect(b.state).toBe('freed');
    expect(b.pinned()).toBe(false);
    expect(b.freedNs).toBe(1_000_000 + 6 * DEFER_TIME_NS);
    expect(b.genpool.avail()).toBe(256);
    expect(h.logs.some((l) => l.message.includes("can't destroy genpool"))).toBe(false);
  });
});
