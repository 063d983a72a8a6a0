// devmem TCP in a running simulation: bind-rx at t = 0 for every NIC with `provider:`, the
// scenario events bind / unbind / socket_close / token_stall, the application's recvmsg
// (MSG_SOCK_DEVMEM: one token per net_iov frag instead of a copy) and its SO_DEVMEM_DONTNEED
// policy (consumer.dontneed {batch, every}; without it tokens go back right after each read),
// exhaustion events, the binding series and the run document's `bindings` and `nics[].devmem`.
import type { EngineApi } from '../../engine/engineApi';
import type { ScenarioEvent } from '../../../scenario/schema';
import { NET_IOV as L_NET_IOV } from '../../netmem/netmemRef';
import { SKB_SLOTS as L_SKB_SLOTS } from '../../stack/skbTable';
import type { RunDocument } from '../../../doc/runDocument';
import type { EngineExtension, EventHandler, EventHandlers, ExtensionColumn } from '../../events/registry';
import type { ProviderRuntime } from '../provider';
import type { DmabufBinding } from './dmabufBinding';
import { addProviderInstance } from '../instances';
import { DevmemHost } from './bindRx';
import { DevmemSocket } from './devmemSocket';
import { netdevFromEngine } from '../../netdev/engineNetdev';
import { STRERROR } from '../../netdev/netdev';
import { bindingResult } from './bindingReport';
import { newNicDevmem, type NicDevmem } from './devmemNicState';
import { devmemNicColumns, devmemNicResult } from './devmemReport';
import { STAGE_SOCKET } from '../../../doc/cycleStages';

class DevmemRun {
  readonly host: DevmemHost;
  readonly nics = new Map<number, NicDevmem>();

  constructor(readonly engine: EngineApi) {
    this.host = new DevmemHost(engine.tables.niov, {
      now: () => engine.now(),
      log: (level, message) => engine.log(level, 'devmem', message),
    });
  }

  nicState(nic: number): NicDevmem {
    let st = this.nics.get(nic);
    if (st) return st;
    const e = this.engine;
    const dev = netdevFromEngine(e, nic, nic + 2); // ifindex 1 is lo
    this.host.addNetdev(dev);
    st = newNicDevmem(e, nic, dev);
    this.nics.set(nic, st);
    return st;
  }

  /** `ynl --family netdev --do bind-rx` with the NIC's provider config. */
  bind(nic: number, queues: readonly number[] | undefined): void {
    const st = this.nicState(nic);
    const prov = this.engine.nicConfig(nic).provider;
    if (!prov || prov.kind !== 'dmabuf') {
      this.engine.log('error', 'netdev bind-rx', `${st.name}: bind event but the NIC has no provider (dma-buf) configured`);
      st.bindFailures++;
      return;
    }
    const q = queues ?? prov.queues;
    const fd = this.host.exportDmabuf({ size: prov.size, sgEntries: prov.chunks });
    const r = this.host.bindRx({ ifindex: st.dev.ifindex, fd, queues: q.map((id) => ({ id, type: 0 })) }, st.nl);
    if (!r.ok) {
      st.bindFailures++;
      const e = r.error;
      this.engine.log(
        'error',
        'netdev bind-rx',
        `${st.name}: bind-rx queues [${q.join(', ')}] failed: -${e.errno} (${STRERROR[e.errno] ?? e.errno}): ${e.message}`,
      );
      return;
    }
    const b = r.binding;
    this.bindingsById[b.id] = b;
    st.bound.push({ b, queuesAtBind: [...b.boundRxqs], boundNs: this.engine.now() });
    addProviderInstance(this.engine, st.name, b);
    this.engine.log(
      'info',
      'netdev bind-rx',
      `${st.name}: dma-buf of ${prov.size} bytes (${b.chunks.length} sg entries, ${b.numNiovs} net_iovs) bound to rx queues [${b.boundRxqs.join(', ')}], id ${b.id}`,
    );
  }

  /** recvmsg(MSG_SOCK_DEVMEM) of one unreadable skb on the application core. */
  onRecvUnreadable(skb: number, now: number): void {
    const e = this.engine;
    const skbs = e.skbs;
    const st = this.nics.get(skbs.nic[skb]);
    if (!st) return;
    const flow = skbs.flow[skb];
    if (st.closedFlows[flow] === 1) return; // socket gone: the skb is just freed
    if (st.devmemFlow[flow] !== 1) {
      // An ordinary socket got unreadable data (RSS put its flow on a bound queue): tcp_recvmsg
      // returns -EFAULT when nothing was copied yet. The data cannot be read; the model drops it.
      st.efault += (skbs as { segs?: Int32Array }).segs?.[skb] ?? 1;
      if (!st.efaultFlows.has(flow)) {
        st.efaultFlows.add(flow);
        e.log(
          'warn',
          'devmem',
          `${st.name}: flow ${flow} reached bound rx queue ${skbs.queue[skb]} through RSS: recvmsg() without MSG_SOCK_DEVMEM on unreadable data returns -EFAULT (steer other traffic away from bound queues)`,
        );
      }
      return;
    }
    let sock = st.sockets[flow];
    if (!sock) {
      sock = new DevmemSocket(e.tables, e.registry, this.bindingLookup);
      st.sockets[flow] = sock;
      st.socketList.push(sock);
    }
    const cores = e.cores;
    const n = skbs.nfrags[skb];
    const base = skb * L_SKB_SLOTS;
    let tokens = 0;
    for (let i = 0; i < n; i++) {
      const ref = skbs.frags[base + i];
      if ((ref & L_NET_IOV) === 0) continue;
      if (sock.recvFrag(ref, now) > 0) tokens++;
    }
    // the pp_ref_count increment is charged by the pool (PP_OP_PP_REF_ATOMIC)
    cores.chargeNic(st.nic, STAGE_SOCKET, tokens * st.costs.devmem_token);
    st.tokens += tokens;
    // A GRO skb aggregates several packets (SkbTable.segs); every packet's header was DMA-written
    // to the header buffer and copied into an skb head before GRO merged it.
    const segs = (skbs as { segs?: Int32Array }).segs?.[skb] ?? 1;
    st.packets += segs;
    st.bytes += skbs.bytes[skb];
    st.hdrBytes += st.flowHdr[flow] * segs;
    st.lastReadNs = now;
    this.returnTokens(st, now);
    if (!st.idleTimer) this.armIdleTimer(st);
  }

  /**
   * Tokens are normally returned from the read loop; when no devmem data arrives any more
   * (unbind, traffic stopped) the application still returns what it holds. This timer does that
   * while tokens are outstanding. It runs as process-context work on core 0 (EngineApi.schedule),
   * not on the application core: its few syscalls are billed there.
   */
  private armIdleTimer(st: NicDevmem): void {
    const every = st.dontneed ? st.dontneed.every : 50_000;
    st.idleTimer = true;
    this.engine.schedule(every, () => {
      st.idleTimer = false;
      const now = this.engine.now();
      if (now - st.lastReadNs >= every) this.returnTokens(st, now);
      let out = 0;
      for (const s of st.socketList) out += s.outstanding;
      if (out > 0) this.armIdleTimer(st);
    });
  }

  /** The application's SO_DEVMEM_DONTNEED policy, run from its read loop. */
  private returnTokens(st: NicDevmem, now: number): void {
    if (now < st.stallUntil) return;
    let batch = 128;
    if (st.dontneed) {
      if (now < st.nextReturnNs) return;
      st.nextReturnNs = now + st.dontneed.every;
      batch = st.dontneed.batch;
    }
    let calls = 0;
    let frags = 0;
    const list = st.socketList;
    for (let i = 0; i < list.length; i++) {
      const sock = list[i];
      const before = sock.dontneedCalls;
      frags += sock.returnTokens(now, batch, Number.MAX_SAFE_INTEGER);
      calls += sock.dontneedCalls - before;
    }
    // the syscalls are the socket's; the frags they return go down the page_pool put path
    this.engine.cores.chargeNic(st.nic, STAGE_SOCKET, calls * st.costs.devmem_dontneed_call + frags * st.costs.devmem_dontneed_frag);
  }

  /** binding by id: an array index (sockets look it up per token) */
  private readonly bindingsById: (DmabufBinding | undefined)[] = [];
  readonly bindingLookup = (id: number): DmabufBinding | undefined => this.bindingsById[id];
}

const runs = new WeakMap<EngineApi, DevmemRun>();

function runOf(engine: EngineApi): DevmemRun {
  let r = runs.get(engine);
  if (!r) {
    r = new DevmemRun(engine);
    runs.set(engine, r);
    const run = r;
    engine.consumer.hooks.onRecvUnreadable = (skb, _core, now) => run.onRecvUnreadable(skb, now);
  }
  return r;
}

/** The devmem state of a run (tests and the result writer). */
export function devmemRunOf(engine: EngineApi): DevmemRun | undefined {
  return runs.get(engine);
}

const extension: EngineExtension = {
  name: 'devmem',
  start(engine) {
    const run = runOf(engine);
    engine.scenario.nics.forEach((cfg, nic) => {
      if (cfg.provider?.kind === 'dmabuf') run.bind(nic, undefined);
    });
  },
  /** Columns for the bindings made at t = 0 (later bind events appear in `bindings` only). */
  seriesColumns(engine): ExtensionColumn[] {
    const run = runs.get(engine);
    if (!run) return [];
    const cols: ExtensionColumn[] = [];
    for (const st of run.nics.values()) cols.push(...devmemNicColumns(engine, st));
    return cols;
  },
  finish(engine, doc: RunDocument) {
    const run = runs.get(engine);
    if (!run) return;
    const secs = engine.scenario.duration / 1e9;
    for (const st of run.nics.values()) {
      for (const r of st.bound) doc.bindings.push(bindingResult(r.b, st.name, r.queuesAtBind, r.boundNs));
      const nicDoc = doc.nics[st.nic];
      if (!nicDoc) continue;
      nicDoc.devmem = devmemNicResult(engine, st, secs);
    }
  },
};

function nicOf(engine: EngineApi, name: string): number {
  return engine.nicIndex(name);
}

const bind: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('bind' in ev)) return;
  runOf(engine).bind(nicOf(engine, ev.bind.nic), ev.bind.queues);
};

/** netdev bind-rx's netlink socket closes: every binding of the NIC is unbound. */
function unbind(engine: EngineApi, nic: number): void {
  const run = runOf(engine);
  const st = run.nicState(nic);
  const ids = st.nl.bindings.map((b) => b.id);
  run.host.closeNetlinkSock(st.nl);
  engine.log(
    'info',
    'netdev bind-rx',
    `${st.name}: netlink socket closed, binding(s) [${ids.join(', ')}] unbound; queues restart without the provider`,
  );
}

const socketClose: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('socket_close' in ev)) return;
  const run = runOf(engine);
  const st = run.nicState(nicOf(engine, ev.socket_close.nic));
  let freed = 0;
  st.sockets.forEach((s, flow) => {
    if (s) {
      freed += s.close();
      st.closedFlows[flow] = 1;
    }
  });
  engine.log(
    'info',
    'devmem',
    `${st.name}: ${st.socketList.length} devmem socket(s) closed; tcp_v4_destroy_sock released ${freed} outstanding token(s)`,
  );
};

const tokenStall: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('token_stall' in ev)) return;
  const run = runOf(engine);
  const st = run.nicState(nicOf(engine, ev.token_stall.nic));
  const f = ev.token_stall.for;
  st.stallUntil = f === undefined ? Infinity : engine.now() + f;
  engine.log(
    'info',
    'devmem',
    `${st.name}: application stops returning tokens (SO_DEVMEM_DONTNEED) ${f === undefined ? 'for the rest of the run' : `for ${f / 1e6} ms`}`,
  );
};

/** Events of netdev bind-rx and of devmem sockets. */
export const DMABUF_EVENTS = { bind, socket_close: socketClose, token_stall: tokenStall } satisfies EventHandlers;

/** The dma-buf provider in a run: its engine extension, its events and its unbind. */
export const DMABUF_RUNTIME: ProviderRuntime = { extension, events: DMABUF_EVENTS, unbind };
