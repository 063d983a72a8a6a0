// mlx4 DriverModel: page_pool mode (v6.15+) and the pre-6.15 driver-allocated mode.
import type { DriverContext, DriverModel, RxQueueDriver } from '../driver';
import { describeMlx4 } from './describe';
import { mlx4Params } from './params';
import { Mlx4RxQueue } from './rxQueue';

export const mlx4Driver: DriverModel = {
  name: 'mlx4',
  describe: describeMlx4,
  createQueue(ctx: DriverContext): RxQueueDriver {
    return new Mlx4RxQueue(ctx, mlx4Params(ctx.nic));
  },
};
