// Reading one scenario file for the library: its text, and the revision saves compare against.
// The library holds files by real path, so the last component is never a symlink; O_NOFOLLOW
// keeps it so if a link is put in its place afterwards (the read fails instead of following it).
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { apiError } from './apiError';
import { SCENARIO_MAX_BYTES, sizeText } from '../../shared/apiLimits';

export interface ScenarioFileContent {
  yaml: string;
  /** SHA-256 of the bytes on disk, hex */
  revision: string;
  mtimeMs: number;
}

export function revisionOf(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Read a regular file of at most SCENARIO_MAX_BYTES. Throws ApiError (ENOENT, EINVAL, EFBIG, EACCES). */
export async function readScenarioFile(file: string): Promise<ScenarioFileContent> {
  let h: fs.FileHandle;
  try {
    h = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw apiError('ENOENT', `${file}: no such file`);
    if (code === 'ELOOP') throw apiError('EACCES', `${file}: is now a symbolic link; open it again`);
    throw apiError('EACCES', `${file}: cannot be read (${code ?? String(e)})`);
  }
  try {
    const st = await h.stat();
    // A FIFO or device would block or never end: only regular files are scenarios.
    if (!st.isFile()) throw apiError('EINVAL', `${file}: not a regular file`);
    if (st.size > SCENARIO_MAX_BYTES)
      throw apiError('EFBIG', `${file}: ${sizeText(st.size)} is too large for a scenario file (at most ${sizeText(SCENARIO_MAX_BYTES)})`);
    const buf = Buffer.alloc(SCENARIO_MAX_BYTES + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await h.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > SCENARIO_MAX_BYTES) throw apiError('EFBIG', `${file}: grew beyond ${sizeText(SCENARIO_MAX_BYTES)} while being read`);
    }
    const bytes = buf.subarray(0, n);
    return { yaml: bytes.toString('utf8'), revision: revisionOf(bytes), mtimeMs: st.mtimeMs };
  } finally {
    await h.close();
  }
}
