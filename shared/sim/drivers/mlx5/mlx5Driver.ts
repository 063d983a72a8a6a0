// mlx5e DriverModel: striding RQ (default) and cyclic RQ, page and netmem variants.
import type { DriverContext, DriverModel, RxQueueDriver } from '../driver';
import { describeMlx5 } from './describe';
import { mlx5Params } from './params';
import { Mlx5RxQueue } from './rxQueue';

export const mlx5Driver: DriverModel = {
  name: 'mlx5',
  describe: describeMlx5,
  createQueue(ctx: DriverContext): RxQueueDriver {
    return new Mlx5RxQueue(ctx, mlx5Params(ctx.nic, ctx.mm.pageSize));
  },
};
