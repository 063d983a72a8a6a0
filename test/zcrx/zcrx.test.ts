import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { Scenario, ZcrxConfig } from '../../shared/scenario/schema';
import { runScenario } from '../../shared/sim/engine/run';
import { zcrxRqEntries, RefillQueue } from '../../shared/sim/providers/zcrx/refillQueue';
import { ZcrxArea } from '../../shared/sim/providers/zcrx/area';
import { NetIovTable } from '../../shared/sim/netmem/netIovTable';
import { PoolPlaceCounts } from '../../shared/sim/netmem/poolPlaceCounts';
import type { RunDocument } from '../../shared/doc/runDocument';

const FILE = path.resolve(__dirname, '../../scenarios/zcrx/liburing-defaults.yaml');

function base(): Scenario {
  const r = parseScenario(readFileSync(FILE, 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

/** The liburing-defaults scenario with provider fields (and other NIC / traffic fields) replaced. */
function variant(p: Partial<ZcrxConfig>, more: (s: Scenario) => void = () => {}): Scenario {
  const s = base();
  const nic = s.nics[0];
  if (nic.provider?.kind !== 'zcrx') throw new Error('zcrx provider expected');
  nic.provider = { ...nic.provider, ...p };
  s.duration = 3e6;
  more(s);
  return s;
}

function ifqOf(doc: RunDocument) {
  const z = doc.nics[0].zcrx;
  if (!z) throw new Error('no zcrx result');
  return z;
}

describe('zcrx registration rules', () => {
  it('rq_entries: 0 is -EINVAL, rounded up to a power of two, above IO_RQ_MAX_ENTRIES -EINVAL', () => {
    expect(zcrxRqEntries(0)).toMatchObject({ ok: false, error: { errno: 'EINVAL' } });
    expect(zcrxRqEntries(1000)).toEqual({ ok: true, entries: 1024 });
    expect(zcrxRqEntries(32768)).toEqual({ ok: true, entries: 32768 });
    expect(zcrxRqEntries(32769)).toMatchObject({ ok: false, error: { errno: 'EINVAL' } });
  });

  it('area: one net_iov per page; freelist hands out each once and takes them back', () => {
    const t = new NetIovTable(new PoolPlaceCounts());
    const a = new ZcrxArea(1, 32 * 2 ** 20, t);
    expect(a.numNiovs).toBe(8192);
    const got = new Set<number>();
    for (let k = 0; k < 8192; k++) got.add(a.takeFree());
    expect(got.size).toBe(8192);
    expect(a.takeFree()).toBe(-1);
    a.returnFree([...got][0]);
    expect(a.free).toBe(1);
  });

  it('refill queue: a ring of rq_entries, full at rq_entries', () => {
    const q = new RefillQueue(4);
    for (let k = 0; k < 4; k++) expect(q.push(k)).toBe(true);
    expect(q.push(9)).toBe(false);
    expect(q.pop()).toBe(0);
    expect(q.push(9)).toBe(true);
    expect(q.count).toBe(4);
  });

  it('a refill queue above the maximum fails registration with -EINVAL and nothing is installed', () => {
    const doc = runScenario(variant({ rq_entries: 40000 }));
    const z = ifqOf(doc);
    expect(z.registration_error).toMatch(/^-EINVAL/);
    expect(z.ifq).toBeNull();
  });

  it('the queue checks are devmem\'s (__net_mp_open_rxq): header split off is -EINVAL "tcp-data-split is disabled"', () => {
    const doc = runScenario(
      variant({}, (s) => {
        s.nics[0].header_split = false;
      }),
    );
    expect(ifqOf(doc).registration_error).toMatch(/EINVAL.*tcp-data-split is disabled/);
  });
});

describe('zcrx data path', () => {
  it('liburing defaults at 50 Gbit/s: every frame zero-copy, buffers come back through the refill queue, no drops', () => {
    const doc = runScenario(variant({}));
    const z = ifqOf(doc).ifq!;
    const c = z.counters;
    expect(doc.nics[0].rx.drops.rx_missed).toBe(0);
    expect(c.cqes).toBeGreaterThan(10000);
    expect(c.copy_fallback_cqes + c.enospc + c.enomem + z.alloc_failures).toBe(0);
    // every CQE is either returned (refill entry), waiting in the refill queue's producer side or unreaped
    expect(c.refill_entries + c.rq_pending + c.cq_pending).toBe(c.cqes);
    // installing the provider restarted queue 1: its new pool is fed by the provider, no page allocator slow path
    const q1 = doc.pools.filter((p) => p.queue === 1);
    expect(q1.length).toBe(2);
    expect(q1[1].stats.alloc_slow).toBe(0);
    expect(q1[1].stats.alloc_fast).toBeGreaterThan(1000);
  });

  it('an area too small for what the user holds runs dry: provider alloc failures, a warning, NIC drops', () => {
    const doc = runScenario(variant({ area_size: 2 ** 20, return: { batch: 8, every: 50_000 } }));
    const z = ifqOf(doc).ifq!;
    expect(z.alloc_failures).toBeGreaterThan(0);
    expect(doc.nics[0].rx.drops.rx_missed).toBeGreaterThan(0);
    expect(doc.events.some((e) => /area and refill queue empty/.test(e.message))).toBe(true);
  });

  it('a CQ the user reaps too slowly fills: RECV_ZC ends with -ENOSPC, with an event', () => {
    const doc = runScenario(variant({ cq_entries: 64, return: { batch: 8, every: 20_000 } }));
    const c = ifqOf(doc).ifq!.counters;
    expect(c.enospc).toBeGreaterThan(0);
    expect(c.lost_bytes).toBeGreaterThan(0);
    expect(doc.events.some((e) => /-ENOSPC/.test(e.message))).toBe(true);
  });

  it('frames that arrive readable on the io_uring socket are copied into area net_iovs (copy fallback), at copy cost', () => {
    // the flow is steered to queue 0, which has no provider: every frame is in host pages
    const doc = runScenario(
      variant({}, (s) => {
        s.traffic[0].steer_to = [0];
      }),
    );
    const c = ifqOf(doc).ifq!.counters;
    expect(c.cqes).toBe(c.copy_fallback_cqes);
    expect(c.copy_fallback_bytes).toBeGreaterThan(0);
    expect(c.zc_bytes).toBe(0);
    const zc = ifqOf(runScenario(variant({}))).ifq!.counters;
    expect(zc.copy_fallback_bytes).toBe(0);
  });

  it("unregistering the ifq restarts the queue without the provider and scrubs the user's references", () => {
    const doc = runScenario(
      variant({}, (s) => {
        s.events = [{ at: 1e6, unbind: { nic: 'eth0' } }];
      }),
    );
    const z = ifqOf(doc).ifq!;
    expect(z.state).not.toBe('bound');
    expect(z.counters.user_held).toBe(0);
    expect(doc.events.some((e) => /unregistered: rx queue 1 restarts without the provider/.test(e.message))).toBe(true);
    // traffic keeps flowing after the restart, now in host pages
    expect(doc.nics[0].rx.drops.rx_missed).toBe(0);
  });

  it('is deterministic: the same scenario gives the same document', () => {
    const a = runScenario(variant({}));
    const b = runScenario(variant({}));
    const { meta: _a, ...ra } = a;
    const { meta: _b, ...rb } = b;
    expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
  });
});
