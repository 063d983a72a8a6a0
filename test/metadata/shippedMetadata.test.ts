// Every shipped scenario (every compare point, repeat 0, full length): where a pool or the
// driver held buffers the metadata is non-zero and equals the layout formula applied to the
// measured peak, and the NIC peak lies between the largest part and the sum of the parts.
import { describe, it } from 'vitest';
import { runScenario } from '../../shared/sim/engine/run';
import { shippedRuns } from '../../scripts/shippedScenarios';
import { checkRunMetadata } from './expected';

describe('metadata of every shipped scenario', () => {
  for (const { name, scenario } of shippedRuns()) {
    it(
      name,
      () => {
        checkRunMetadata(runScenario(scenario), name);
      },
      120_000,
    );
  }
});
