// Property: whatever the application does with its tokens (receive, DONTNEED of arbitrary ranges,
// close), every net_iov of the binding is in exactly one place, pp_ref_count equals the references
// its holders have, and the socket's outstanding count equals the user's references.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newNetlinkSock } from '../../shared/sim/providers/dmabuf/bindRx';
import { DevmemSocket } from '../../shared/sim/providers/dmabuf/devmemSocket';
import { bindingNiovCounts } from '../../shared/sim/providers/dmabuf/bindingReport';
import { HOLDER_NIC_RING, HOLDER_STACK, HOLDER_USER, PLACE_OUT } from '../../shared/sim/netmem/places';
import { PAGE_SIZE } from '../../shared/sim/page_pool/types';
import { makeHarness, rxQueues } from './harness';

type Op = { k: 'recv'; n: number } | { k: 'dontneed'; start: number; count: number } | { k: 'close' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('recv' as const), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ k: fc.constant('dontneed' as const), start: fc.integer({ min: 0, max: 200 }), count: fc.integer({ min: 0, max: 80 }) }),
  fc.record({ k: fc.constant('close' as const) }),
);

describe('devmem token accounting (property)', () => {
  it('conserves net_iovs and references under any token sequence', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const h = makeHarness({ queues: 2, ring: 16 });
        const fd = h.host.exportDmabuf({ size: 96 * PAGE_SIZE, sgEntries: 3 });
        const r = h.host.bindRx({ ifindex: 2, fd, queues: rxQueues(1) }, newNetlinkSock());
        if (!r.ok) throw new Error(r.error.message);
        const b = r.binding;
        const pool = h.running[1]!.pools[0];
        const tables = h.world.tables;
        let sock = new DevmemSocket(tables, h.world.registry, (id) => (id === b.id ? b : undefined));
        for (const o of ops) {
          if (o.k === 'recv') {
            const mem = h.running[1]!;
            for (let i = 0; i < o.n && mem.posted.length > 0; i++) {
              const ref = mem.posted.shift()!;
              tables.moveRef(ref, HOLDER_NIC_RING, HOLDER_STACK);
              sock.recvFrag(ref, h.now.t);
              pool.putFullNetmem(ref, false, HOLDER_STACK);
              const again = pool.allocNetmems();
              if (again !== 0) mem.posted.push(again);
            }
          } else if (o.k === 'dontneed') {
            const freed = sock.dontneed(Int32Array.of(o.start), Int32Array.of(o.count), 1);
            expect(typeof freed).toBe('number');
            expect(freed as number).toBeLessThanOrEqual(Math.min(o.count, 1024));
          } else {
            sock.close();
            sock = new DevmemSocket(tables, h.world.registry, (id) => (id === b.id ? b : undefined));
          }
          const c = bindingNiovCounts(b); // throws if the places do not sum to the binding size
          expect(c.user).toBeLessThanOrEqual(sock.outstanding);
          let userRefs = 0;
          for (let k = 0; k < b.numNiovs; k++) {
            const i = b.firstNiov + k;
            if (tables.niov.placeOf(i) !== PLACE_OUT) continue;
            expect(tables.niov.ppRefCount(i)).toBe(BigInt(tables.niov.holdTotal(i)));
            userRefs += tables.niov.holdOf(i, HOLDER_USER);
          }
          expect(userRefs).toBe(sock.outstanding);
          expect(b.tokensOutstanding).toBe(sock.outstanding);
        }
      }),
      { numRuns: 60 },
    );
  });
});
