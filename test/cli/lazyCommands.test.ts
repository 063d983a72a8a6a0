// `--help` must start in a blink: the command line's entry reaches the commands' code (the engine,
// the scenario schema and zod, the exporters) only through dynamic imports, which run when a
// command runs. Checked on the ahead-of-time build's own options, from esbuild's metafile: the
// modules a static import chain pulls in are what `node out/node/…/main.js --help` loads.
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildOptions, ROOT } from '../../scripts/aotBuild.mjs';
import { COMMANDS } from '../../electron/cli/commands/index';
import { main } from '../../electron/cli/main';
import { captureIo } from './io';

/** Source files and external packages of the outputs reachable from `entry` by imports of the given kinds. */
function reachable(meta: Metafile, entry: string, kinds: ReadonlySet<string>): { inputs: Set<string>; packages: Set<string> } {
  const inputs = new Set<string>();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const out = todo.pop()!;
    if (seen.has(out)) continue;
    seen.add(out);
    const o = meta.outputs[out];
    for (const input of Object.keys(o.inputs)) inputs.add(input);
    for (const imp of o.imports) {
      if (!kinds.has(imp.kind)) continue;
      if (imp.external) packages.add(imp.path);
      else todo.push(imp.path);
    }
  }
  return { inputs, packages };
}

describe('the command line loads a command only when it runs', () => {
  it("the CLI entry's static imports reach no engine, schema, zod or exporter", async () => {
    const outdir = path.join(ROOT, 'out', 'lazy-commands-check');
    const r = await build({ ...buildOptions(outdir), entryPoints: { main: 'electron/cli/main.ts' }, write: false, metafile: true });
    const meta = r.metafile;
    const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === 'electron/cli/main.ts');
    expect(entry).toBeDefined();
    const heavy = (s: string) => s.startsWith('shared/sim/') || s.startsWith('shared/report/') || s === 'shared/scenario/schema.ts';
    const statics = reachable(meta, entry!, new Set(['import-statement']));
    expect([...statics.inputs].filter(heavy)).toEqual([]);
    expect([...statics.packages].filter((p) => /^(zod|yaml|echarts|playwright-core)(\/|$)/.test(p))).toEqual([]);
    // the scan sees them through the dynamic imports: the check can fail
    const all = reachable(meta, entry!, new Set(['import-statement', 'dynamic-import']));
    expect([...all.inputs].filter(heavy).length).toBeGreaterThan(100);
    expect([...all.packages]).toContain('zod');
  });

  it('every command keeps its name, summary and usage, and runs through its module', async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'run',
      'compare',
      'report',
      'validate',
      'schema',
      'worker',
      'import',
      'calibrate',
      'help',
    ]);
    for (const c of COMMANDS) {
      expect(c.summary.length).toBeGreaterThan(10);
      expect(c.usage).toMatch(new RegExp(`^usage: cli ${c.name}\\b`));
    }
    // a command's own usage errors still come from its module, loaded on demand
    const io = captureIo();
    expect(await main(['validate'], io)).toBe(2);
    expect(io.err()).toContain('no scenario files given');
  });
});
