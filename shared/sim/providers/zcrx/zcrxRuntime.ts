// io_uring zero-copy receive in a running simulation (docs/model/zcrx.md): at t = 0 every NIC
// with `provider: { kind: zcrx }` registers an interface queue (IORING_REGISTER_ZCRX_IFQ: area,
// refill queue) and installs it on its RX queue through __net_mp_open_rxq — the same checks and
// queue restart as devmem bind-rx (netdev/rxQueueMp.ts). The application's IORING_OP_RECV_ZC
// takes each net_iov frag as a CQE (a user reference and a page_pool reference), copies frames
// that arrive readable into area net_iovs (the copy fallback), and returns buffers through the
// refill queue `batch` at a time every `every`.
import type { EngineApi } from '../../engine/engineApi';
import type { RunDocument } from '../../../doc/runDocument';
import { seriesColumn } from '../../../doc/seriesKeys';
import type { EngineExtension, ExtensionColumn } from '../../events/registry';
import type { ProviderRuntime } from '../provider';
import { addProviderInstance } from '../instances';
import { NET_IOV, netIovToNetmem, netmemIndex } from '../../netmem/netmemRef';
import { HOLDER_STACK, HOLDER_USER } from '../../netmem/places';
import { PAGE_SIZE } from '../../page_pool/types';
import { SKB_SLOTS } from '../../stack/skbTable';
import { netdevFromEngine } from '../../netdev/engineNetdev';
import { netMpCloseRxq, netMpOpenRxq } from '../../netdev/rxQueueMp';
import { STRERROR, type NetdevModel } from '../../netdev/netdev';
import { ZcrxIfq } from './ifq';
import { zcrxRqEntries } from './refillQueue';
import { STAGE_COPY, STAGE_SOCKET } from '../../../doc/cycleStages';

interface NicZcrx {
  nic: number;
  name: string;
  ifq: ZcrxIfq | null;
  dev: NetdevModel | null;
  registrationError: string | null;
  /** per NIC-wide flow id: 1 = the io_uring application's socket (flows steered with ethtool -N) */
  zcFlow: Uint8Array;
  batch: number;
  every: number;
  enospcEpisode: boolean;
  efault: number;
}

class ZcrxRun {
  readonly nics = new Map<number, NicZcrx>();
  private nextId = 1;

  constructor(readonly engine: EngineApi) {}

  register(nic: number): void {
    const e = this.engine;
    const cfg = e.nicConfig(nic);
    const prov = cfg.provider;
    if (!prov || prov.kind !== 'zcrx') return;
    const flows: number[] = [];
    for (const t of e.scenario.traffic) {
      if (t.nic !== cfg.name) continue;
      for (let f = 0; f < t.flows; f++) flows.push(t.steer_to ? 1 : 0);
    }
    const st: NicZcrx = {
      nic,
      name: cfg.name,
      ifq: null,
      dev: null,
      registrationError: null,
      zcFlow: Uint8Array.from(flows),
      batch: prov.return.batch,
      every: prov.return.every,
      enospcEpisode: false,
      efault: 0,
    };
    this.nics.set(nic, st);
    const fail = (errno: string, message: string): void => {
      st.registrationError = `-${errno} (${STRERROR[errno] ?? errno}): ${message}`;
      e.log('error', 'io_uring zcrx', `${cfg.name}: IORING_REGISTER_ZCRX_IFQ on rx queue ${prov.queue} failed: ${st.registrationError}`);
    };
    const rq = zcrxRqEntries(prov.rq_entries);
    if (!rq.ok) {
      fail(rq.error.errno, rq.error.message);
      return;
    }
    const costs = e.nicCosts(nic);
    const ifq = new ZcrxIfq(
      this.nextId++,
      cfg.name,
      prov.queue,
      prov.area_size,
      rq.entries,
      prov.cq_entries,
      e.tables.niov,
      e.registry,
      costs,
      {
        now: () => e.now(),
        log: (level, message) => e.log(level, 'io_uring zcrx', message),
        charge: (cycles, stage) => {
          e.cores.chargeNic(nic, stage, cycles);
        },
      },
    );
    const dev = netdevFromEngine(e, nic, nic + 2);
    const err = netMpOpenRxq(dev, prov.queue, ifq.ops, (m) => e.log('warn', 'io_uring zcrx', `${cfg.name}: ${m}`));
    if (err) {
      ifq.put();
      fail(err.errno, err.message);
      return;
    }
    st.ifq = ifq;
    addProviderInstance(this.engine, cfg.name, ifq);
    st.dev = dev;
    e.log(
      'info',
      'io_uring zcrx',
      `${cfg.name}: zcrx ifq ${ifq.id}: area of ${prov.area_size} bytes (${ifq.numNiovs} net_iovs), refill queue of ${rq.entries} entries, installed on rx queue ${prov.queue}`,
    );
    this.armUserLoop(st, ifq);
  }

  /** The application loop: reap CQEs and write refill entries, `batch` per pass, every `every`. */
  private armUserLoop(st: NicZcrx, ifq: ZcrxIfq): void {
    const e = this.engine;
    if (e.now() + st.every > e.scenario.duration) return;
    e.schedule(st.every, () => {
      if (ifq.state !== 'bound') return;
      const n = ifq.userPass(st.batch);
      if (n > 0) e.cores.chargeNic(st.nic, STAGE_SOCKET, ifq.costs.zcrx_user_pass + n * ifq.costs.zcrx_user_rqe);
      this.armUserLoop(st, ifq);
    });
  }

  /** IORING_OP_RECV_ZC on an unreadable skb: one CQE per net_iov frag of this ifq's area. */
  onUnreadable(skb: number): boolean {
    const e = this.engine;
    const skbs = e.skbs;
    const st = this.nics.get(skbs.nic[skb]);
    if (!st) return false;
    const ifq = st.ifq;
    const flow = skbs.flow[skb];
    if (ifq && ifq.state !== 'bound') return true; // the io_uring is gone: the skb is just freed
    if (!ifq || st.zcFlow[flow] !== 1) {
      st.efault++;
      return true;
    }
    const n = skbs.nfrags[skb];
    const base = skb * SKB_SLOTS;
    let posted = 0;
    for (let i = 0; i < n; i++) {
      const ref = skbs.frags[base + i];
      if ((ref & NET_IOV) === 0) continue;
      const niov = netmemIndex(ref);
      if (!ifq.area.owns(niov)) continue;
      const pool = e.registry.get(e.tables.niov.ppId[niov]);
      if (!pool || !ifq.postCqe(niov)) {
        this.enospc(st, ifq, skbs.bytes[skb]);
        return true;
      }
      // io_zcrx_recv_frag: the user's reference on the net_iov keeps it after the skb is freed
      pool.refNetmem(netIovToNetmem(niov), HOLDER_USER, HOLDER_STACK);
      e.cores.chargeNic(st.nic, STAGE_SOCKET, ifq.costs.zcrx_cqe);
      posted++;
    }
    if (posted > 0) {
      ifq.counters.zc_bytes += skbs.bytes[skb];
      st.enospcEpisode = false;
    }
    return true;
  }

  /** A readable skb on the io_uring socket: io_zcrx_copy_chunk into free area net_iovs. */
  onReadable(skb: number): boolean {
    const e = this.engine;
    const skbs = e.skbs;
    const st = this.nics.get(skbs.nic[skb]);
    if (!st || st.zcFlow[skbs.flow[skb]] !== 1) return false;
    const ifq = st.ifq;
    if (!ifq || ifq.state !== 'bound') return false;
    const area = ifq.area;
    let left = skbs.bytes[skb];
    while (left > 0) {
      const chunk = left < PAGE_SIZE ? left : PAGE_SIZE;
      const niov = area.takeFree();
      if (niov < 0) {
        ifq.counters.enomem++;
        ifq.counters.lost_bytes += left;
        ifq.log('warn', `zcrx ifq ${ifq.id}: copy fallback found no free net_iov in the area: the request ends with -ENOMEM`);
        return true;
      }
      area.fallback[niov - area.firstNiov] = 1;
      if (!ifq.postCqe(niov)) {
        area.fallback[niov - area.firstNiov] = 0;
        area.returnFree(niov);
        this.enospc(st, ifq, left);
        return true;
      }
      e.cores.chargeNic(st.nic, STAGE_COPY, ifq.costs.copy_per_byte * chunk + ifq.costs.zcrx_cqe);
      ifq.counters.copy_fallback_cqes++;
      ifq.counters.copy_fallback_bytes += chunk;
      left -= chunk;
    }
    st.enospcEpisode = false;
    return true;
  }

  /**
   * io_zcrx_queue_cqe found the CQ full: the request completes with -ENOSPC and the application
   * must re-arm it. The model drops the rest of the skb (the kernel leaves it queued in the socket).
   */
  private enospc(st: NicZcrx, ifq: ZcrxIfq, bytes: number): void {
    ifq.counters.enospc++;
    ifq.counters.lost_bytes += bytes;
    if (st.enospcEpisode) return;
    st.enospcEpisode = true;
    ifq.log('warn', `zcrx ifq ${ifq.id}: CQ full (${ifq.cqEntries} CQEs unreaped): IORING_OP_RECV_ZC completes with -ENOSPC`);
  }

  /** io_unregister_zcrx_ifqs: close the queue (restart without the provider), scrub user references. */
  unregister(nic: number): void {
    const st = this.nics.get(nic);
    const ifq = st?.ifq;
    if (!st || !ifq || !st.dev || ifq.state !== 'bound') return;
    netMpCloseRxq(st.dev, ifq.queue, ifq.ops, (m) => this.engine.log('warn', 'io_uring zcrx', `${st.name}: ${m}`));
    const scrubbed = scrub(this.engine, ifq);
    ifq.state = 'unbound';
    ifq.put();
    this.engine.log(
      'info',
      'io_uring zcrx',
      `${st.name}: zcrx ifq ${ifq.id} unregistered: rx queue ${ifq.queue} restarts without the provider; ${scrubbed} user reference(s) scrubbed`,
    );
  }
}

/** io_zcrx_scrub: every user reference on the area's net_iovs is dropped. */
function scrub(e: EngineApi, ifq: ZcrxIfq): number {
  const area = ifq.area;
  let n = 0;
  for (let k = 0; k < area.numNiovs; k++) {
    while (area.userRefs[k] > 0) {
      area.userRefs[k]--;
      n++;
      const niov = area.firstNiov + k;
      if (area.fallback[k] === 1) {
        if (area.userRefs[k] === 0) {
          area.fallback[k] = 0;
          area.returnFree(niov);
        }
        continue;
      }
      const pool = e.registry.get(e.tables.niov.ppId[niov]);
      if (pool) pool.putNetmem(netIovToNetmem(niov), -1, false, HOLDER_USER);
    }
  }
  return n;
}

const runs = new WeakMap<EngineApi, ZcrxRun>();

function runOf(engine: EngineApi): ZcrxRun {
  const r = runs.get(engine);
  if (r) return r;
  const run = new ZcrxRun(engine);
  runs.set(engine, run);
  const hooks = engine.consumer.hooks;
  // devmem installs its hook first (its extension starts first, PROVIDER_KINDS order): zcrx NICs are served here, others there
  const prev = hooks.onRecvUnreadable;
  hooks.onRecvUnreadable = (skb, core, now) => {
    if (!run.onUnreadable(skb) && prev) prev(skb, core, now);
  };
  hooks.onRecvReadable = (skb) => run.onReadable(skb);
  return run;
}

/** The zcrx state of a run (tests). */
export function zcrxRunOf(engine: EngineApi): ZcrxRun | undefined {
  return runs.get(engine);
}

const extension: EngineExtension = {
  name: 'zcrx',
  start(engine) {
    if (!engine.scenario.nics.some((n) => n.provider?.kind === 'zcrx')) return;
    const run = runOf(engine);
    engine.scenario.nics.forEach((cfg, nic) => {
      if (cfg.provider?.kind === 'zcrx') run.register(nic);
    });
  },
  seriesColumns(engine): ExtensionColumn[] {
    const run = runs.get(engine);
    if (!run) return [];
    const cols: ExtensionColumn[] = [];
    for (const st of run.nics.values()) {
      const ifq = st.ifq;
      if (!ifq) continue;
      const g = (key: string, unit: string, label: string, read: () => number): ExtensionColumn => ({
        meta: seriesColumn.zcrx(st.name, key, { unit, kind: 'gauge', label: `${st.name} zcrx ${label}` }),
        read,
      });
      cols.push(
        g('area_free', 'buffers', 'area net_iovs free', () => ifq.area.free),
        g('user_held', 'buffers', 'net_iov references held by the user', () => ifq.userHeld()),
        g('cq_pending', 'buffers', 'CQEs not yet reaped', () => ifq.cqPending),
        g('rq_pending', 'buffers', 'refill queue entries not yet taken', () => ifq.rq.count),
      );
    }
    return cols;
  },
  finish(engine, doc: RunDocument) {
    const run = runs.get(engine);
    if (!run) return;
    for (const st of run.nics.values()) {
      const nicDoc = doc.nics[st.nic];
      if (!nicDoc) continue;
      nicDoc.zcrx = {
        registration_error: st.registrationError,
        efault_skbs: st.efault,
        ifq: st.ifq ? st.ifq.report(st.name) : null,
      };
    }
  },
};

/** `unbind` on a zcrx NIC unregisters its interface queue. */
function unbind(engine: EngineApi, nic: number): void {
  runOf(engine).unregister(nic);
}

/** The io_uring zcrx provider in a run: its engine extension and its unbind (no events of its own). */
export const ZCRX_RUNTIME: ProviderRuntime = { extension, events: {}, unbind };
