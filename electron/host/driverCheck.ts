// A NIC configuration the driver model refuses (bad mode, header split without support, ring
// out of range…) is an invalid scenario, not an internal error: ask each driver to describe its
// NIC before running, as `ip link set up` / ethtool would refuse it, and report errno and reason.
import { DriverConfigError } from '../../shared/sim/drivers/common/errors';
import { driverModel } from '../../shared/sim/drivers/registry';
import type { Scenario } from '../../shared/scenario/schema';

export interface DriverRefusal {
  nic: number;
  message: string;
}

export function driverRefusals(s: Scenario): DriverRefusal[] {
  const out: DriverRefusal[] = [];
  s.nics.forEach((nic, i) => {
    try {
      driverModel(nic.driver).describe(nic);
    } catch (e) {
      if (!(e instanceof DriverConfigError)) throw e;
      out.push({ nic: i, message: `the ${nic.driver} driver refuses ${nic.name}: ${e.message}` });
    }
  });
  return out;
}

export { DriverConfigError };
