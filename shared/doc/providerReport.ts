// What a memory provider reports about itself in the run document, reports and CLI summary.
import type { ProviderKind } from './names';

/** bound: serving queues; unbound: the user let go, pools still hold references; freed: gone. */
export type ProviderState = 'bound' | 'unbound' | 'freed';

export interface ProviderReport {
  kind: ProviderKind;
  id: number;
  nic: string;
  state: ProviderState;
  /** bytes of memory behind the provider and the net_iovs it is cut into */
  bytes: number;
  net_iovs: number;
  queues: number[];
  /** allocations the provider could not serve (area / genpool empty) */
  alloc_failures: number;
  /** provider-specific counters under their kernel names */
  counters: Record<string, number>;
}
