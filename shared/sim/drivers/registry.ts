// Driver name → DriverModel. Each real driver registers itself here with one line.
import type { DriverName } from '../../scenario/schema';
import type { DriverModel } from './driver';
import { genericDriver } from './generic/genericDriver';
import { gveDriver } from './gve/gveDriver';
import { mlx4Driver } from './mlx4/mlx4Driver';
import { mt76Driver } from './mt76/mt76Driver';
import { hns3Driver } from './hns3/hns3Driver';
import { mlx5Driver } from './mlx5/mlx5Driver';

const DRIVERS: Partial<Record<DriverName, DriverModel>> = {
  generic: genericDriver,
  gve: gveDriver,
  mlx4: mlx4Driver,
  mt76: mt76Driver,
  hns3: hns3Driver,
  mlx5: mlx5Driver,
};

export function registerDriver(model: DriverModel): void {
  DRIVERS[model.name as DriverName] = model;
}

/** The model for a scenario's `driver:`; a clear error when it is not built yet. */
export function driverModel(name: DriverName): DriverModel {
  const m = DRIVERS[name];
  if (!m) throw new Error(`driver ${name}: no model registered (available: ${Object.keys(DRIVERS).join(', ')})`);
  return m;
}
