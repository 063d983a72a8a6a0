// Which importer a file needs, from its content (`cli import` without --as).
import type { MeasuredKind } from '../doc/measuredDocument';
import { YNL_SAMPLE } from './ynlSample';

export function detectKind(text: string): MeasuredKind | null {
  if (/Per elem:\s+\d+\s+cycles\(tsc\)/.test(text)) return 'bench';
  if (/^\s*NIC statistics:\s*$/m.test(text)) return 'ethtool';
  if (YNL_SAMPLE.test(text)) return 'ynl';
  if (/^(# TYPE )?(node_ethtool_|netmem_workbench_)\w+/m.test(text)) return 'prom';
  if (/"type"\s*:\s*"(map|hist|lhist|stats|attached_probes)"/.test(text)) return 'bpftrace';
  if (/['"](alloc-fast|inflight|info|ifindex|recycle-ring)['"]\s*:/.test(text)) return 'ynl';
  // ynl's pprint form: a dict (or a list of dicts) keyed by single-quoted attribute names.
  if (/^\s*(\d+(\.\d+)?\s+)?\[?\s*\{\s*'[a-z][a-z0-9-]*'\s*:/.test(text)) return 'ynl';
  return null;
}
