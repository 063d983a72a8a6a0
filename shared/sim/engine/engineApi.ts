// What scenario-event handlers and extensions (devmem) may use of a running engine.
import type { Scenario, NicConfig } from '../../scenario/schema';
import type { CostTable } from '../costs/costTable';
import type { EventLevel } from '../../doc/runDocument';
import type { MemoryProviderOps, PagePoolApi } from '../page_pool/types';
import type { PageAllocatorApi } from '../mm/types';
import type { NetmemTables } from '../netmem/netmemTables';
import type { PagePoolRegistryApi } from '../page_pool/types';
import type { RxQueueDriver, DriverDescription } from '../drivers/driver';
import type { Consumer } from '../consumer/consumer';
import type { SkbTable } from '../stack/skbTable';
import type { Stack } from '../stack/stack';
import type { Cores } from './cores';
import type { HoldMeter } from '../metadata/holdMeter';
import type { FaultPoints } from '../faults/faultAttr';

export interface PoolInfo {
  pool: PagePoolApi;
  nic: number;
  queue: number;
  role: 'data' | 'header';
}

export interface EngineApi {
  readonly scenario: Scenario;
  /** current simulated time, ns */
  now(): number;
  log(level: EventLevel, source: string, message: string): void;
  /** run `fn` at now + delayNs (inside a process-context unit of work on core 0) */
  schedule(delayNs: number, fn: () => void): void;
  readonly mm: PageAllocatorApi;
  readonly tables: NetmemTables;
  readonly registry: PagePoolRegistryApi;
  readonly cores: Cores;
  readonly skbs: SkbTable;
  readonly stack: Stack;
  readonly consumer: Consumer;
  /** fault-injection points (fail_function, DMA map errors), docs/model/fault-injection.md */
  readonly faults: FaultPoints;
  /** every pool created in the run, with its NIC and queue */
  readonly pools: readonly PoolInfo[];
  nicIndex(name: string): number;
  nicConfig(nic: number): NicConfig;
  nicDescription(nic: number): DriverDescription;
  /** descriptors the NIC's pools and driver hold now and at their peak (metadata/holdMeter.ts) */
  nicHoldMeter(nic: number): HoldMeter;
  /** the NIC's cost table (its variant, the run's overrides) */
  nicCosts(nic: number): CostTable;
  queueDriver(nic: number, queue: number): RxQueueDriver;
  /** ndo_stop / ndo_open of the whole NIC */
  ifdown(nic: number): void;
  ifup(nic: number): void;
  /** ifindex the NIC's netdev has (1 is lo, NICs from 2 in scenario order) */
  nicIfindex(nic: number): number;
  /** unregister_netdevice: close the NIC, then NETDEV_UNREGISTER (its pools are orphaned to lo) */
  unregister(nic: number): void;
  isRegistered(nic: number): boolean;
  /** set the CPU the queue's IRQ (and so its NAPI) runs on */
  moveQueue(nic: number, queue: number, core: number): void;
  /** netdev_queue_mgmt_ops restart of one queue (stop → start), for memory provider changes */
  restartQueue(nic: number, queue: number): void;
  /** rxq->mp_params: the provider page_pool_create picks up for ALLOW_UNREADABLE pools */
  setQueueProvider(nic: number, queue: number, provider: MemoryProviderOps | null): void;
  queueProvider(nic: number, queue: number): MemoryProviderOps | null;
  isUp(nic: number): boolean;
  /** count a NIC-level event under its ethtool/qstat name (shows in rx.drops) */
  countNic(nic: number, name: string, n?: number): void;
}
