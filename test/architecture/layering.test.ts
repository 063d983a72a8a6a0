// The layer table as a lint rule: an import from a lower layer to a higher one is reported with the
// file, the import and the rule; the allowed direction is not.
import { afterAll, describe, expect, it } from 'vitest';
import { LAYERS, layerOf } from '../../tools/architecture/layers.mjs';
import { fixtureTree } from './fixtureTree';
import { lintFixture } from './lintFixture';

const tree = fixtureTree({
  'shared/doc/runDocument.ts':
    "import { step } from '../sim/engine/step';\nexport interface RunDocument { n: number }\nexport const s = step;\n",
  'shared/doc/counters.ts': "export const PP_STAT_NAMES = ['alloc_fast'] as const;\n",
  'shared/sim/engine/step.ts':
    "import type { RunDocument } from '../../doc/runDocument';\nexport const step = (d: RunDocument): number => d.n;\n",
  'shared/sim/engine/disk.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'shared/scenario/schema.ts': 'export interface Scenario { seed: number }\nexport const DEFAULT_SEED = 1;\n',
  'renderer/src/typesOnly.ts': "import type { Scenario } from '../../shared/scenario/schema';\nexport type S = Scenario;\n",
  'renderer/src/value.ts': "import { DEFAULT_SEED } from '../../shared/scenario/schema';\nexport const seed = DEFAULT_SEED;\n",
  'renderer/src/chart.ts':
    "import { lineOption } from '../../shared/report/charts/line';\nimport { table } from '../../shared/report/model/table';\nimport { prom } from '../../shared/report/export/prom';\nexport const c = [lineOption, table, prom];\n",
  'shared/report/charts/line.ts': 'export const lineOption = 1;\n',
  'shared/report/model/table.ts': 'export const table = 1;\n',
  'shared/report/export/prom.ts': 'export const prom = 1;\n',
  'electron/host/app.ts': "import { app } from 'electron';\nexport const a = app;\n",
  'electron/main/index.ts': "import { app } from 'electron';\nimport { join } from 'node:path';\nexport const a = [app, join];\n",
});
afterAll(() => tree.remove());

describe('architecture/layering', () => {
  it('reports a down→up import (shared/doc importing shared/sim) with file, import and rule', async () => {
    const found = await lintFixture(tree, ['shared/doc/runDocument.ts']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'shared/doc/runDocument.ts', line: 1, rule: 'architecture/layering' });
    expect(found[0].message).toContain("'../sim/engine/step'");
    expect(found[0].message).toContain("layer 'doc'");
    expect(found[0].message).toContain("may not import layer 'sim'");
  });

  it('accepts the up→down import (shared/sim importing shared/doc)', async () => {
    expect(await lintFixture(tree, ['shared/sim/engine/step.ts', 'shared/doc/counters.ts'])).toEqual([]);
  });

  it('reports a Node builtin in shared/ and the electron module outside electron/main and preload', async () => {
    const found = await lintFixture(tree, ['shared/sim/engine/disk.ts', 'electron/host/app.ts', 'electron/main/index.ts']);
    expect(found.map((f) => [f.file, f.rule])).toEqual([
      ['shared/sim/engine/disk.ts', 'architecture/layering'],
      ['electron/host/app.ts', 'architecture/layering'],
    ]);
    expect(found[0].message).toContain("'node:fs': Node builtin in layer 'sim'");
    expect(found[1].message).toContain('electron module');
  });

  it('lets the renderer import scenario types, not scenario values', async () => {
    expect(await lintFixture(tree, ['renderer/src/typesOnly.ts'])).toEqual([]);
    const found = await lintFixture(tree, ['renderer/src/value.ts']);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('for types only');
  });

  it('lets the renderer import shared/report/charts and report/model but not the exporters', async () => {
    const found = await lintFixture(tree, ['renderer/src/chart.ts']);
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0].message).toContain("may not import layer 'report'");
  });
});

describe('the layer table', () => {
  it('names only layers it defines, and its arrows point down (no cycle between layers)', () => {
    const names = new Set(LAYERS.map((l) => l.name));
    const deps = new Map(LAYERS.map((l) => [l.name, [...l.allow, ...(l.typeOnly ?? [])].filter((a) => !a.includes('/'))]));
    for (const [from, to] of deps) for (const t of to) expect(names.has(t), `${from} → ${t}`).toBe(true);
    // A layer may import only layers listed before it: the table is written bottom first.
    const order = LAYERS.map((l) => l.name);
    for (const [from, to] of deps) for (const t of to) expect(order.indexOf(t), `${from} → ${t}`).toBeLessThan(order.indexOf(from));
  });

  it('puts every file of the application in a layer', () => {
    expect(layerOf('shared/api.ts')?.name).toBe('api');
    expect(layerOf('shared/apiWire.ts')?.name).toBe('api');
    expect(layerOf('shared/sim/page_pool/pagePool.ts')?.name).toBe('sim');
    expect(layerOf('renderer/src/components/ChartPanel.vue')?.name).toBe('renderer');
    expect(layerOf('electron/preload/index.ts')?.name).toBe('preload');
    expect(layerOf('test/engine/events.test.ts')?.open).toBe(true);
  });
});
