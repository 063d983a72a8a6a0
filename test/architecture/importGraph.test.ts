// The import graph of the sources: no cycle between files (type-only imports count: they tie the
// files together for a reader and a refactoring all the same), the contract layer shared/doc
// imports nothing above it, and the reports and the renderer do not reach into the model.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SPEC = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const d of ['shared', 'electron', 'renderer/src']) walk(d);
  return out;
}

/** file → the source files it imports (relative imports resolved; packages left out). */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles();
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(path.join(ROOT, f), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const to = new Set<string>();
    for (const m of text.matchAll(SPEC)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec)).replace(/\.js$/, '');
      const hit = [base, `${base}.ts`, `${base}.vue`, `${base}/index.ts`].find((c) => known.has(c));
      if (hit) to.add(hit);
    }
    graph.set(f, [...to]);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan, iterative). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next);
    next++;
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      const outs = graph.get(v) ?? [];
      if (i < outs.length) {
        top[1]++;
        const w = outs[i];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next);
          next++;
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const p = work[work.length - 1][0];
        low.set(p, Math.min(low.get(p)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1) found.push(scc.sort());
      }
    }
  }
  return found;
}

describe('import graph', () => {
  const graph = importGraph();
  const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => [from, to] as const));

  it('has no cycle between files', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('shared/doc imports nothing outside shared/doc', () => {
    expect(edges.filter(([f, t]) => f.startsWith('shared/doc/') && !t.startsWith('shared/doc/'))).toEqual([]);
  });

  it('shared/scenario imports only itself and shared/doc', () => {
    expect(
      edges.filter(([f, t]) => f.startsWith('shared/scenario/') && !t.startsWith('shared/scenario/') && !t.startsWith('shared/doc/')),
    ).toEqual([]);
  });

  it('the reports, the IPC contract, measured data and the renderer do not import the model (shared/sim)', () => {
    const upward = edges.filter(
      ([f, t]) =>
        t.startsWith('shared/sim/') &&
        (f.startsWith('shared/report/') ||
          /^shared\/api[^/]*\.ts$/.test(f) ||
          f.startsWith('renderer/') ||
          f.startsWith('shared/measured/')),
    );
    expect(upward).toEqual([]);
  });
});
