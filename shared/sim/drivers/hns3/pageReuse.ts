// hns3 legacy RX page reuse (page_pool_enabled=0): the pagecnt_bias scheme of hns3_nic_reuse_page
// (docs/model/drivers/hns3.md#legacy-page-reuse). The page holds 65535 references taken up front; the driver is the
// sole owner while page_count == pagecnt_bias. Decision per buffer handed to the stack, in order:
//   never reuse a remote-node or pfmemalloc page (→ e);
//   a) offset 0 and sole owner            → offset += truesize, reuse
//   b) offset ≠ 0 and offset + 2×truesize ≤ page size → offset += truesize, reuse
//   c) offset ≠ 0 and sole owner          → offset = 0, reuse
//   d) frame ≤ rx_copybreak              → copy into a napi_alloc_frag buffer, reuse the page
//   e) otherwise                          → hand the page over; a new one is allocated at refill
// Pure functions so the rules can be tested one by one.

export const RULE_A = 1;
export const RULE_B = 2;
export const RULE_C = 3;
export const RULE_D = 4;
export const RULE_E = 5;
export const RULE_NAMES = ['', 'a', 'b', 'c', 'd', 'e'] as const;

export function hns3ReuseRule(
  offset: number,
  truesize: number,
  pageBytes: number,
  soleOwner: boolean,
  reusablePage: boolean,
  fragBytes: number,
  copybreak: number,
): number {
  if (!reusablePage) return RULE_E;
  if (offset === 0 && soleOwner) return RULE_A;
  if (offset !== 0 && offset + 2 * truesize <= pageBytes) return RULE_B;
  if (offset !== 0 && soleOwner) return RULE_C;
  if (fragBytes <= copybreak) return RULE_D;
  return RULE_E;
}

/** Slot offset after the rule (unchanged for d; e leaves the slot empty). */
export function hns3NextOffset(rule: number, offset: number, truesize: number): number {
  if (rule === RULE_A || rule === RULE_B) return offset + truesize;
  if (rule === RULE_C) return 0;
  return offset;
}
