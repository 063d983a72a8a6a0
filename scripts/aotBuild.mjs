// Ahead-of-time build of the Node entry points (CLI, its worker thread, the web host, the engine bench) with esbuild, so a command
// starts from plain JavaScript instead of compiling TypeScript through a loader at every start.
// The bundle lives in out/node/<key>/, where <key> hashes the path, size and mtime of every source file
// it can include: an edit gives a new key and one rebuild (~0.5 s); an unchanged tree is only stat'ed.
// Builds go to a private temporary folder and are renamed into place, so two commands started at once
// never see a half-written bundle.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['shared', 'electron/cli', 'electron/host', 'electron/worker', 'test/bench'];
/** Entry name → source; each is built to <name>.js, the worker thread's beside the others. */
const ENTRIES = {
  main: 'electron/cli/main.ts',
  runWorker: 'electron/worker/runWorker.ts',
  serve: 'electron/host/web/serve.ts',
  bench: 'test/bench/engine.bench.ts',
};
const OUT = path.join(ROOT, 'out', 'node');

function listSources(dir, acc) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listSources(p, acc);
    else if (e.isFile() && (p.endsWith('.ts') || p.endsWith('.json'))) acc.push(p);
  }
  return acc;
}

/** The key of the current source tree (and of package.json: dependencies decide what is external; and of this script's build options). */
export function sourceKey() {
  const h = createHash('sha256');
  const files = [path.join(ROOT, 'package.json'), fileURLToPath(import.meta.url)];
  for (const d of SOURCE_DIRS) listSources(path.join(ROOT, d), files);
  files.sort();
  for (const f of files) {
    const s = statSync(f);
    h.update(`${path.relative(ROOT, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

/** The esbuild options of the ahead-of-time build, writing to `outdir` (test/bench/constantFolding.test.ts builds with them too). */
export function buildOptions(outdir) {
  return {
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    // folds module-level numeric constants (kinds, flags, strides) into the code that uses them:
    // left as module variables, each use in a compiled loop is a context load and a number check.
    // esbuild folds a constant only from a module without imports whose top is nothing but such
    // literals (hence the import-free constant modules: protocols.ts, wheelTiming.ts, defines.ts…)
    minifySyntax: true,
    logLevel: 'error',
  };
}

/** Path of a built entry (`main`: the CLI, `serve`, `bench`) for the current sources, building first when needed. */
export async function builtEntry(name) {
  if (!(name in ENTRIES)) throw new Error(`no ahead-of-time entry named ${name}`);
  const dir = path.join(OUT, sourceKey());
  const entry = path.join(dir, `${name}.js`);
  if (existsSync(entry)) return entry;
  mkdirSync(OUT, { recursive: true });
  const tmp = path.join(OUT, `.tmp-${process.pid}-${Date.now()}`);
  const { build } = await import('esbuild');
  await build(buildOptions(tmp));
  try {
    renameSync(tmp, dir);
  } catch {
    // Another command built the same key first: use that one.
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const old of readdirSync(OUT)) {
    if (old !== path.basename(dir) && !old.startsWith('.tmp-')) rmSync(path.join(OUT, old), { recursive: true, force: true });
  }
  return entry;
}
