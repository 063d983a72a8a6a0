import { describe, expect, it } from 'vitest';
import { newNetlinkSock } from '../../shared/sim/providers/dmabuf/bindRx';
import { ETHTOOL_TCP_DATA_SPLIT_DISABLED } from '../../shared/sim/netdev/netdev';
import { netMpOpenRxq } from '../../shared/sim/netdev/rxQueueMp';
import { DmabufProviderOps } from '../../shared/sim/providers/dmabuf/dmabufProvider';
import { PAGE_SIZE } from '../../shared/sim/page_pool/types';
import { makeHarness, rxQueues, type Harness } from './harness';

function setup(): { h: Harness; fd: number } {
  const h = makeHarness({ queues: 4, ring: 16 });
  const fd = h.host.exportDmabuf({ size: 256 * PAGE_SIZE, sgEntries: 4 });
  return { h, fd };
}

function bindErr(h: Harness, req: Parameters<Harness['host']['bindRx']>[0]): { errno: string; message: string } {
  const r = h.host.bindRx(req, newNetlinkSock());
  if (r.ok) throw new Error('bind-rx unexpectedly succeeded');
  return r.error;
}

describe('bind-rx check chain (netdev_nl_bind_rx_doit, Linux 6.18 order)', () => {
  it('missing attributes: EINVAL', () => {
    const { h, fd } = setup();
    expect(bindErr(h, { fd, queues: rxQueues(1) }).errno).toBe('EINVAL');
    expect(bindErr(h, { ifindex: 2, queues: rxQueues(1) }).errno).toBe('EINVAL');
    expect(bindErr(h, { ifindex: 2, fd }).errno).toBe('EINVAL');
    expect(bindErr(h, { ifindex: 2, fd, queues: [{ type: 0 }] }).message).toContain('queues.id');
  });
  it('no such device or device not present: ENODEV', () => {
    const { h, fd } = setup();
    expect(bindErr(h, { ifindex: 9, fd, queues: rxQueues(1) }).errno).toBe('ENODEV');
    h.dev.present = false;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) }).errno).toBe('ENODEV');
  });
  it('driver without the instance lock (no queue API: mlx4, mt76, hns3): EOPNOTSUPP, checked before the queues', () => {
    const { h, fd } = setup();
    h.dev.opsLocked = false;
    h.dev.queueOps = null;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(99) }).errno).toBe('EOPNOTSUPP');
  });
  it('queue out of range: EINVAL at parse in 6.18 (bitmap pre-read), nothing bound', () => {
    const { h, fd } = setup();
    const e = bindErr(h, { ifindex: 2, fd, queues: rxQueues(1, 4) });
    expect(e.errno).toBe('EINVAL');
    expect(e.message).toContain('queues.id');
    expect(h.host.allBindings.length).toBe(0);
    expect(h.dev.rx[1].mp).toBeNull();
  });
  it('__net_mp_open_rxq itself answers ERANGE "rx queue index out of range" (reachable by other callers)', () => {
    const { h } = setup();
    const fake = { kind: 'dmabuf' } as unknown as DmabufProviderOps;
    const e = netMpOpenRxq(h.dev, 4, fake, () => {});
    expect(e).toEqual({ errno: 'ERANGE', message: 'rx queue index out of range' });
  });
  it('queue type tx: EINVAL', () => {
    const { h, fd } = setup();
    expect(bindErr(h, { ifindex: 2, fd, queues: [{ id: 1, type: 1 }] }).errno).toBe('EINVAL');
  });
  it('DMA devices differ between queues, or none: EOPNOTSUPP with the kernel messages', () => {
    const { h, fd } = setup();
    h.dev.dmaDev = (q) => (q < 2 ? 1 : 2);
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1, 2) }).message).toBe(
      'DMA device mismatch between queue 2 and 1 (multi-PF device?)',
    );
    h.dev.dmaDev = () => null;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) })).toEqual({ errno: 'EOPNOTSUPP', message: "Device doesn't support DMA" });
  });
  it('bad dma-buf fd: EBADF from dma_buf_get', () => {
    const { h } = setup();
    expect(bindErr(h, { ifindex: 2, fd: 42, queues: rxQueues(1) }).errno).toBe('EBADF');
  });
  it('header split off or hds-thresh != 0: EINVAL with the extack text', () => {
    const { h, fd } = setup();
    h.dev.hdsConfig = ETHTOOL_TCP_DATA_SPLIT_DISABLED;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) })).toEqual({ errno: 'EINVAL', message: 'tcp-data-split is disabled' });
    h.dev.hdsConfig = 2;
    h.dev.hdsThresh = 256;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) })).toEqual({ errno: 'EINVAL', message: 'hds-thresh is not zero' });
  });
  it('XDP attached: EEXIST; queue already bound: EEXIST; AF_XDP on the queue: EBUSY', () => {
    const { h, fd } = setup();
    h.dev.xdpProgCount = 1;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) })).toEqual({
      errno: 'EEXIST',
      message: 'unable to custom memory provider to device with XDP program attached',
    });
    h.dev.xdpProgCount = 0;
    const ok = h.host.bindRx({ ifindex: 2, fd, queues: rxQueues(1) }, newNetlinkSock());
    expect(ok.ok).toBe(true);
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) })).toEqual({
      errno: 'EEXIST',
      message: 'designated queue already memory provider bound',
    });
    h.dev.rx[2].afXdp = true;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(2) })).toEqual({
      errno: 'EBUSY',
      message: 'designated queue already in use by AF_XDP',
    });
  });
  it('order-1 pool: E2BIG from the provider init, passed through by a driver that propagates it', () => {
    const { h, fd } = setup();
    h.cfg.order = 1;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) }).errno).toBe('E2BIG');
    h.cfg.memAllocErrno = 'ENOMEM';
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) }).errno).toBe('ENOMEM');
  });
  it('driver ignores the provider: ENODATA (page_pool_check_memory_provider)', () => {
    const { h, fd } = setup();
    h.cfg.ignoreProvider = true;
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1) }).errno).toBe('ENODATA');
    expect(h.dev.rx[1].mp).toBeNull();
  });
  it('a failure on a later queue unbinds the queues already bound and frees the binding', () => {
    const { h, fd } = setup();
    h.dev.rx[3].afXdp = true;
    const before = h.running[1]!.pools[0];
    expect(bindErr(h, { ifindex: 2, fd, queues: rxQueues(1, 3) }).errno).toBe('EBUSY');
    // queue 1 was bound (restarted with the provider) and then restarted again without it
    expect(h.dev.rx[1].mp).toBeNull();
    const now = h.running[1]!.pools[0];
    expect(now).not.toBe(before);
    expect(now.provider).toBeNull();
    const b = h.host.allBindings[0];
    expect(b.state).toBe('freed');
    expect(b.genpool.avail()).toBe(b.numNiovs);
    expect(h.host.bindings.size).toBe(0);
  });
  it('success: each bound queue restarted with a provider pool, the old pool destroyed, binding id >= 1', () => {
    const { h, fd } = setup();
    const old = h.running[2]!.pools[0];
    const r = h.host.bindRx({ ifindex: 2, fd, queues: rxQueues(2, 1) }, newNetlinkSock());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.id).toBeGreaterThanOrEqual(1);
    expect(r.binding.boundRxqs).toEqual([1, 2]);
    expect(old.state).toBe('destroyed');
    const p = h.running[2]!.pools[0];
    expect(p.provider).toBe(h.host.providerOps(r.binding));
    expect(p.dmaSync).toBe(false);
    expect(r.binding.refs).toBe(3); // netlink + 2 pools
    expect(r.binding.genpool.avail()).toBe(256 - 2 * 16); // each queue posted 16 net_iovs
  });
});
