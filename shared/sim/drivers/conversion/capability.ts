// Can a driver, as configured, take unreadable net_iov buffers (devmem / io_uring zcrx)?
// The answer is a list of structured reasons (UnreadableCapability in driver.ts) the UI and the
// reports show verbatim. Rules: docs/model/netmem.md#converting-a-driver-to-netmem and docs/model/devmem.md#opening-a-provider-on-a-queue
// (the checks __net_mp_open_rxq makes before binding a provider to a queue).
import type { UnreadableCapability } from '../driver';

export type UnreadableReason =
  | 'page_variant'
  | 'no_page_pool'
  | 'no_header_split'
  | 'header_split_off'
  | 'va_based_buffers'
  | 'no_queue_api'
  | 'xdp_attached'
  | 'reads_payload'
  | 'not_modelled';

/** One sentence per reason, in a maintainer's terms. */
export const REASON_TEXT: Record<UnreadableReason, string> = {
  page_variant: 'the page-API variant hands struct page pointers around; net_iov has no struct page',
  no_page_pool: 'this mode does its own page reuse without page_pool, so no memory provider can feed it',
  no_header_split:
    'the hardware/driver cannot split headers from payload, and the stack must read headers (PP_FLAG_ALLOW_UNREADABLE_NETMEM is only valid with header split)',
  header_split_off:
    'header split is supported but off (ethtool -G tcp-data-split on); binding fails with -EINVAL "tcp-data-split is disabled"',
  va_based_buffers: 'the driver handles RX buffers by kernel virtual address (page_address / virt_to_head_page); net_iov has no address',
  no_queue_api: 'no netdev_queue_mgmt_ops: a provider cannot be installed by restarting one RX queue',
  xdp_attached: 'an XDP program is attached; binding a provider fails with -EEXIST',
  reads_payload: 'the RX path reads payload bytes (copybreak copies, header pulls from the data buffer)',
  not_modelled: 'the kernel driver supports it, but the model does not build the part it needs',
};

export interface CapabilityFacts {
  variant: 'page' | 'netmem';
  usesPagePool: boolean;
  headerSplitSupported: boolean;
  headerSplitOn: boolean;
  vaBased: boolean;
  queueApi: boolean;
  xdpAttached: boolean;
  readsPayload: boolean;
  /** parts the kernel has and the model lacks (named in the explanation) */
  notModelled?: readonly string[];
}

export function unreadableCapability(f: CapabilityFacts): UnreadableCapability {
  const reasons: UnreadableReason[] = [];
  if (f.variant === 'page') reasons.push('page_variant');
  if (!f.usesPagePool) reasons.push('no_page_pool');
  if (!f.headerSplitSupported) reasons.push('no_header_split');
  else if (!f.headerSplitOn) reasons.push('header_split_off');
  if (f.vaBased) reasons.push('va_based_buffers');
  if (!f.queueApi) reasons.push('no_queue_api');
  if (f.xdpAttached) reasons.push('xdp_attached');
  if (f.readsPayload) reasons.push('reads_payload');
  if (f.notModelled && f.notModelled.length > 0) reasons.push('not_modelled');
  const ok = reasons.length === 0;
  const explanation = ok
    ? 'can take unreadable net_iov: netmem-typed buffers, header split on, PP_FLAG_ALLOW_UNREADABLE_NETMEM with queue_idx, queue management ops to restart the queue'
    : `cannot take unreadable net_iov: ${reasons.map((r) => REASON_TEXT[r]).join('; ')}`;
  return { ok, reasons, explanation };
}
