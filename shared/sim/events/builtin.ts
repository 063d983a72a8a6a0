// Built-in scenario events: memory_pressure, consumer_stall, ifdown, ifup, unregister, netns_exit
// (docs/model/netdev-lifetime.md).
import type { ScenarioEvent } from '../../scenario/schema';
import { LOOPBACK_IFINDEX } from '../page_pool/types';
import type { EngineApi } from '../engine/engineApi';
import type { EventHandler, EventHandlers } from './registry';

/** A ramp is applied in at most this many steps, at least 100 µs apart. */
const RAMP_MAX_STEPS = 100;
const RAMP_MIN_STEP_NS = 100_000;

function fmtNs(ns: number): string {
  if (ns >= 1e9) return `${ns / 1e9} s`;
  if (ns >= 1e6) return `${ns / 1e6} ms`;
  if (ns >= 1e3) return `${ns / 1e3} us`;
  return `${ns} ns`;
}

/** Take (or give back) `pages` on `node`, in equal steps over `over` ns. */
function ramp(engine: EngineApi, node: number, pages: number, over: number, take: boolean): void {
  const steps = over <= 0 ? 1 : Math.max(1, Math.min(RAMP_MAX_STEPS, Math.floor(over / RAMP_MIN_STEP_NS)));
  const stepNs = steps > 1 ? over / steps : 0;
  let done = 0;
  let shortfall = 0;
  const step = (k: number) => {
    const target = Math.round((pages * (k + 1)) / steps);
    const n = target - done;
    done = target;
    if (n > 0) {
      const got = take ? engine.mm.takePages(node, n) : engine.mm.givePages(node, n);
      shortfall += n - got;
    }
    if (k + 1 < steps) engine.schedule(stepNs, () => step(k + 1));
    else if (shortfall > 0) {
      engine.log(
        'info',
        'mm',
        `memory_pressure on node ${node}: ${shortfall} of ${pages} pages could not be ${take ? 'taken (node exhausted)' : 'given back (not held)'}`,
      );
    }
  };
  step(0);
}

const memoryPressure: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('memory_pressure' in ev)) return;
  const mp = ev.memory_pressure;
  if (mp.node >= engine.mm.numaNodes) {
    engine.log('error', 'mm', `memory_pressure: node ${mp.node} does not exist (host has ${engine.mm.numaNodes})`);
    return;
  }
  if (mp.allocate) {
    const pages = Math.ceil(mp.allocate / engine.mm.pageSize);
    engine.log('info', 'mm', `memory_pressure: allocating ${pages} pages on node ${mp.node} over ${fmtNs(mp.over)}`);
    ramp(engine, mp.node, pages, mp.over, true);
  }
  if (mp.release) {
    const pages = Math.ceil(mp.release / engine.mm.pageSize);
    engine.log('info', 'mm', `memory_pressure: releasing ${pages} pages on node ${mp.node} over ${fmtNs(mp.over)}`);
    ramp(engine, mp.node, pages, mp.over, false);
  }
};

const consumerStall: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('consumer_stall' in ev)) return;
  const nic = engine.nicIndex(ev.consumer_stall.nic);
  const until = engine.now() + ev.consumer_stall.for;
  const c = engine.consumer;
  if (until > c.stallUntil[nic]) c.stallUntil[nic] = until;
  engine.log('info', 'consumer', `application on ${ev.consumer_stall.nic} stops reading for ${fmtNs(ev.consumer_stall.for)}`);
};

const ifdown: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('ifdown' in ev)) return;
  const nic = engine.nicIndex(ev.ifdown.nic);
  engine.log('info', ev.ifdown.nic, 'ifdown (queues stopped, page pools destroyed)');
  engine.ifdown(nic);
};

const ifup: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('ifup' in ev)) return;
  const nic = engine.nicIndex(ev.ifup.nic);
  engine.log('info', ev.ifup.nic, 'ifup (queues started, new page pools)');
  engine.ifup(nic);
};

const unregister: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('unregister' in ev)) return;
  const nic = engine.nicIndex(ev.unregister.nic);
  engine.log('info', ev.unregister.nic, 'unregister_netdevice (closed, NETDEV_UNREGISTER: its page pools move to lo)');
  engine.unregister(nic);
};

const netnsExit: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('netns_exit' in ev)) return;
  // cleanup_net: every NIC still in the netns leaves it (a physical one returns to init_net
  // through dev_change_net_namespace, which closes it and sends NETDEV_UNREGISTER for the old
  // netns), then the netns' lo unregisters: page_pool_unreg_netdev_wipe poisons the orphans.
  engine.log('info', 'netns', 'netns exit: its NICs leave it, then lo unregisters');
  const n = engine.scenario.nics.length;
  for (let i = 0; i < n; i++) engine.unregister(i);
  for (const p of engine.registry.unregNetdev(LOOPBACK_IFINDEX)) {
    engine.log(
      'info',
      'page_pool',
      `pool ${p.id} unlisted with ${p.inflight()} inflight: netdev NET_PTR_POISON, invisible to page-pool-get`,
    );
  }
};

const irqAffinity: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('irq_affinity' in ev)) return;
  const a = ev.irq_affinity;
  engine.log('info', a.nic, `irq_affinity: queue ${a.queue} IRQ to core ${a.core}`);
  engine.moveQueue(engine.nicIndex(a.nic), a.queue, a.core);
};

export const BUILTIN_EVENTS = {
  memory_pressure: memoryPressure,
  consumer_stall: consumerStall,
  ifdown: ifdown,
  ifup: ifup,
  unregister: unregister,
  netns_exit: netnsExit,
  irq_affinity: irqAffinity,
} satisfies EventHandlers;
