// The run estimate's column count (validation's memory budget) against the columns a run really
// has: for every shipped scenario, real ≤ estimate ≤ 2 × real, so new series columns cannot make
// the budget silently optimistic.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { estimateRun } from '../../shared/sim/engine/estimate';
import { runScenario } from '../../shared/sim/engine/run';

const DIR = path.join(__dirname, '../../scenarios');
const files = ['', 'reference', 'zcrx'].flatMap((d) =>
  readdirSync(path.join(DIR, d))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(d, f)),
);

describe('estimateRun columns', () => {
  for (const f of files) {
    it(f, () => {
      const r = parseScenario(readFileSync(path.join(DIR, f), 'utf8'));
      if (!r.ok) throw new Error(`${f}: ${r.errors[0].message}`);
      // A short run has every column a long one has (pools created later are added as they appear).
      const s = { ...r.scenario, duration: Math.min(r.scenario.duration, 1_000_000), events: [] };
      const real = Object.keys(runScenario(s, {}).series.columns).length;
      const est = estimateRun(r.scenario).columns;
      expect(est).toBeGreaterThanOrEqual(real);
      expect(est).toBeLessThanOrEqual(2 * real);
    });
  }
});
