// The stages the cycles charged to the cores are split into, per NIC (run document
// `nics[].cycles_by_stage`). Order is the document's order.
//   irq_napi  hard IRQ, softirq / NAPI thread wake-up, the poll loop itself, busy-poll loop
//   alloc     page_pool allocation paths, the page allocator, driver page allocations
//   dma       DMA map / unmap / sync for device and CPU (IOMMU costs included)
//   driver    descriptor handling, refill posting, doorbells, XDP program runs, driver checks
//   gro       skb build, GRO, IP + TCP/UDP receive
//   copy      bytes copied (recvmsg copy, header pulls, copy-break)
//   socket    recvmsg calls, devmem tokens, io_uring zcrx completions
//   recycle   page_pool put / recycle / release paths, skb free, page refcount drops
// The stage ids and their count come first, as literals: the ahead-of-time build (esbuild) folds a
// constant into the code that uses it only while the module's top is nothing but such literals.
export const STAGE_IRQ_NAPI = 0;
export const STAGE_ALLOC = 1;
export const STAGE_DMA = 2;
export const STAGE_DRIVER = 3;
export const STAGE_GRO = 4;
export const STAGE_COPY = 5;
export const STAGE_SOCKET = 6;
export const STAGE_RECYCLE = 7;
export const CYCLE_STAGE_COUNT = 8;

export const CYCLE_STAGES = ['irq_napi', 'alloc', 'dma', 'driver', 'gro', 'copy', 'socket', 'recycle'] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];
if (CYCLE_STAGES.length !== CYCLE_STAGE_COUNT) throw new Error('cycleStages.ts: CYCLE_STAGE_COUNT is not the number of stages');
