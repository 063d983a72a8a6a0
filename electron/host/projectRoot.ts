// The project folder, found from the running code: the nearest folder above it whose package.json
// is netmem-workbench's. Works from the sources (tsx, vitest) and from the ahead-of-time bundles
// in out/node/<key>/ alike.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'netmem-workbench') return dir;
    if (path.dirname(dir) === dir) throw new Error('cannot find the netmem-workbench project folder (package.json) above the running code');
  }
}
