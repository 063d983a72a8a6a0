// The import-cycle check: a cycle between files is found whichever file it is entered from, and
// reported with each import that closes it (file:line, specifier) and the rule name.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, findCycles, listSources } from '../../tools/architecture/importGraph.mjs';
import { REPO_ROOT } from '../../tools/architecture/root.mjs';
import { fixtureTree } from './fixtureTree';

const cyclic = fixtureTree({
  'shared/sim/engine/simulation.ts':
    "import { charge } from './driverContext';\nexport class Simulation { run(): number { return charge(); } }\n",
  'shared/sim/engine/driverContext.ts':
    "\nimport type { Simulation } from './simulation';\nimport { now } from './clock';\nexport let sim: Simulation | null = null;\nexport const charge = (): number => now();\n",
  'shared/sim/engine/clock.ts': 'export const now = (): number => 0;\n',
  'shared/sim/page_pool/a.ts': "import { b } from './b';\nexport const a = (): number => b();\n",
  'shared/sim/page_pool/b.ts': "export const b = async (): Promise<number> => (await import('./c')).c;\n",
  'shared/sim/page_pool/c.ts': "export * from './a';\nexport const c = 1;\n",
});
const acyclic = fixtureTree({
  'shared/doc/runDocument.ts': 'export interface RunDocument { n: number }\n',
  'shared/sim/engine/simulation.ts':
    "import type { RunDocument } from '../../doc/runDocument';\nexport const n = (d: RunDocument): number => d.n;\n",
});
afterAll(() => {
  cyclic.remove();
  acyclic.remove();
});

function cyclesOf(root: string, typeImports = true) {
  return findCycles(buildGraph(root, listSources(root, ['shared']), { typeImports }));
}

describe('import cycles', () => {
  it('finds a two-file cycle through a type-only import, with the import lines', () => {
    const found = cyclesOf(cyclic.root).filter((c) => c.edges[0].from.includes('engine'));
    expect(found).toHaveLength(1);
    expect(found[0].edges.map((e) => [e.from, e.line, e.spec, e.typeOnly])).toEqual([
      ['shared/sim/engine/driverContext.ts', 2, './simulation', true],
      ['shared/sim/engine/simulation.ts', 1, './driverContext', false],
    ]);
  });

  it('finds a three-file cycle through a dynamic import and an export-from', () => {
    const found = cyclesOf(cyclic.root).filter((c) => c.edges[0].from.includes('page_pool'));
    expect(found).toHaveLength(1);
    expect(found[0].edges.map((e) => `${e.from}→${e.to}`)).toEqual([
      'shared/sim/page_pool/a.ts→shared/sim/page_pool/b.ts',
      'shared/sim/page_pool/b.ts→shared/sim/page_pool/c.ts',
      'shared/sim/page_pool/c.ts→shared/sim/page_pool/a.ts',
    ]);
    expect(found[0].edges[1].dynamic).toBe(true);
  });

  it('leaves out type-only imports when asked (--runtime)', () => {
    expect(cyclesOf(cyclic.root, false).map((c) => c.edges[0].from)).toEqual(['shared/sim/page_pool/a.ts']);
  });

  it('finds none in an acyclic tree', () => {
    expect(cyclesOf(acyclic.root)).toEqual([]);
  });

  it('the command reports file:line, the import and the rule, and fails', () => {
    const script = join(REPO_ROOT, 'scripts/check-cycles.mjs');
    let out = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [script, '--root', cyclic.root], { encoding: 'utf8' });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      status = err.status;
      out = err.stdout;
    }
    expect(status).toBe(1);
    expect(out).toContain(
      "shared/sim/engine/driverContext.ts:2:33  error  import type './simulation' → shared/sim/engine/simulation.ts  import-cycle",
    );
    expect(out).toContain('2 cycle(s) in 2 group(s)');
    expect(execFileSync(process.execPath, [script, '--root', acyclic.root], { encoding: 'utf8' })).toContain('0 cycle(s)');
  });
});
