// Reads one input file for the CLI, refusing what cannot be a scenario or document before
// reading it: a FIFO, socket or device (a read from a FIFO with no writer would wait forever),
// a directory, a file over the size bound, bytes that are not UTF-8.
import { promises as fs, constants as fsc, type Stats } from 'node:fs';

export class InputFileError extends Error {
  constructor(
    message: string,
    readonly line = 0,
    readonly col = 0,
  ) {
    super(message);
    this.name = 'InputFileError';
  }
}

function notRegular(st: Stats): string {
  if (st.isDirectory()) return 'is a directory, not a scenario file';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file; write it to a file first';
  if (st.isSocket()) return 'is a socket, not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  return 'is not a regular file';
}

export function readErrorReason(code: string | undefined, e: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory, not a scenario file';
    default:
      return `cannot read: ${(e as Error).message}`;
  }
}

/** Byte offset of the first sequence that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // overlong 3-byte, surrogates, overlong 4-byte, above U+10FFFF
    if (
      (c === 0xe0 && b[i + 1] < 0xa0) ||
      (c === 0xed && b[i + 1] > 0x9f) ||
      (c === 0xf0 && b[i + 1] < 0x90) ||
      (c === 0xf4 && b[i + 1] > 0x8f)
    )
      return i;
    i += n + 1;
  }
  return -1;
}

/**
 * The file's text. Opened without blocking, then checked on the open handle (no race between a
 * check and the read): regular file, at most `maxBytes`, valid UTF-8 (located at the first bad byte).
 * `tooLarge` builds the message for an oversized file. Throws InputFileError.
 */
export async function readTextFile(abs: string, maxBytes: number, tooLarge: (size: number) => string): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(abs, fsc.O_RDONLY | fsc.O_NONBLOCK);
  } catch (e) {
    throw new InputFileError(readErrorReason((e as NodeJS.ErrnoException).code, e));
  }
  let bytes: Buffer;
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new InputFileError(notRegular(st));
    if (st.size > maxBytes) throw new InputFileError(tooLarge(st.size), 1, 1);
    bytes = await handle.readFile();
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(readErrorReason((e as NodeJS.ErrnoException).code, e));
  } finally {
    await handle.close();
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++)
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    const col = Buffer.from(bytes.subarray(lineStart, bad)).toString('utf8').length + 1;
    throw new InputFileError(
      `not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')}); scenario files are UTF-8 text`,
      line,
      col,
    );
  }
  return bytes.toString('utf8');
}
