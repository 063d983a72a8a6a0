// The run document's series column keys the report model reads (runDocument.ts lists them all):
// kept in this one file so the keys have a single spelling here.
import type { PpStatName } from '../../doc/runDocument';
import type { CycleStage } from '../../doc/cycleStages';
import { seriesKey as docKey } from '../../doc/seriesKeys';

export type NicColumn = 'rx_packets' | 'rx_bytes' | 'offered_packets' | 'cpu_busy';
export type PoolGauge = 'inflight' | 'in_nic_ring' | 'in_stack' | 'in_user';
export type BindingGauge =
  'niov_free' | 'niov_alloc_cache' | 'niov_ptr_ring' | 'niov_nic_ring' | 'niov_stack' | 'niov_user' | 'tokens_outstanding';
export type BindingDelta = 'dontneed_calls' | 'dontneed_freed' | 'alloc_failures';

export const seriesKey = {
  nic: (nic: string, c: NicColumn): string => `nic/${nic}/${c}`,
  nicDrop: (nic: string, reason: string): string => `nic/${nic}/drop/${reason}`,
  /** the prefix of every drop column of a NIC, followed by the reason */
  nicDropPrefix: (nic: string): string => `nic/${nic}/drop/`,
  nicCycles: (nic: string, stage: CycleStage): string => docKey.nicCycles(nic, stage),
  pool: (id: number, c: PpStatName | PoolGauge): string => `pool/${id}/${c}`,
  binding: (id: number, c: BindingGauge | BindingDelta): string => `binding/${id}/${c}`,
};
