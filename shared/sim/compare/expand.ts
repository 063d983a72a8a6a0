// Expand a scenario's `compare` matrix into labelled points, and `repeat: N` into seeds.
// The matrix is a cartesian product over its keys in file order, the first key varying
// slowest; point 0 takes the first value of every key and is the baseline deltas refer to.
// Keys are scenario override paths as shared/sim/validate/overrides.ts resolves them (`variant` and
// other bare NIC fields apply to every NIC; `nics[0].ring`, `host.iommu`, … are explicit paths).
import type { ComparePoint, CompareValue } from '../../doc/compareDocument';

/** Most points one compare may expand to (each point × repeat is one full run). */
export const MAX_COMPARE_RUNS = 512;

export interface ExpandedMatrix {
  points: ComparePoint[];
  keys: string[];
}

/**
 * Seed of repeat `r` for a scenario seed: repeat 0 keeps it, later repeats hash (seed, r) with
 * a 32-bit finaliser (murmur3 fmix32), so seeds are reproducible and well spread. Every matrix
 * point uses the same seeds (common random numbers): deltas between points then reflect the
 * change, not a different random draw.
 */
export function deriveSeed(seed: number, r: number): number {
  if (r === 0) return seed >>> 0;
  let h = (seed ^ Math.imul(r, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

function formatValue(v: CompareValue): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * Expand `matrix` (already validated: every key has ≥ 1 value) over `repeat` seeds.
 * An absent or empty matrix yields one point with no overrides.
 */
export function expandMatrix(matrix: Record<string, CompareValue[]> | undefined, seed: number, repeat: number): ExpandedMatrix {
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`repeat must be a positive integer, got ${repeat}`);
  const keys = Object.keys(matrix ?? {});
  const lists = keys.map((k) => matrix![k]);
  for (let i = 0; i < keys.length; i++) {
    if (lists[i].length === 0) throw new RangeError(`compare.${keys[i]}: needs at least one value`);
  }
  const total = lists.reduce((n, l) => n * l.length, 1);
  if (total * repeat > MAX_COMPARE_RUNS) {
    throw new RangeError(
      `compare expands to ${total} points × ${repeat} repeats = ${total * repeat} runs; the limit is ${MAX_COMPARE_RUNS}`,
    );
  }
  const seeds = Array.from({ length: repeat }, (_, r) => deriveSeed(seed, r));
  const points: ComparePoint[] = [];
  for (let index = 0; index < total; index++) {
    const overrides: Record<string, CompareValue> = {};
    let rest = index;
    // Row-major: the last key varies fastest.
    const picks = new Array<number>(keys.length);
    for (let k = keys.length - 1; k >= 0; k--) {
      picks[k] = rest % lists[k].length;
      rest = Math.floor(rest / lists[k].length);
    }
    for (let k = 0; k < keys.length; k++) overrides[keys[k]] = lists[k][picks[k]];
    const label = keys.length === 0 ? 'base' : keys.map((k) => `${k}=${formatValue(overrides[k])}`).join(' ');
    points.push({ index, label, overrides, seeds: [...seeds] });
  }
  return { points, keys };
}
