// Atomic file writes: readers see the old file or the complete new one, never a torn one.
// A temp file in the target's directory (rename is atomic only within one filesystem), fsync
// before rename (so a crash cannot leave a renamed but empty file), then fsync of the directory.
// A target nobody may write (mode 0444, or not writable for this user) is refused, as a shell
// redirect would refuse it: replacing the file by rename would otherwise ignore its mode.
// Temp files are named `.<name>.<pid>.<12 hex>.tmp`; tempSweep.ts removes ones a killed process left.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
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
  EEXIST: 'the file exists',
  EMFILE: 'too many open files',
};

/** Our temp file names: `.<target name>.<pid>.<12 hex digits>.tmp` (groups: target, pid). */
export const TEMP_FILE_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

export interface WriteOptions {
  /** false: fail with EEXIST rather than replace an existing file (default true) */
  replace?: boolean;
}

/** What an errno means for a write, in words (`read-only file system`), or undefined. */
export function writeReason(code: string | undefined): string | undefined {
  return code ? REASONS[code] : undefined;
}

export class WriteFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    const reason = (cause as { reason?: string } | null)?.reason;
    super(
      `cannot write ${file}: ${reason ?? (code && REASONS[code]) ?? (cause instanceof Error ? cause.message : String(cause))}${code ? ` (${code})` : ''}`,
      { cause },
    );
    this.name = 'WriteFileError';
  }
}

function readOnlyError(): NodeJS.ErrnoException {
  return Object.assign(new Error('read-only'), { code: 'EACCES', reason: 'the file is read-only' });
}

/** Writes `data` to `file` atomically. Throws WriteFileError; no temp file is left behind. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: WriteOptions = {}): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    // A replaced file keeps its permission bits; a new one gets 0666 less the umask.
    const existing = await fs.stat(file).catch(() => undefined);
    const existingMode = existing?.isFile() ? existing.mode & 0o7777 : undefined;
    if (existing && opts.replace === false) throw Object.assign(new Error('the file exists'), { code: 'EEXIST' });
    if (existingMode !== undefined) {
      // No write bit at all refuses even root (whose open() would pass): the mode says "do not write".
      if ((existingMode & 0o222) === 0) throw readOnlyError();
      await fs.access(file, constants.W_OK).catch(() => {
        throw readOnlyError();
      });
    }
    const handle = await fs.open(tmp, 'wx', 0o666);
    created = true;
    try {
      if (existingMode !== undefined) await handle.chmod(existingMode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (opts.replace === false) {
      // link() fails with EEXIST instead of replacing: a name taken meanwhile is never overwritten.
      await fs.link(tmp, file).catch(async (e: NodeJS.ErrnoException) => {
        // Filesystems without hard links: an exclusive copy (not atomic, still never a replace).
        if (e.code !== 'EPERM' && e.code !== 'ENOTSUP' && e.code !== 'ENOSYS') throw e;
        await fs.copyFile(tmp, file, constants.COPYFILE_EXCL);
      });
      await fs.rm(tmp, { force: true });
    } else {
      await fs.rename(tmp, file);
    }
    created = false;
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new WriteFileError(file, (e as NodeJS.ErrnoException).code, e);
  }
  // Persist the rename itself; some filesystems refuse fsync on a directory, which is harmless.
  try {
    const d = await fs.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}
