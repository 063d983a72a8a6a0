// Each driver model states the gfp of its RX buffer allocations, with its source: only mlx4's
// refill and hns3's legacy mode (dev_alloc_pages) pass __GFP_MEMALLOC (docs/model/memory-gfp.md).
import { describe, expect, it } from 'vitest';
import { driverModel } from '../../shared/sim/drivers/registry';
import { nicConfig } from './harness';

const cases: [Record<string, unknown>, boolean][] = [
  [{ driver: 'gve' }, false],
  [{ driver: 'gve', mode: 'dqo-qpl' }, false],
  [{ driver: 'mt76' }, false],
  [{ driver: 'generic' }, false],
  [{ driver: 'hns3' }, false],
  [{ driver: 'hns3', mode: 'legacy' }, true],
  [{ driver: 'mlx4' }, true],
  [{ driver: 'mlx4', mode: 'legacy' }, true],
];

describe('rx_gfp in every driver description', () => {
  for (const [nic, memalloc] of cases) {
    it(`${JSON.stringify(nic)}: ${memalloc ? 'GFP_ATOMIC | __GFP_MEMALLOC' : 'no __GFP_MEMALLOC'}, with a source file`, () => {
      const d = driverModel(nic.driver as 'gve').describe(nicConfig(nic));
      expect(d.rx_gfp).toMatch(/GFP_/);
      expect(d.rx_gfp).toMatch(/\.[ch] /);
      expect(d.rx_gfp.includes('__GFP_MEMALLOC')).toBe(memalloc);
    });
  }
});
