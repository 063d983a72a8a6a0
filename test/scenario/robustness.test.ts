// Whatever the input, parseScenario returns (never throws) and every error it reports is located
// in the file and sorted by position.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { ScenarioError } from '../../shared/api';
import { baseText } from './fixtures';

function checkErrors(errors: ScenarioError[], text: string): void {
  const lines = text.split('\n').length;
  for (const e of errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(5);
  }
  for (let i = 1; i < errors.length; i++) {
    const a = errors[i - 1];
    const b = errors[i];
    expect(a.line < b.line || (a.line === b.line && a.col <= b.col)).toBe(true);
  }
}

const base = (() => {
  const r = parseScenario(baseText());
  if (!r.ok) throw new Error('fixture');
  return r.doc as Record<string, unknown>;
})();

/** Every path to a value in the base document. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
const ALL_PATHS = paths(base).filter((p) => p.length > 0);

function setAt(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  let v: Record<string, unknown> = copy;
  for (const seg of path.slice(0, -1)) v = v[seg as string] as Record<string, unknown>;
  v[path[path.length - 1] as string] = value;
  return copy;
}

const jsonValue = fc.oneof(
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('1s', '64MiB', '10Gbit', 'imix', 'line', 'eth0', 'netmem', '1000'),
  fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
);

describe('parseScenario never throws and always locates its errors', () => {
  it('for any value put anywhere in a valid scenario', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS), jsonValue, (path, value) => {
        const text = stringify(setAt(base, path, value));
        const r = parseScenario(text);
        if (!r.ok) checkErrors(r.errors, text);
      }),
      { numRuns: 400, seed: 42 },
    );
  });
  it('for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseScenario(text);
        if (!r.ok) checkErrors(r.errors, text);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
  it('for a valid file with lines dropped', () => {
    const lines = baseText().split('\n');
    fc.assert(
      fc.property(
        fc.subarray(
          lines.map((_, i) => i),
          { minLength: 1, maxLength: 4 },
        ),
        (drop) => {
          const text = lines.filter((_, i) => !drop.includes(i)).join('\n');
          const r = parseScenario(text);
          if (!r.ok) checkErrors(r.errors, text);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});
