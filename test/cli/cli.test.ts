import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type Command } from '../../electron/cli/command';
import { main } from '../../electron/cli/main';
import { scenarioJsonSchemaText } from '../../shared/scenario/jsonSchema';
import { baseText, withLine } from '../scenario/fixtures';
import { captureIo } from './io';

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('cli: dispatch and exit status', () => {
  it('help lists every command, exit 0', async () => {
    const io = captureIo();
    expect(await main(['help'], io)).toBe(0);
    for (const c of ['run', 'validate', 'schema', 'help']) expect(io.out()).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });
  it('help <command> and <command> --help print its usage', async () => {
    const a = captureIo();
    expect(await main(['help', 'run'], a)).toBe(0);
    expect(a.out()).toMatch(/^usage: cli run <scenario.yaml>/);
    const b = captureIo();
    expect(await main(['validate', '--help'], b)).toBe(0);
    expect(b.out()).toMatch(/^usage: cli validate/);
  });
  it('no command: help on stderr, exit 2', async () => {
    const io = captureIo();
    expect(await main([], io)).toBe(2);
    expect(io.err()).toMatch(/commands:/);
  });
  it('unknown command: suggestion, exit 2', async () => {
    const io = captureIo();
    expect(await main(['valdiate', 'x.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(/^error: unknown command "valdiate"; did you mean "validate"\?/);
  });
  it('an internal error exits 1 with a message and a hint, no stack trace', async () => {
    const boom: Command = {
      name: 'boom',
      summary: 's',
      usage: 'u',
      run: () => {
        throw new TypeError('x is undefined');
      },
    };
    const io = captureIo();
    expect(await main(['boom'], io, [boom])).toBe(1);
    expect(io.err()).toMatch(/^internal error in "boom": x is undefined\nhint: /);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
  it('a usage error exits 2 with the usage', async () => {
    const bad: Command = {
      name: 'bad',
      summary: 's',
      usage: 'usage: bad <n>',
      run: () => {
        throw new UsageError('n must be a number');
      },
    };
    const io = captureIo();
    expect(await main(['bad'], io, [bad])).toBe(2);
    expect(io.err()).toBe('error: n must be a number\n');
  });
});

describe('cli validate', () => {
  it('a valid file: ok line, exit 0', async () => {
    const cwd = workdir({ 'good.yaml': baseText() });
    const io = captureIo({ cwd });
    expect(await main(['validate', 'good.yaml'], io)).toBe(0);
    expect(io.out()).toBe('good.yaml: ok — test (1 NIC, compare: 2 runs)\n');
    expect(io.err()).toBe('');
  });
  it('every error of every file, formatted, exit 2', async () => {
    const bad = withLine(11, '    ring: 0').replace('driver: gve', 'driver: gvee');
    const cwd = workdir({ 'good.yaml': baseText(), 'bad.yaml': bad, 'worse.yaml': withLine(13, '  - nic: eth1') });
    const io = captureIo({ cwd });
    expect(await main(['validate', 'good.yaml', 'bad.yaml', 'worse.yaml'], io)).toBe(2);
    expect(io.out()).toBe('good.yaml: ok — test (1 NIC, compare: 2 runs)\n');
    expect(io.err()).toBe(
      [
        'bad.yaml: nics[0].driver (line 8, col 13): must be one of generic, gve, mlx4, mt76, hns3, mlx5, got "gvee"; did you mean "gve"?',
        'bad.yaml: nics[0].ring (line 11, col 11): must be at least 1, got 0',
        'bad.yaml: 2 errors',
        'worse.yaml: traffic[0].nic (line 13, col 10): no NIC named "eth1"; did you mean "eth0"?',
        'worse.yaml: 1 error',
        '',
      ].join('\n'),
    );
  });
  it('--json reports machine-readable errors', async () => {
    const cwd = workdir({ 'bad.yaml': withLine(11, '    ring: 1000') });
    const io = captureIo({ cwd });
    expect(await main(['validate', '--json', 'bad.yaml'], io)).toBe(2);
    expect(JSON.parse(io.out())).toEqual([
      {
        file: 'bad.yaml',
        ok: false,
        errors: [
          {
            path: 'nics[0].ring',
            line: 11,
            col: 11,
            message: 'gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL)',
          },
        ],
      },
    ]);
  });
  it('a missing file and an oversize file are reported, exit 2', async () => {
    const cwd = workdir({ 'huge.yaml': `name: x\n#${'y'.repeat(1024 * 1024 + 10)}\n` });
    const io = captureIo({ cwd });
    expect(await main(['validate', 'missing.yaml', 'huge.yaml'], io)).toBe(2);
    expect(io.err()).toContain('missing.yaml: no such file\n');
    expect(io.err()).toContain('huge.yaml: line 1, col 1: file is 1.0 MiB; scenario files are limited to 1.0 MiB\n');
  });
  it('a directory stands for the scenario files under it', async () => {
    const cwd = workdir({ 'a.yaml': baseText(), 'b.yml': baseText(), 'notes.txt': 'x' });
    const io = captureIo({ cwd });
    expect(await main(['validate', '.'], io)).toBe(0);
    expect(io.out()).toBe('a.yaml: ok — test (1 NIC, compare: 2 runs)\nb.yml: ok — test (1 NIC, compare: 2 runs)\n');
    const empty = workdir({});
    const io2 = captureIo({ cwd: empty });
    expect(await main(['validate', '.'], io2)).toBe(2);
    expect(io2.err()).toBe('error: .: no .yaml files in this directory\n');
  });
  it('no files or an unknown option: usage error, exit 2', async () => {
    const a = captureIo();
    expect(await main(['validate'], a)).toBe(2);
    expect(a.err()).toBe(
      'error: no scenario files given\nusage: cli validate <scenario.yaml | directory>… [--json] [--quiet]\n' +
        '(npm run cli -- validate --help lists the options)\n',
    );
    const b = captureIo();
    expect(await main(['validate', '--bogus', 'x.yaml'], b)).toBe(2);
    expect(b.err()).toMatch(/^error: Unknown option '--bogus'/);
  });
});

describe('cli validate: driver refusals are scenario errors', () => {
  const refused =
    'name: t\nduration: 1ms\nnics:\n  - { name: eth0, link: 10Gbit }\n  - name: eth1\n    driver: gve\n    mode: gqi\n    link: 10Gbit\ntraffic:\n  - { nic: eth0 }\n';
  it('located at the NIC, with the errno, exit 2 (validate and run)', async () => {
    const cwd = workdir({ 'mode.yaml': refused });
    const a = captureIo({ cwd });
    expect(await main(['validate', 'mode.yaml'], a)).toBe(2);
    expect(a.err()).toBe(
      'mode.yaml: nics[1] (line 5, col 5): the gve driver refuses eth1: gve: mode "gqi" is not a modelled queue format (dqo-rda | dqo-qpl) (-EINVAL)\nmode.yaml: 1 error\n',
    );
    const b = captureIo({ cwd });
    expect(await main(['run', 'mode.yaml'], b)).toBe(2);
    expect(b.err()).toMatch(/^mode.yaml: nics\[1\] \(line 5, col 5\): the gve driver refuses eth1/);
  });
  it('every point of a compare matrix must be accepted, combinations included', async () => {
    const combo =
      'name: t\nduration: 1ms\nnics:\n  - { name: eth0, driver: gve, mode: dqo-rda, link: 10Gbit }\ntraffic:\n  - { nic: eth0 }\n' +
      'compare:\n  driver: [gve, mt76]\n  variant: [page, netmem]\n';
    const cwd = workdir({ 'combo.yaml': combo });
    const io = captureIo({ cwd });
    expect(await main(['validate', 'combo.yaml'], io)).toBe(2);
    expect(io.err()).toBe(
      [
        'combo.yaml: compare (line 8, col 3): point driver=mt76 variant=page: the mt76 driver refuses eth0: mt76: mode "dqo-rda" unknown (mmio | usb) (-EINVAL)',
        'combo.yaml: compare (line 8, col 3): point driver=mt76 variant=netmem: the mt76 driver refuses eth0: mt76: mode "dqo-rda" unknown (mmio | usb) (-EINVAL)',
        'combo.yaml: 2 errors',
        '',
      ].join('\n'),
    );
  });
  it('a compare matrix over the run limit is refused before running', async () => {
    const big = `${baseText().replace('  variant: [page, netmem]', `  seed: [${Array.from({ length: 600 }, (_, i) => i).join(', ')}]`)}`;
    const cwd = workdir({ 'big.yaml': big });
    const io = captureIo({ cwd });
    expect(await main(['validate', 'big.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^big\.yaml: compare \(line 22, col 3\): compare expands to 600 points × 1 repeats = 600 runs; the limit is 512\n/,
    );
  });
  it('every shipped scenario passes validate', async () => {
    const io = captureIo({ cwd: path.resolve(__dirname, '../..') });
    expect(await main(['validate', '--quiet', 'scenarios'], io), io.err()).toBe(0);
  });
});

describe('cli schema', () => {
  it('prints the generated JSON Schema', async () => {
    const io = captureIo();
    expect(await main(['schema'], io)).toBe(0);
    expect(io.out()).toBe(scenarioJsonSchemaText());
  });
  it('a failed write exits 1 with the reason and a hint, not a bug report', async () => {
    const cwd = workdir({ afile: 'x' });
    const io = captureIo({ cwd });
    expect(await main(['schema', '--out', 'afile/s.json'], io)).toBe(1);
    expect(io.err()).toBe(
      `error: cannot write ${path.join(cwd, 'afile/s.json')}: a component of the path is not a directory (ENOTDIR)\n` +
        'hint: check the path, its permissions and the free space, then run again\n',
    );
  });
  it('--out writes it atomically', async () => {
    const cwd = workdir({});
    const io = captureIo({ cwd });
    expect(await main(['schema', '--out', 's.json'], io)).toBe(0);
    expect(readFileSync(path.join(cwd, 's.json'), 'utf8')).toBe(scenarioJsonSchemaText());
  });
});

describe('cli run: arguments and invalid scenarios exit 2 before simulating', () => {
  it.each([
    [[], /^error: no scenario file given/],
    [['a.yaml', 'b.yaml'], /^error: one scenario file at a time, got 2/],
    [['good.yaml', '--seed', 'abc'], /^error: --seed must be an integer from 0 to 4294967295, got "abc"/],
    [['good.yaml', '--seed', '4294967296'], /^error: --seed must be an integer/],
    [['good.yaml', '--json', 'nodir/out.json'], /^error: --json .*nodir\/out.json: directory .*nodir does not exist/],
    [['good.yaml', '--csv', '.'], /^error: --csv .*: is a directory/],
    [['good.yaml', '--frobnicate'], /^error: Unknown option '--frobnicate'/],
  ])('%j', async (args, message) => {
    const cwd = workdir({ 'good.yaml': baseText() });
    const io = captureIo({ cwd });
    expect(await main(['run', ...args], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });
  it('an invalid scenario prints its errors', async () => {
    const cwd = workdir({ 'bad.yaml': withLine(11, '    ring: 1000') });
    const io = captureIo({ cwd });
    expect(await main(['run', 'bad.yaml'], io)).toBe(2);
    expect(io.err()).toBe(
      'bad.yaml: nics[0].ring (line 11, col 11): gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL)\n',
    );
  });
  it('an override that makes the scenario invalid is reported against the file', async () => {
    const cwd = workdir({ 'good.yaml': baseText() });
    const io = captureIo({ cwd });
    expect(await main(['run', 'good.yaml', '--duration', '0s', '--json', 'out.json'], io)).toBe(2);
    expect(io.err()).toBe('good.yaml: duration: must be more than 0 and at most 1h, got "0s" (after overriding duration)\n');
    expect(existsSync(path.join(cwd, 'out.json'))).toBe(false);
  });
});
