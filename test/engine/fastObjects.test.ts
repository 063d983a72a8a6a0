// Every object the engine reaches while simulating stays in V8's fast (shape-based) property mode:
// one built in dictionary mode (an object literal with accessors, a delete, many keyed stores)
// turns each property read on the per-packet path into a hash lookup. The check uses V8's
// %HasFastProperties through --allow-natives-syntax, switched on at run time.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../shared/sim/engine/simulation';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scenarioFile } from './helpers';

setFlagsFromString('--allow-natives-syntax');
// natives syntax parses only in code compiled after the flag is set
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

/** Paths of the objects reachable from `root` (own enumerable properties) that are in dictionary mode. */
function slowObjects(root: object): string[] {
  const seen = new Set<object>();
  const slow: string[] = [];
  const walk = (o: unknown, path: string, depth: number): void => {
    if (o === null || typeof o !== 'object' || ArrayBuffer.isView(o) || seen.has(o) || depth > 8) return;
    seen.add(o);
    if (o instanceof Map || o instanceof Set) {
      for (const v of o.values()) walk(v, `${path}{}`, depth + 1);
      return;
    }
    if (Array.isArray(o)) {
      o.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!hasFastProperties(o)) slow.push(path);
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`, depth + 1);
  };
  walk(root, 'sim', 0);
  return slow;
}

describe('engine objects in fast property mode', () => {
  const dirs = ['', 'reference', 'zcrx'];
  const files = dirs.flatMap((d) =>
    readdirSync(join(ROOT, 'scenarios', d))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => (d === '' ? f : `${d}/${f}`)),
  );
  for (const file of files) {
    it(file, () => {
      const s = scenarioFile(file, { duration: 200_000, sample: 100_000 });
      const sim = new Simulation(s);
      sim.start();
      sim.runUntil(s.duration, () => {});
      expect(slowObjects(sim)).toEqual([]);
    });
  }
});
