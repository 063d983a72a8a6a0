// The state of a running simulation that its parts (NAPI, driver queue setup) work on. The
// Simulation class implements it; the parts import this interface, not the class, so the class
// can call them without an import cycle.
import type { CostSetup } from '../costs/probe';
import type { RxQueueDriver } from '../drivers/driver';
import type { PageAllocator } from '../mm/pageAllocator';
import type { RxRing } from '../nic/rxRing';
import type { PagePoolRegistry } from '../page_pool/registry';
import type { EventHeap } from '../util/eventHeap';
import type { IntFifo } from '../util/intFifo';
import type { EngineApi, PoolInfo } from './engineApi';
import type { NapiQueues } from './napiQueues';
import type { NicRuntime } from './topology';

export interface SimState extends EngineApi {
  /** time of the heap event being handled (the event loop sets it before each) */
  readonly simNow: number;
  readonly costSetup: CostSetup;
  readonly heap: EventHeap;
  readonly mm: PageAllocator;
  readonly registry: PagePoolRegistry;
  readonly nics: NicRuntime[];
  readonly pools: PoolInfo[];
  /** per core: the NUMA node it belongs to */
  readonly cpuNodeOf: Int32Array;
  // per global queue
  readonly qNic: Int32Array;
  readonly qIdx: Int32Array;
  readonly qCore: Int32Array;
  readonly qDriver: RxQueueDriver[];
  readonly qRing: RxRing[];
  readonly qPollNs: Float64Array;
  readonly qPollCycles: Float64Array;
  readonly qPolls: Float64Array;
  readonly qAppCore: Int32Array;
  readonly napi: NapiQueues;
  /** per core: skbs waiting for a softirq free on that core */
  readonly deferList: IntFifo[];
  /** free the skbs deferred to `core` (skb_defer_free_flush) */
  flushDeferred(core: number): void;
  /** the RX rings' completion pull while a poll runs */
  readonly pullFn: () => void;
}
