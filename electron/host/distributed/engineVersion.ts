// The engine version a queued point is run with: the tool version plus a hash of every source file
// that decides a run document (the scenario layer, the model, the worker entry). Two checkouts that
// would simulate differently have different versions, so their results never mix; the queue name
// carries it, so a worker only ever sees points of its own engine.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TOOL_VERSION } from '../../../shared/sim/engine/assemble';
import { projectRoot } from '../projectRoot';

export { projectRoot };

const HASHED = ['shared/scenario', 'shared/sim', 'shared/api.ts', 'electron/worker'];

function collect(abs: string, acc: string[]): void {
  if (!existsSync(abs)) return;
  if (abs.endsWith('.ts')) {
    acc.push(abs);
    return;
  }
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    const p = path.join(abs, e.name);
    if (e.isDirectory()) collect(p, acc);
    else if (e.isFile() && p.endsWith('.ts')) acc.push(p);
  }
}

let cached: string | undefined;

/** e.g. `0.1.0+3f9c2a61d0b4`; NETMEM_ENGINE_VERSION overrides it (tests of version refusal). */
export function engineVersion(root: string = projectRoot()): string {
  if (process.env.NETMEM_ENGINE_VERSION) return process.env.NETMEM_ENGINE_VERSION;
  if (cached) return cached;
  const files: string[] = [];
  for (const rel of HASHED) collect(path.join(root, rel), files);
  files.sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.relative(root, f).split(path.sep).join('/'));
    h.update('\0');
    // Line endings do not change the engine: a checkout with CRLF is the same version.
    h.update(readFileSync(f, 'utf8').replace(/\r\n/g, '\n'));
    h.update('\0');
  }
  cached = `${TOOL_VERSION}+${h.digest('hex').slice(0, 12)}`;
  return cached;
}
