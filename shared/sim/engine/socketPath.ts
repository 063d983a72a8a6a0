// The path an skb takes after the driver hands it over: the stack (GRO, IP/TCP or UDP) → the
// flow's socket receive buffer (TCP window / UDP rcvbuf drops) → the application's reads.
// Built once per run; the three parts point at each other, so they are wired here together.
import type { Scenario } from '../../scenario/schema';
import type { CostTable } from '../costs/costTable';
import { Consumer, type ConsumerScheduler } from '../consumer/consumer';
import type { LatencySampler } from '../consumer/latency';
import type { PageAllocatorApi } from '../mm/types';
import type { NetmemTables } from '../netmem/netmemTables';
import type { PagePoolRegistryApi } from '../page_pool/types';
import type { SkbTable } from '../stack/skbTable';
import { SocketBuffers } from '../stack/socketBuffer';
import { Stack } from '../stack/stack';
import type { Cores } from './cores';
import type { NicRuntime } from './topology';

export interface SocketPathDeps {
  scenario: Scenario;
  nics: NicRuntime[];
  costs: CostTable;
  cores: Cores;
  skbs: SkbTable;
  tables: NetmemTables;
  registry: PagePoolRegistryApi;
  mm: PageAllocatorApi;
  sched: ConsumerScheduler;
  samplers: LatencySampler[];
  freeOnNapi: Uint8Array;
  qAppCore: Int32Array;
  nQueues: number;
}

export function buildSocketPath(d: SocketPathDeps): { stack: Stack; sockets: SocketBuffers; consumer: Consumer } {
  const consumer = new Consumer(d.costs, d.cores, d.skbs, d.sched, d.samplers, d.freeOnNapi, d.qAppCore);
  const flowProto = d.nics.map((n) => n.flowProto);
  const sockets = new SocketBuffers(
    d.skbs,
    consumer,
    flowProto,
    d.nics.map((n) => d.scenario.consumer.find((c) => c.nic === n.cfg.name)?.rcvbuf),
  );
  // the arrival path reads a flow's window state through its NIC (engine hot path)
  for (const n of d.nics) n.sendRoom = sockets.sendRoom[n.idx];
  const stack = new Stack(d.costs, d.cores, d.skbs, d.tables, d.registry, d.mm, flowProto, sockets, d.nQueues);
  consumer.stack = stack;
  consumer.sockets = sockets;
  sockets.stack = stack;
  return { stack, sockets, consumer };
}
