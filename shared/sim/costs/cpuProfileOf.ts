// The CPU profile a scenario's host runs on: a shipped one by name (costTable.ts CPU_PROFILE_TABLE)
// or one calibrated from a bench_page_pool_simple run (host.cpu.profile_data, filled from
// host.cpu.profile_file when the scenario is loaded). The one place that reads host.cpu for costs.
import type { CpuProfileName, Scenario } from '../../scenario/schema';
import { calibratedProfile, CPU_PROFILE_TABLE, type CpuProfile } from './costTable';

export function cpuProfileOf(cpu: Scenario['host']['cpu']): CpuProfile {
  const d = cpu.profile_data;
  if (!d) {
    if (cpu.profile_file !== undefined)
      throw new Error(
        `host.cpu.profile_file ${cpu.profile_file} was not read: load the scenario from its file (cli run/report/compare) so the profile can be resolved`,
      );
    return CPU_PROFILE_TABLE[cpu.profile];
  }
  return calibratedProfile({
    name: d.name,
    label: d.label ?? d.name,
    ghz: d.ghz,
    fast: d.fast,
    ptrRing: d.ptr_ring,
    slow: d.slow,
    ...(d.atomic !== undefined ? { atomic: d.atomic } : {}),
    ...(d.lock !== undefined ? { lock: d.lock } : {}),
    source: d.source ?? `calibrated profile ${d.name}`,
  });
}

/**
 * What the cost table is built from: a shipped profile by name (so a sensitivity run can move its
 * figures) or the calibrated profile itself.
 */
export function profileRefOf(cpu: Scenario['host']['cpu']): CpuProfileName | CpuProfile {
  return cpu.profile_data || cpu.profile_file !== undefined ? cpuProfileOf(cpu) : cpu.profile;
}
