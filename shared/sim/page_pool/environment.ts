// One run's memory world: the page allocator (with the page table), the net_iov table, the
// shared per-pool place counts and the page_pool registry. The engine builds one per run and
// passes its parts in PagePoolHooks; tests build one per case.
import { PageAllocator, type PageAllocatorConfig } from '../mm/pageAllocator';
import { NetIovTable } from '../netmem/netIovTable';
import { NetmemTables } from '../netmem/netmemTables';
import { PoolPlaceCounts } from '../netmem/poolPlaceCounts';
import { PagePoolRegistry } from './registry';

export interface MemoryWorld {
  mm: PageAllocator;
  tables: NetmemTables;
  registry: PagePoolRegistry;
}

export function createMemoryWorld(cfg: PageAllocatorConfig): MemoryWorld {
  const counts = new PoolPlaceCounts();
  const mm = new PageAllocator(cfg, counts);
  const tables = new NetmemTables(mm.table, new NetIovTable(counts));
  return { mm, tables, registry: new PagePoolRegistry(counts) };
}

/** host.memory from the scenario → allocator config (bytes stay bytes; watermarks per node). */
export function pageAllocatorConfigFromHost(
  memory: {
    numa_nodes: number;
    per_node: number;
    watermarks?: { min: number; low: number; high: number };
  },
  pageSize?: number,
): PageAllocatorConfig {
  return { numaNodes: memory.numa_nodes, perNodeBytes: memory.per_node, watermarks: memory.watermarks, pageSize };
}
