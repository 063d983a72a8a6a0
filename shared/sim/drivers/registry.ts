// Driver name → DriverModel, one line per driver. A Record over the schema's driver names
// (doc/names.ts): a driver without a model does not compile.
import type { DriverName } from '../../doc/names';
import type { DriverModel } from './driver';
import { genericDriver } from './generic/genericDriver';
import { gveDriver } from './gve/gveDriver';
import { mlx4Driver } from './mlx4/mlx4Driver';
import { mt76Driver } from './mt76/mt76Driver';
import { hns3Driver } from './hns3/hns3Driver';
import { mlx5Driver } from './mlx5/mlx5Driver';

export const DRIVER_MODELS: Readonly<Record<DriverName, DriverModel>> = {
  generic: genericDriver,
  gve: gveDriver,
  mlx4: mlx4Driver,
  mt76: mt76Driver,
  hns3: hns3Driver,
  mlx5: mlx5Driver,
};

/** The model for a scenario's `driver:`. */
export function driverModel(name: DriverName): DriverModel {
  return DRIVER_MODELS[name];
}
