// mt76 DriverModel: MMIO (PCIe/AXI) and USB profiles of the data RX queue.
import type { DriverContext, DriverModel, RxQueueDriver } from '../driver';
import { describeMt76 } from './describe';
import { mt76Params } from './params';
import { Mt76RxQueue } from './rxQueue';

export const mt76Driver: DriverModel = {
  name: 'mt76',
  describe: describeMt76,
  createQueue(ctx: DriverContext): RxQueueDriver {
    return new Mt76RxQueue(ctx, mt76Params(ctx.nic, ctx.mm.pageSize));
  },
};
