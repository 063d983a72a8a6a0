// Fail before a long simulation, not after it: an output file's directory must exist and be
// writable. The reason is the errno's own (a read-only file system is not "permission denied").
import { promises as fs, constants as fsc } from 'node:fs';
import * as path from 'node:path';
import { writeReason } from '../host/atomicWrite';
import { UsageError } from './command';

export async function checkOutputPath(flag: string, file: string, usage: string): Promise<void> {
  const dir = path.dirname(file);
  const where = `--${flag} ${file}`;
  const st = await fs.stat(dir).catch((e: NodeJS.ErrnoException) => e);
  if (st instanceof Error) {
    throw new UsageError(
      `${where}: ${st.code === 'ENOENT' ? `directory ${dir} does not exist` : `cannot use ${dir}: ${writeReason(st.code) ?? st.message}`}`,
      usage,
    );
  }
  if (!st.isDirectory()) throw new UsageError(`${where}: ${dir} is not a directory`, usage);
  try {
    await fs.access(dir, fsc.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${where}: cannot write in ${dir}: ${writeReason(code) ?? (e as Error).message}${code ? ` (${code})` : ''}`,
      usage,
    );
  }
  if ((await fs.stat(file).catch(() => null))?.isDirectory()) throw new UsageError(`${where}: is a directory`, usage);
}
