// Small source trees written to a temporary folder, for the architecture checks to read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FixtureTree {
  root: string;
  path(rel: string): string;
  remove(): void;
}

export function fixtureTree(files: Record<string, string>): FixtureTree {
  const root = mkdtempSync(join(tmpdir(), 'nmw-arch-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return {
    root,
    path: (rel) => join(root, rel),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
