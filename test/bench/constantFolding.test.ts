// The ahead-of-time build folds the engine's numeric constants into its hot paths
// (scripts/aotBuild.mjs): a constant esbuild leaves as a module variable is a context load and a
// number check per use in compiled code. esbuild folds only constants of a module without imports
// whose top is nothing but literals, a rule an innocent edit breaks silently. This test builds the
// bundle in memory with the build's own options and fails when a hot-path function reads a module
// variable whose value is a number literal.
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildOptions, ROOT } from '../../scripts/aotBuild.mjs';

/** Functions and methods that run per packet or per poll in the engine and the drivers. */
const HOT = [
  'arrive',
  'arriveUntil',
  'arriveSteady',
  'advance',
  'runEventLoop',
  'napiPoll',
  'reenable',
  'refill',
  'deliverFrames',
  'groFlush',
  'consumeFrames',
  'handToSkb',
  'handToSkbOfPool',
  'moveNicToStack',
  'allocNetmemsToRing',
  'refillAllocCache',
  'recycleDirectNetmem',
  'putSkbFrags',
  'putSkbFragRun',
  'putPageFragsPlain',
  'freeSkb',
  'enqueueQueued',
  'admit',
  'schedule',
  'wakeAt',
  'tick',
  'insert',
  'join',
  'popEnded',
  'take',
  'emptied',
  'firstBusy',
];

/** `var NAME = <number literal>` of a chunk, NAME in upper case (the constants' style): constants esbuild did not fold. */
function numericModuleVars(js: string): Set<string> {
  const names = new Set<string>();
  for (const m of js.matchAll(/(?:^var |, )([A-Z][A-Z0-9_]*) = (-?[0-9][0-9.e+-]*)(?=[,;\n])/gm)) names.add(m[1]);
  return names;
}

/** Bodies of the functions and class methods named `name` in a chunk (brace matching). */
function bodiesOf(js: string, name: string): string[] {
  const bodies: string[] = [];
  const re = new RegExp(`(?:\\n  (?:static )?|function )${name}\\([^)]*\\) \\{`, 'g');
  for (const m of js.matchAll(re)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    let depth = 0;
    let end = open;
    for (; end < js.length; end++) {
      if (js[end] === '{') depth++;
      else if (js[end] === '}' && --depth === 0) break;
    }
    bodies.push(js.slice(open, end + 1));
  }
  return bodies;
}

interface Finding {
  fn: string;
  names: string[];
}

/** The hot functions found in the chunks, and the unfolded numeric constants each one reads. */
function scan(chunks: string[], hot: readonly string[]): { found: Set<string>; unfolded: Finding[] } {
  const found = new Set<string>();
  const unfolded: Finding[] = [];
  for (const js of chunks) {
    const vars = numericModuleVars(js);
    for (const fn of hot) {
      for (const body of bodiesOf(js, fn)) {
        found.add(fn);
        const names = [...new Set(body.match(/[A-Za-z_$][\w$]*/g) ?? [])].filter((id) => vars.has(id));
        if (names.length > 0) unfolded.push({ fn, names });
      }
    }
  }
  return { found, unfolded };
}

async function chunksOf(options: BuildOptions): Promise<string[]> {
  const r = await build({ ...options, write: false, sourcemap: false });
  return r.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text);
}

describe('the ahead-of-time build folds numeric constants into the hot paths', () => {
  it('the scan sees a constant that a module with an array before it keeps as a variable', async () => {
    // the same options; two virtual modules: constants after an array literal, and a reader
    const files: Record<string, string> = {
      'consts.ts': 'export const EARLY = 3;\nexport const TABLE = [1, 2];\nexport const LATE = 8188;\n',
      'entry.ts':
        "import { EARLY, LATE } from './consts';\nexport function deliverFrames(w: number): number {\n  return (w & EARLY) + (w & LATE);\n}\n",
    };
    const virtual: Plugin = {
      name: 'virtual',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) => ({ path: path.basename(a.path).replace(/(\.ts)?$/, '.ts'), namespace: 'virtual' }));
        b.onLoad({ filter: /.*/, namespace: 'virtual' }, (a) => ({ contents: files[a.path], loader: 'ts' }));
      },
    };
    const chunks = await chunksOf({ ...buildOptions('/nonexistent'), entryPoints: ['entry.ts'], splitting: false, plugins: [virtual] });
    const { found, unfolded } = scan(chunks, ['deliverFrames']);
    expect([...found]).toEqual(['deliverFrames']);
    expect(unfolded).toEqual([{ fn: 'deliverFrames', names: ['LATE'] }]);
  });

  it('no hot-path function of the engine or the drivers reads an unfolded numeric constant', async () => {
    const chunks = await chunksOf(buildOptions(path.join(ROOT, 'out', 'constant-folding-check')));
    const { found, unfolded } = scan(chunks, HOT);
    // every listed function is in the bundle under that name (a rename must update the list)
    expect(HOT.filter((fn) => !found.has(fn))).toEqual([]);
    expect(unfolded).toEqual([]);
  });
});
