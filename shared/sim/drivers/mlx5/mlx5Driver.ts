// mlx5e DriverModel: striding RQ (default) and cyclic RQ, page and netmem variants; the striding
// RQ with tcp-data-split on runs SHAMPO (header-data split, HW-GRO).
import type { DriverContext, DriverModel, RxQueueDriver } from '../driver';
import { describeMlx5 } from './describe';
import { mlx5Params } from './params';
import { Mlx5RxQueue } from './rxQueue';
import { Mlx5ShampoRxQueue } from './shampoQueue';

export const mlx5Driver: DriverModel = {
  name: 'mlx5',
  describe: describeMlx5,
  createQueue(ctx: DriverContext): RxQueueDriver {
    const p = mlx5Params(ctx.nic, ctx.mm.pageSize);
    return p.shampo ? new Mlx5ShampoRxQueue(ctx, p) : new Mlx5RxQueue(ctx, p);
  },
};
