// Which files a path really names, and whether that is inside what the user opened. Every check
// works on real paths (symlinks and `..` resolved by the filesystem): a link `x.yaml` in an
// opened directory pointing at /etc/passwd names /etc/passwd, which no opened directory holds.
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The real path, or null when it does not resolve (missing, a dangling link, no permission). */
export async function realPathOf(p: string): Promise<string | null> {
  try {
    return await fs.realpath(p);
  } catch {
    return null;
  }
}

/** `inner` is `root` or lies below it (both real, absolute paths). */
export function isInside(root: string, inner: string): boolean {
  const rel = path.relative(root, inner);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * What the user opened: files and directories. A path is allowed when its real path is one of
 * the files' real paths, or lies inside one of the directories' real paths.
 */
export class OpenScope {
  constructor(
    private readonly files: readonly string[],
    private readonly dirs: readonly string[],
  ) {}

  /** The real path of `file` when the scope holds it, else null. */
  async resolve(file: string): Promise<string | null> {
    const real = await realPathOf(file);
    if (!real) return null;
    for (const f of this.files) if ((await realPathOf(f)) === real) return real;
    for (const d of this.dirs) {
      const rd = await realPathOf(d);
      if (rd && isInside(rd, real)) return real;
    }
    return null;
  }

  /** The opened directories (as given). */
  directories(): readonly string[] {
    return this.dirs;
  }
}
