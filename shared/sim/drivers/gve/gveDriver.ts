// GVE DriverModel: DQO-RDA (page_pool; page or netmem variant) and DQO-QPL (own page reuse).
import type { DriverContext, DriverModel, RxQueueDriver } from '../driver';
import { describeGve } from './describe';
import { gveParams } from './params';
import { GveDqoRdaQueue } from './dqoRdaQueue';
import { GveDqoQplQueue } from './dqoQplQueue';

export const gveDriver: DriverModel = {
  name: 'gve',
  describe: describeGve,
  createQueue(ctx: DriverContext): RxQueueDriver {
    const p = gveParams(ctx.nic, ctx.mm.pageSize);
    return p.mode === 'dqo-rda' ? new GveDqoRdaQueue(ctx, p, ctx.ifindex ?? 0) : new GveDqoQplQueue(ctx, p);
  },
};
