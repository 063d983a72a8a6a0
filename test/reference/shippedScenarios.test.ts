// Every shipped driver scenario (scenarios/compare, scenarios/reference, scenarios/measured)
// parses, documents itself in a comment block, expands its compare matrix, and every point runs
// (shortened to 2 ms) without drops caused by the model itself failing.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import { planCompare } from '../../shared/sim/compare/plan';
import { runScenario } from '../../shared/sim/engine/run';

const ROOT = path.resolve(__dirname, '../../scenarios');
const FILES = [
  ...readdirSync(path.join(ROOT, 'compare'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `compare/${f}`),
  ...['bench-page-pool-simple', 'hns3-iommu-strict', 'mlx4-iommu-overload', 'xdp-drop-mlx5-style', 'xdp-drop-mlx5'].map(
    (f) => `reference/${f}.yaml`,
  ),
  'zcrx/liburing-defaults.yaml',
  'zcrx/mlx5-liburing-defaults.yaml',
  'mlx5-devmem-hds.yaml',
  'measured/mlx5-cx6dx-xdp-drop.yaml',
];

/**
 * Sweeps whose small points run out of net_iovs on purpose (rx_buf_alloc_fail is what they
 * measure): only their largest point must receive without that drop.
 */
const STARVES_BY_DESIGN = new Set(['compare/devmem-dmabuf-size-200g.yaml']);

describe('shipped driver scenarios', () => {
  for (const file of FILES) {
    it(`${file}: documented, valid, every compare point runs`, () => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
      expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(4);
      const r = parseScenario(text);
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
      const doc = { ...(r.doc as Record<string, unknown>), duration: '2ms', sample: '500us' };
      const plan = planCompare(doc, r.scenario, 1);
      plan.runs.forEach((run, i) => {
        const d = runScenario(run.scenario);
        expect(d.nics[0].rx.packets).toBeGreaterThan(0);
        expect(d.nics[0].rx.drops.rx_alloc_fail ?? 0).toBe(0);
        if (!STARVES_BY_DESIGN.has(file) || i === plan.runs.length - 1) expect(d.nics[0].rx.drops.rx_buf_alloc_fail ?? 0).toBe(0);
      });
    }, 120_000);
  }
});
