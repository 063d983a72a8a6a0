// Counters of one io_uring zcrx interface queue, reported under the kernel's names where it has them.
export interface ZcrxCounters {
  /** RECV_ZC CQEs posted: zero-copy frags and copy-fallback chunks */
  cqes: number;
  zc_bytes: number;
  copy_fallback_cqes: number;
  copy_fallback_bytes: number;
  /** recv requests ended with -ENOSPC (CQ full) and -ENOMEM (no free net_iov to copy into) */
  enospc: number;
  enomem: number;
  /** bytes the model drops with those failed requests */
  lost_bytes: number;
  refill_entries: number;
  rqe_invalid: number;
  /** times the user found the refill queue full and kept CQEs unreaped */
  rq_full: number;
  /** provider allocations that found the refill queue and the freelist empty */
  alloc_failures: number;
  user_passes: number;
}
