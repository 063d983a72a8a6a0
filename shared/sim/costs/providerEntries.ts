// Memory-provider cost entries beyond devmem's (entries.ts DEVMEM_ENTRIES): io_uring zero-copy
// receive (io_uring/zcrx.c; docs/model/zcrx.md#costs). Every entry is an estimate with a range.
import type { CostEntry } from './types';

export type ZcrxEntry = 'zcrx_cqe' | 'zcrx_refill_entry' | 'zcrx_user_rqe' | 'zcrx_user_pass';

function est(value: number, range: readonly [number, number], estimate: string): CostEntry {
  return { value, unit: 'e5-cycles', estimate, range };
}

export const ZCRX_ENTRIES: Readonly<Record<ZcrxEntry, CostEntry>> = {
  zcrx_cqe: est(
    40,
    [20, 100],
    'io_zcrx_recv_frag per frag: the net_iov checks, one 32-byte CQE (io_uring_zcrx_cqe) in the CQ ring and the user-reference atomic (the pp_ref_count increment is charged by page_pool)',
  ),
  zcrx_refill_entry: est(
    25,
    [10, 60],
    'io_zcrx_ring_refill per refill queue entry: io_parse_rqe (area and offset checks) and the user-reference decrement, before the page_pool unref',
  ),
  zcrx_user_rqe: est(10, [5, 30], 'the application per buffer: read a CQE and write a 16-byte io_uring_zcrx_rqe at the refill queue tail'),
  zcrx_user_pass: est(
    500,
    [250, 1500],
    'one pass of the application loop: io_uring_submit_and_wait (a system call round trip with task work), like a recvmsg call',
  ),
};
