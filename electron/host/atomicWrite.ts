// Atomic file writes: readers see the old file or the complete new one, never a torn one.
// A temp file in the target's directory (rename is atomic only within one filesystem), fsync
// before rename (so a crash cannot leave a renamed but empty file), then fsync of the directory.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const REASONS: Record<string, string> = {
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a component of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'the target is a directory',
  EMFILE: 'too many open files',
};

/** What an errno means for a write, in words (`read-only file system`), or undefined. */
export function writeReason(code: string | undefined): string | undefined {
  return code ? REASONS[code] : undefined;
}

export class WriteFileError extends Error {
  constructor(readonly file: string, readonly code: string | undefined, cause: unknown) {
    super(`cannot write ${file}: ${(code && REASONS[code]) ?? (cause instanceof Error ? cause.message : String(cause))}${code ? ` (${code})` : ''}`, { cause });
    this.name = 'WriteFileError';
  }
}

/** Writes `data` to `file` atomically. Throws WriteFileError; no temp file is left behind. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    // A replaced file keeps its permission bits; a new one gets 0666 less the umask.
    const existingMode = await fs.stat(file).then((st) => (st.isFile() ? st.mode & 0o7777 : undefined), () => undefined);
    const handle = await fs.open(tmp, 'wx', 0o666);
    created = true;
    try {
      if (existingMode !== undefined) await handle.chmod(existingMode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
    created = false;
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WriteFileError(file, (e as NodeJS.ErrnoException).code, e);
  }
  // Persist the rename itself; some filesystems refuse fsync on a directory, which is harmless.
  try {
    const d = await fs.open(dir, 'r');
    try { await d.sync(); } finally { await d.close(); }
  } catch { /* best effort */ }
}
