// gve_rx_dqo (6.18, 62d7f40503bc): a packet whose first buffer is a net_iov is dropped only when
// the completion carries no split_header bit — header split is off, so the header sits in memory
// the kernel cannot map. With header split on, a frame the device did not split is counted as
// rx_hsplit_unsplit_pkt and goes up the stack unreadable; it is not dropped.
import { describe, expect, it } from 'vitest';
import { createPagePool } from '../../shared/sim/page_pool/create';
import { PAGE_SIZE, PP_FLAG_ALLOW_UNREADABLE_NETMEM } from '../../shared/sim/page_pool/types';
import { DmabufBinding } from '../../shared/sim/providers/dmabuf/dmabufBinding';
import { DmabufProviderOps } from '../../shared/sim/providers/dmabuf/dmabufProvider';
import { gveDriver } from '../../shared/sim/drivers/gve/gveDriver';
import type { DriverContext } from '../../shared/sim/drivers/driver';
import { driverHarness, receive } from './harness';

function gveOnDmabuf(headerSplit: boolean) {
  const t = driverHarness({ driver: 'gve', variant: 'netmem', header_split: headerSplit, ring: 256 });
  const b = DmabufBinding.create(1, 2048 * PAGE_SIZE, 1, t.h.tables.niov, { now: () => t.h.now, log: () => undefined }, 'eth0');
  if (!b.ok) throw new Error(b.error.message);
  const ops = new DmabufProviderOps(b.binding);
  // The queue's pool picks up the bound provider (rxq->mp_params), as page_pool_init does.
  const ctx: DriverContext = {
    ...t.ctx,
    createPagePool: (params) => {
      const r = createPagePool({ ...params, flags: params.flags | PP_FLAG_ALLOW_UNREADABLE_NETMEM }, t.h.hooks, ops);
      if (r.ok) t.pools.push(r.value);
      return r;
    },
  };
  const q = gveDriver.createQueue(ctx);
  q.start();
  return { t, q };
}

describe('GVE drops a net_iov frame only when header split is off', () => {
  it('header split on, frame not split by the device: delivered unreadable, not dropped', () => {
    const { t, q } = gveOnDmabuf(true);
    expect(receive(q, 8, 1500, 0)).toBe(8);
    expect(t.counts.get('rx_dropped_pkt') ?? 0).toBe(0);
    expect(t.skbs.length).toBe(8);
    expect(t.skbs.every((s) => !s.readable)).toBe(true);
  });

  it('header split on, frame split: delivered unreadable with its header in the header buffer', () => {
    const { t, q } = gveOnDmabuf(true);
    expect(receive(q, 8, 1500, 66)).toBe(8);
    expect(t.counts.get('rx_dropped_pkt') ?? 0).toBe(0);
    expect(t.skbs.length).toBe(8);
  });

  it('header split off: the header landed in the net_iov, the frame is dropped', () => {
    const { t, q } = gveOnDmabuf(false);
    expect(receive(q, 8, 1500, 0)).toBe(8);
    expect(t.counts.get('rx_dropped_pkt')).toBe(8);
    expect(t.skbs.length).toBe(0);
  });
});
