// The figures the run view shows beside its charts, grouped per NIC, per pool and per binding.
// Built from the report model's own tables (resultsSection, pagePoolSection, bindingsSection),
// so the app, the exported report and their keys (`nic/eth0/gbps`, `pool/3/alloc_fast`) agree.
import type { RunDocument } from '../../doc/runDocument';
import type { ReportBlock } from './types';
import { dropNote, dropsTable, nicResultsTable } from './resultsSection';
import { pagePoolBlocks } from './pagePoolSection';
import { bindingBlocks } from './bindingsSection';
import { cyclesByStageTable } from './cyclesSection';
import { stageBars } from '../charts/cyclesByStage';
import { providerBlocks } from './providersSection';

export interface NumbersGroup {
  id: 'nics' | 'pools' | 'bindings' | 'providers';
  title: string;
  blocks: ReportBlock[];
}

/**
 * A run document without `cycles_by_stage` keeps cycles per packet as totals (NAPI side and
 * application side); the view says so instead of drawing a breakdown it does not have.
 */
export const CYCLES_BY_STAGE_NOTE =
  'Cycles per packet are totals: this run document records the NAPI side and the application side, not a split by stage (alloc, DMA, driver, GRO, copy, socket, recycle).';

/** One line per drop reason present in the run: what the counter means. */
export function dropLegend(doc: RunDocument): ReportBlock | null {
  const reasons = [...new Set(doc.nics.flatMap((n) => Object.keys(n.rx.drops)))].sort();
  if (reasons.length === 0) return null;
  return {
    kind: 'definitions',
    items: reasons.map((r) => ({ term: r, text: dropNote(r) ?? 'counted by the driver model under this name; no description recorded.' })),
  };
}

export function runNumbers(doc: RunDocument): NumbersGroup[] {
  const drops = dropsTable(doc);
  const legend = dropLegend(doc);
  const stages = cyclesByStageTable(stageBars(doc.nics));
  const nicBlocks: ReportBlock[] = [
    { kind: 'table', table: nicResultsTable(doc) },
    stages ? { kind: 'table', table: stages } : { kind: 'text', text: CYCLES_BY_STAGE_NOTE, tone: 'note' },
    ...(drops ? [{ kind: 'table' as const, table: { ...drops, note: undefined } }] : []),
    ...(legend ? [legend] : []),
  ];
  const groups: NumbersGroup[] = [{ id: 'nics', title: 'Per NIC', blocks: nicBlocks }];
  groups.push({ id: 'pools', title: 'Per page_pool', blocks: pagePoolBlocks(doc) });
  const bind = bindingBlocks(doc);
  if (bind.length > 0) groups.push({ id: 'bindings', title: 'Per devmem binding', blocks: bind });
  const prov = providerBlocks(doc);
  if (prov.length > 0) groups.push({ id: 'providers', title: 'Per memory provider (dma-buf binding, zcrx area)', blocks: prov });
  return groups;
}
