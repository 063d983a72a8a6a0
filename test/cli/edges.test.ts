// Hostile inputs and environments for the CLI: a FIFO as input, a document with only the right
// format line, disk full and read-only file systems, `h` durations, bytes that are not UTF-8,
// scenarios over the run budget. Each answers with a located message and a documented exit status.
import { execFileSync } from 'node:child_process';
import { promises as fsp, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main';
import * as atomicWrite from '../../electron/host/atomicWrite';
import { RUN_FORMAT } from '../../shared/doc/runDocument';
import { COMPARE_FORMAT } from '../../shared/doc/compareDocument';
import { captureIo } from './io';

const TINY = 'name: tiny\nduration: 1ms\nsample: 500us\nnics: [{ name: e, link: 1Gbit }]\ntraffic: [{ nic: e }]\n';

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-edges-'));
  writeFileSync(path.join(dir, 'tiny.yaml'), TINY);
  return dir;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('input files that are not regular files', () => {
  const cwd = workdir();
  execFileSync('mkfifo', [path.join(cwd, 'pipe.yaml')]);
  execFileSync('mkfifo', [path.join(cwd, 'pipe.json')]);

  it.each([['validate'], ['run']])('%s of a FIFO exits 2 at once with a clear message (never waits for a writer)', async (cmd) => {
    const io = captureIo({ cwd });
    expect(await main([cmd, 'pipe.yaml'], io)).toBe(2);
    expect(io.err()).toContain('pipe.yaml: is a FIFO (named pipe), not a regular file; write it to a file first');
  });

  it('report of a FIFO document exits 2', async () => {
    const io = captureIo({ cwd });
    expect(await main(['report', 'pipe.json', '--format', 'json', '--out', 'out.json'], io)).toBe(2);
    expect(io.err()).toContain('pipe.json: is a FIFO (named pipe), not a regular file');
  });
});

describe('report of a document that only has the right format line', () => {
  const cwd = workdir();
  writeFileSync(path.join(cwd, 'bare.json'), `{\n "format": "${RUN_FORMAT}"\n}\n`);
  writeFileSync(path.join(cwd, 'bare-compare.json'), `{ "format": "${COMPARE_FORMAT}", "runs": 3 }\n`);

  it.each([['html'], ['json'], ['csv']])('--format %s: a located error, exit 2, nothing written', async (format) => {
    const io = captureIo({ cwd });
    expect(await main(['report', 'bare.json', '--format', format, '--out', `bare-out.${format}`], io)).toBe(2);
    expect(io.err()).toContain('bare.json: tool (line 1, col 1): missing; expected an object');
    expect(io.err()).toContain('bare.json: not a complete run document; export it again from a run');
    await expect(fsp.stat(path.join(cwd, `bare-out.${format}`))).rejects.toThrow(/ENOENT/);
  });

  it('a compare document with a mistyped field is located at that field', async () => {
    const io = captureIo({ cwd });
    expect(await main(['report', 'bare-compare.json', '--format', 'json', '--out', 'c.json'], io)).toBe(2);
    expect(io.err()).toContain('bare-compare.json: runs (line 1, col 51): expected a list, got number 3');
  });

  it('a complete document still exports', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--quiet', '--json', 'tiny.json'], io)).toBe(0);
    const io2 = captureIo({ cwd });
    expect(await main(['report', 'tiny.json', '--format', 'json', '--out', 'again.json'], io2)).toBe(0);
  });
});

describe('write failures: one exit status for run --json and report', () => {
  const cwd = workdir();
  const full = () =>
    vi.spyOn(atomicWrite, 'writeFileAtomic').mockImplementation(async (file: string) => {
      throw new atomicWrite.WriteFileError(file, 'ENOSPC', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
    });

  it('disk full exits 1 from run --json and from report, saying so', async () => {
    full();
    const a = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--quiet', '--json', 'x.json'], a)).toBe(1);
    expect(a.err()).toContain('x.json: no space left on device (ENOSPC)');
    const b = captureIo({ cwd });
    expect(await main(['report', 'tiny.yaml', '--format', 'csv', '--out', 'x.csv'], b)).toBe(1);
    expect(b.err()).toContain('x.csv: no space left on device (ENOSPC)');
  });

  it('a read-only file system is called that, not "permission denied"', async () => {
    vi.spyOn(fsp, 'access').mockRejectedValue(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }));
    for (const args of [
      ['run', 'tiny.yaml', '--json', 'ro.json'],
      ['report', 'tiny.yaml', '--format', 'json', '--out', 'ro.json'],
    ]) {
      const io = captureIo({ cwd });
      expect(await main(args, io)).toBe(2);
      expect(io.err()).toMatch(/ro\.json: cannot write in .*: read-only file system \(EROFS\)/);
      expect(io.err()).not.toContain('permission denied');
    }
  });
});

describe('scenario edges through the CLI', () => {
  const cwd = workdir();
  const write = (name: string, text: string | Buffer) => writeFileSync(path.join(cwd, name), text);

  it('duration: 1h is accepted, as "at most 1h" says; 61min is refused with that message', async () => {
    write('hour.yaml', TINY.replace('duration: 1ms', 'duration: 1h').replace('sample: 500us', 'sample: 1s'));
    write('longer.yaml', TINY.replace('duration: 1ms', 'duration: 61min'));
    const ok = captureIo({ cwd });
    expect(await main(['validate', 'hour.yaml'], ok)).toBe(0);
    const bad = captureIo({ cwd });
    expect(await main(['validate', 'longer.yaml'], bad)).toBe(2);
    expect(bad.err()).toContain('longer.yaml: duration (line 2, col 11): must be more than 0 and at most 1h');
  });

  it('bytes that are not UTF-8 are refused at their line and column', async () => {
    write('latin1.yaml', Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\nduration: 1ms\n')]));
    const io = captureIo({ cwd });
    expect(await main(['validate', 'latin1.yaml'], io)).toBe(2);
    expect(io.err()).toContain('latin1.yaml: line 1, col 10: not valid UTF-8 (byte 0xe9); scenario files are UTF-8 text');
  });

  it('a NUL in the name is refused at name', async () => {
    write('nul.yaml', TINY.replace('name: tiny', 'name: "ti\\0ny"'));
    const io = captureIo({ cwd });
    expect(await main(['validate', 'nul.yaml'], io)).toBe(2);
    expect(io.err()).toContain('nul.yaml: name (line 1, col 7): must be printable text');
  });

  it('run of sample: 1us over 60min exits 2 at validation with the figure (no V8 heap trace, no exit 134)', async () => {
    write('huge.yaml', TINY.replace('duration: 1ms', 'duration: 60min').replace('sample: 500us', 'sample: 1us'));
    const io = captureIo({ cwd });
    expect(await main(['run', 'huge.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(/^huge\.yaml: sample \(line 3, col 9\): sample: 1us over 60min = 3\.6e9 samples × 47 columns/);
  });

  it('a 1 TiB dma-buf exits 2 at validation, located at its size', async () => {
    write(
      'tib.yaml',
      'name: t\nduration: 1ms\nnics:\n  - { name: e, driver: gve, variant: netmem, link: 200Gbit, queues: 2, header_split: true,\n' +
        '      provider: { kind: dmabuf, size: 1TiB, queues: [1] } }\ntraffic: [{ nic: e }]\n',
    );
    const io = captureIo({ cwd });
    expect(await main(['run', 'tib.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(/^tib\.yaml: nics\[0\]\.provider\.size \(line 5, col 39\): a 1 TiB dma-buf is 2\.7e8 net_iovs/);
  });
});
