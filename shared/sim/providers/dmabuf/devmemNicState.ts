// The devmem state of one NIC in a run: its bindings, its devmem sockets per flow, the
// application's token-return policy, and what was read through it.
import type { EngineApi } from '../../engine/engineApi';
import type { CostTable } from '../../costs/costTable';
import type { NetdevModel } from '../../netdev/netdev';
import type { DmabufBinding } from './dmabufBinding';
import { newNetlinkSock, type NetlinkSock } from './bindRx';
import type { DevmemSocket } from './devmemSocket';

/** Header bytes in host memory per devmem packet: the engine's header-split lengths
 * (Ethernet 14 + IPv4 20 + TCP with timestamps 32, or UDP 8), as simulation.ts places them. */
const HDR_TCP = 14 + 20 + 32;
const HDR_UDP = 14 + 20 + 8;

export interface BoundRecord {
  b: DmabufBinding;
  queuesAtBind: number[];
  boundNs: number;
}

export interface NicDevmem {
  nic: number;
  name: string;
  dev: NetdevModel;
  nl: NetlinkSock;
  costs: CostTable;
  bound: BoundRecord[];
  bindFailures: number;
  /** devmem socket per NIC-wide flow id (created at its first devmem read) and their list */
  sockets: (DevmemSocket | undefined)[];
  socketList: DevmemSocket[];
  /** per flow: 1 once its socket was closed */
  closedFlows: Uint8Array;
  dontneed: { batch: number; every: number } | null;
  nextReturnNs: number;
  stallUntil: number;
  /** last devmem read, and whether the idle token-return timer is armed */
  lastReadNs: number;
  idleTimer: boolean;
  packets: number;
  bytes: number;
  hdrBytes: number;
  tokens: number;
  /** per NIC-wide flow id: 1 = a devmem socket (its traffic is ntuple-steered), 0 = ordinary socket */
  devmemFlow: Uint8Array;
  flowHdr: Int32Array;
  /** unreadable skbs read by ordinary sockets (recvmsg without MSG_SOCK_DEVMEM: -EFAULT) */
  efault: number;
  efaultFlows: Set<number>;
}

/** A NIC's devmem state before its first bind: which of its flows are devmem sockets, their header bytes. */
export function newNicDevmem(e: EngineApi, nic: number, dev: NetdevModel): NicDevmem {
  const cfg = e.nicConfig(nic);
  const cons = e.scenario.consumer.find((c) => c.nic === cfg.name);
  // NIC-wide flow ids in traffic order, as the engine numbers them. Flows the scenario steers
  // (ethtool -N … queue N) belong to the devmem application; RSS-spread flows are ordinary sockets.
  const devFlows: number[] = [];
  const hdr: number[] = [];
  for (const t of e.scenario.traffic) {
    if (t.nic !== cfg.name) continue;
    for (let f = 0; f < t.flows; f++) {
      devFlows.push(t.steer_to ? 1 : 0);
      hdr.push(t.protocol === 'udp' ? HDR_UDP : HDR_TCP);
    }
  }
  return {
    nic,
    name: cfg.name,
    dev,
    nl: newNetlinkSock(),
    costs: e.nicCosts(nic),
    bound: [],
    bindFailures: 0,
    sockets: [],
    socketList: [],
    closedFlows: new Uint8Array(devFlows.length),
    dontneed: cons?.dontneed ? { batch: cons.dontneed.batch, every: cons.dontneed.every } : null,
    nextReturnNs: 0,
    stallUntil: 0,
    lastReadNs: 0,
    idleTimer: false,
    packets: 0,
    bytes: 0,
    hdrBytes: 0,
    tokens: 0,
    devmemFlow: Uint8Array.from(devFlows),
    flowHdr: Int32Array.from(hdr),
    efault: 0,
    efaultFlows: new Set(),
  };
}
