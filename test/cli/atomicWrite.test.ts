import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, WriteFileError } from '../../electron/host/atomicWrite';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'atomic-'));

describe('writeFileAtomic', () => {
  it('writes the data and leaves only the target behind', async () => {
    const dir = fresh();
    const file = path.join(dir, 'out.json');
    await writeFileAtomic(file, '{"a":1}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
  it('replaces an existing file whole', async () => {
    const dir = fresh();
    const file = path.join(dir, 'out.csv');
    writeFileSync(file, 'old content that is longer than the new one\n');
    await writeFileAtomic(file, new Uint8Array([0x6e, 0x65, 0x77]));
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
  it('keeps the permission bits of the file it replaces', async () => {
    const dir = fresh();
    const file = path.join(dir, 'keep-mode.txt');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });
  it('names a missing directory and creates nothing', async () => {
    const dir = fresh();
    const file = path.join(dir, 'nope', 'out.json');
    const e = await writeFileAtomic(file, 'x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteFileError);
    expect((e as WriteFileError).message).toBe(`cannot write ${file}: the directory does not exist (ENOENT)`);
    expect((e as WriteFileError).code).toBe('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });
  it('removes its temp file when the final rename fails (target is a directory)', async () => {
    const dir = fresh();
    const target = path.join(dir, 'report.html');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep'), 'k');
    const e = await writeFileAtomic(target, 'x'.repeat(100_000)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteFileError);
    // rename(2) of a file onto a directory fails with EISDIR.
    expect((e as WriteFileError).message).toBe(`cannot write ${target}: the target is a directory (EISDIR)`);
    expect(readdirSync(dir)).toEqual(['report.html']);
    expect(readdirSync(target)).toEqual(['keep']);
  });
  it.skipIf(process.getuid?.() === 0)(
    'reports permission denied in a read-only directory (skipped as root, which bypasses modes)',
    async () => {
      const dir = fresh();
      chmodSync(dir, 0o500);
      const e = await writeFileAtomic(path.join(dir, 'x'), 'x').catch((x: unknown) => x);
      chmodSync(dir, 0o700);
      expect((e as WriteFileError).message).toMatch(/permission denied \(EACCES\)$/);
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});
