// scenarios/compare/mlx4-small-frames-mtu.yaml: what a 64-byte frame costs mlx4 per MTU
// (docs/model/drivers/mlx4.md): one page per 49 frames of a descriptor with a 1024 stride, one per
// two frames with the half-page flip while skbs are held longer than the ring takes to come round.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import { ROOT, run } from '../engine/helpers';

function runAt(mtu: number) {
  const r = parseScenario(readFileSync(join(ROOT, 'scenarios/compare/mlx4-small-frames-mtu.yaml'), 'utf8'));
  if (!r.ok) throw new Error('scenario does not parse');
  const doc = run({ ...r.scenario, compare: undefined, nics: [{ ...r.scenario.nics[0], mtu }] });
  const p = doc.pools[0];
  return {
    pages: p.stats.alloc_fast + p.stats.alloc_slow,
    frames: doc.nics[0].rx.packets,
    peak: p.peak_inflight,
    ring: r.scenario.nics[0].ring!,
  };
}

describe('mlx4 64-byte frames: pages per frame follow the frag stride', () => {
  it('MTU 1000 (1024 stride): at most one page per 49 frames of a descriptor beyond the first fill', () => {
    const m = runAt(1000);
    expect(m.pages - m.ring).toBeLessThanOrEqual(Math.ceil(m.frames / 49) + m.ring / 49);
  });
  for (const mtu of [1500, 9000]) {
    it(`MTU ${mtu} (half-page flip, skbs held past the ring's turn): one page per two frames`, () => {
      const m = runAt(mtu);
      const frags = mtu === 9000 ? 4 : 1;
      const perFrame = (m.pages - frags * m.ring) / m.frames;
      expect(perFrame).toBeGreaterThan(0.45);
      expect(perFrame).toBeLessThan(0.55);
      // every descriptor keeps a page in each frag, used or not
      expect(m.peak).toBeGreaterThanOrEqual(frags * m.ring);
    });
  }
});
