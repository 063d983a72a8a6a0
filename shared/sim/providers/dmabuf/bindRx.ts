// The netdev genetlink `bind-rx` op and unbinding (docs/model/devmem.md#bind-rx, #unbind).
// Check order as Linux 6.18 does it (net/core/netdev-genl.c netdev_nl_bind_rx_doit with
// netdev_nl_read_rxq_bitmap and netdev_nl_get_dma_dev, read in the linux-next copy of the index
// and in the patch "net: devmem: pre-read requested rx queues during bind" (Dragos Tatulea, 2025);
// the 6.18 devmem.c (6952350/linux-6.18.y) already takes the dma_dev this series computes):
//  1. missing ifindex / fd / queues                       -EINVAL (missing-attribute marker)
//  2. no such device, or device not present              -ENODEV (bad-attr ifindex)
//     driver not under the netdev instance lock           -EOPNOTSUPP (bad-attr ifindex)
//  3. queue list parsed into a bitmap BEFORE anything is bound: missing id/type -EINVAL,
//     type != rx -EINVAL, id >= real_num_rx_queues -EINVAL (bad-attr queues.id). So in 6.18 an
//     out-of-range queue gives EINVAL here; __net_mp_open_rxq's -ERANGE ("rx queue index out of
//     range", netdev_rx_queue.c) is only reachable by other callers (io_uring zcrx).
//  4. DMA device per queue must be the same                -EOPNOTSUPP "DMA device mismatch between
//     queue %u and %u (multi-PF device?)"; none at all      -EOPNOTSUPP "Device doesn't support DMA"
//  5. create the binding (dma_buf_get errors pass through, e.g. -EBADF for a bad fd)
//  6. open the provider on each queue in increasing queue order (rxQueueMp.ts netMpOpenRxq);
//     the first failure unbinds the binding from every queue already done and returns the error.
import type { KernelError } from '../../page_pool/types';
import type { NetIovTable } from '../../netmem/netIovTable';
import { DmabufBinding, type BindingHooks } from './dmabufBinding';
import type { DmabufProviderOps } from './dmabufProvider';
import type { NetdevModel } from '../../netdev/netdev';
import { netMpCloseRxq, netMpOpenRxq } from '../../netdev/rxQueueMp';

export const NETDEV_QUEUE_TYPE_RX = 0;
export const NETDEV_QUEUE_TYPE_TX = 1;

export interface BindRxRequest {
  ifindex?: number;
  fd?: number;
  queues?: { id?: number; type?: number }[];
}

/** A dma-buf the user exported (fd table entry): size in bytes and DMA scatterlist entries. */
export interface DmabufFile {
  size: number;
  sgEntries: number;
}

export type BindRxResult = { ok: true; id: number; binding: DmabufBinding } | { ok: false; error: KernelError };

/** The devmem state of one simulated host: netdevs, dma-buf fds, the global binding table. */
export class DevmemHost {
  readonly netdevs = new Map<number, NetdevModel>();
  readonly dmabufFds = new Map<number, DmabufFile>();
  /** net_devmem_dmabuf_bindings (xa_alloc_cyclic, ids from 1) — live (not yet unbound) bindings */
  readonly bindings = new Map<number, DmabufBinding>();
  /** every binding ever created, for output */
  readonly allBindings: DmabufBinding[] = [];
  private readonly providerOf = new Map<DmabufBinding, DmabufProviderOps>();
  private idNext = 1;
  private fdNext = 3;

  constructor(
    readonly niovTable: NetIovTable,
    readonly hooks: BindingHooks,
  ) {}

  addNetdev(dev: NetdevModel): void {
    this.netdevs.set(dev.ifindex, dev);
  }

  /** The user exports a dma-buf (udmabuf or a GPU exporter) and gets an fd. */
  exportDmabuf(file: DmabufFile): number {
    const fd = this.fdNext++;
    this.dmabufFds.set(fd, file);
    return fd;
  }

  private allocId(): number {
    // xa_alloc_cyclic over 1..U32_MAX, skipping ids in use.
    for (;;) {
      const id = this.idNext;
      this.idNext = id >= 0xffffffff ? 1 : id + 1;
      if (!this.bindings.has(id)) return id;
    }
  }

  /** netdev_nl_bind_rx_doit. `sock` is the netlink socket's binding list (priv->bindings). */
  bindRx(req: BindRxRequest, sock: NetlinkSock): BindRxResult {
    const fail = (errno: KernelError['errno'], message: string): BindRxResult => ({ ok: false, error: { errno, message } });
    if (req.ifindex === undefined) return fail('EINVAL', 'missing attribute: ifindex');
    if (req.fd === undefined) return fail('EINVAL', 'missing attribute: fd');
    if (req.queues === undefined || req.queues.length === 0) return fail('EINVAL', 'missing attribute: queues');

    const dev = this.netdevs.get(req.ifindex);
    if (!dev || !dev.present) return fail('ENODEV', 'bad attribute: ifindex');
    if (!dev.opsLocked)
      return fail('EOPNOTSUPP', 'bad attribute: ifindex (driver does not use the netdev instance lock: no queue management API)');

    // netdev_nl_read_rxq_bitmap
    const wanted = new Uint8Array(dev.realNumRxQueues);
    for (const qa of req.queues) {
      if (qa.id === undefined) return fail('EINVAL', 'missing attribute: queues.id');
      if (qa.type === undefined) return fail('EINVAL', 'missing attribute: queues.type');
      if (qa.type !== NETDEV_QUEUE_TYPE_RX) return fail('EINVAL', 'bad attribute: queues.type');
      if (qa.id >= dev.realNumRxQueues)
        return fail('EINVAL', `bad attribute: queues.id (${qa.id} >= real_num_rx_queues ${dev.realNumRxQueues})`);
      wanted[qa.id] = 1;
    }

    // netdev_nl_get_dma_dev
    let dmaDev: number | null = null;
    let prevQ = -1;
    for (let q = 0; q < wanted.length; q++) {
      if (!wanted[q]) continue;
      const d = dev.dmaDev(q);
      if (dmaDev !== null && d !== dmaDev) {
        return fail('EOPNOTSUPP', `DMA device mismatch between queue ${q} and ${prevQ} (multi-PF device?)`);
      }
      dmaDev = d;
      prevQ = q;
    }
    if (dmaDev === null) return fail('EOPNOTSUPP', "Device doesn't support DMA");

    // net_devmem_bind_dmabuf
    const file = this.dmabufFds.get(req.fd);
    if (!file) return fail('EBADF', `dma_buf_get(${req.fd}) failed: not a dma-buf fd`);
    const id = this.allocId();
    const made = DmabufBinding.create(id, file.size, file.sgEntries, this.niovTable, this.hooks, dev.name);
    if (!made.ok) return { ok: false, error: made.error };
    const binding = made.binding;
    this.bindings.set(id, binding);
    this.allBindings.push(binding);
    const ops = binding.ops;
    this.providerOf.set(binding, ops);

    for (let q = 0; q < wanted.length; q++) {
      if (!wanted[q]) continue;
      const e = netMpOpenRxq(dev, q, ops, (m) => this.hooks.log('warn', m));
      if (e) {
        this.unbind(binding);
        return { ok: false, error: e };
      }
      binding.boundRxqs.push(q);
    }
    sock.bindings.push(binding);
    return { ok: true, id, binding };
  }

  /**
   * net_devmem_unbind_dmabuf: drop the id from the global table, close the provider on every
   * bound queue (each restarts with a normal pool; the provider pool is destroyed, deferred
   * while its net_iovs are out) and kill the initial reference. The binding (and the pinned
   * dma-buf) goes when the last pool using it is destroyed.
   */
  unbind(binding: DmabufBinding): void {
    if (binding.state !== 'bound') return;
    this.bindings.delete(binding.id);
    const ops = this.providerOf.get(binding);
    const dev = binding.dev === null ? undefined : [...this.netdevs.values()].find((d) => d.name === binding.dev);
    if (ops && dev) {
      for (const q of binding.boundRxqs) netMpCloseRxq(dev, q, ops, (m) => this.hooks.log('warn', m));
    }
    binding.boundRxqs.length = 0;
    binding.kill();
  }

  /** netdev_nl_sock_priv_destroy: closing the netlink socket unbinds everything it bound. */
  closeNetlinkSock(sock: NetlinkSock): void {
    for (const b of sock.bindings) this.unbind(b);
    sock.bindings.length = 0;
  }

  /** The provider ops object installed for a binding (mp_params of its queues). */
  providerOps(binding: DmabufBinding): DmabufProviderOps | undefined {
    return this.providerOf.get(binding);
  }
}

/** A netlink socket's private binding list (struct netdev_nl_sock). */
export interface NetlinkSock {
  readonly bindings: DmabufBinding[];
}

export function newNetlinkSock(): NetlinkSock {
  return { bindings: [] };
}
