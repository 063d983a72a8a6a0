// Temp files a killed process left behind. writeFileAtomic names its temp file
// `.<name>.<pid>.<hex>.tmp` next to the target; `kill -9` between create and rename leaves it
// (up to the size of what was being written). At start the host removes, in each directory it
// writes to, those of our pattern whose writer is gone: its pid is not running, or the file is
// older than any write takes (a pid can be reused by an unrelated process).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TEMP_FILE_PATTERN } from './atomicWrite';

/** A write finishes in far less; older temp files are orphans whatever their pid. */
export const ORPHAN_AGE_MS = 10 * 60_000;

function pidRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove orphaned temp files in `dir`; returns the paths removed. Never throws. */
export async function sweepOrphanedTemps(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_FILE_PATTERN.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const st = await fs.lstat(file);
      if (!st.isFile()) continue;
      if (pidRunning(Number(m[2])) && now - st.mtimeMs < ORPHAN_AGE_MS) continue;
      await fs.rm(file, { force: true });
      removed.push(file);
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  return removed;
}
