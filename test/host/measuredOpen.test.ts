// Measured files opened in the app: the host imports them (openMeasuredText from the browser,
// openMeasuredDialog from the desktop's dialog) and answers a measured document, or an API error
// with the importer's located message; hostile input (too large, too many files, paths for names,
// wrong types, deep nesting, a measured.json mixed with other files) is refused, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import { RunManager, type RunPool } from '../../electron/host/runManager';
import { CompareService } from '../../electron/host/compareService';
import { WorkbenchService } from '../../electron/host/workbenchService';
import { WebPlatform } from '../../electron/host/web/webPlatform';
import type { HostPlatform } from '../../electron/host/platform';
import type { MeasuredOpened } from '../../shared/api';
import { MEASURED_MAX_CHARS, MEASURED_MAX_FILES } from '../../shared/apiLimits';
import { importMeasured } from '../../shared/measured/importMeasured';
import { fixture } from '../measured/fixtures';

const pool: RunPool = {
  size: 1,
  run: () => {
    throw new Error('no runs here');
  },
  close: async () => undefined,
};
const ETHTOOL = 'ethtool-S.mlx5-cx6dx-xdp-2024.txt';
const YNL = 'ynl-page-pool-stats-get.kuba-2023.txt';

let dir: string;
let picked: string[] = [];

function service(platform: HostPlatform): WorkbenchService {
  const library = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
  const runs = new RunManager(pool);
  return new WorkbenchService({
    library,
    runs,
    compares: new CompareService(library, runs, 'test'),
    platform,
    exportReport: async () => undefined,
    version: 'test',
  });
}

let web: WorkbenchService;
let desktop: WorkbenchService;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wb-measured-')));
  web = service(
    new WebPlatform(
      [],
      path.join(dir, 'exports'),
      (n) => `/x/${n}`,
      () => [],
    ),
  );
  // The desktop platform's dialog, as the service sees it: the paths the user chose.
  const base = new WebPlatform(
    [],
    path.join(dir, 'exports2'),
    (n) => `/y/${n}`,
    () => [],
  );
  const electronLike: HostPlatform = Object.assign(Object.create(base) as HostPlatform, {
    kind: 'electron' as const,
    pickMeasuredFiles: async () => picked,
  });
  desktop = service(electronLike);
});
afterAll(async () => {
  await web.close();
  await desktop.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openMeasuredText (files the browser read)', () => {
  it('imports the published mlx5 ethtool -S and ynl dump into one measured document', async () => {
    const r = (await web.invoke('openMeasuredText', [
      [
        { name: ETHTOOL, text: fixture(ETHTOOL) },
        { name: YNL, text: fixture(YNL) },
      ],
    ])) as MeasuredOpened;
    expect(r.name).toBe(`${ETHTOOL} and 1 more`);
    expect(r.measured.sources.map((s) => [s.path, s.kind])).toEqual([
      [ETHTOOL, 'ethtool'],
      [YNL, 'ynl'],
    ]);
    expect(r.measured.devices[0].stats.recycle_cached).toBe(3641280);
    expect(r.measured.devices[0].queues[0].stats.recycle_ring).toBe(0);
    expect(r.measured.pools.map((p) => p.id)).toEqual([19, 18]);
  });

  it('reads a measured.json back as it is', async () => {
    const m = importMeasured([{ path: YNL, text: fixture(YNL) }]);
    const r = (await web.invoke('openMeasuredText', [[{ name: 'measured.json', text: JSON.stringify(m, null, 1) }]])) as MeasuredOpened;
    expect(r.measured).toEqual(m);
  });

  it('a malformed file: EINVAL with file:line:column, expected, found', async () => {
    const bad = fixture(ETHTOOL).replace('rx_pp_alloc_slow: 8', 'rx_pp_alloc_slow: eight');
    await expect(web.invoke('openMeasuredText', [[{ name: 'eth0.txt', text: bad }]])).rejects.toMatchObject({
      name: 'EINVAL',
      message: expect.stringMatching(
        /^EINVAL: eth0\.txt:17:24: expected a non-negative integer value for 'rx_pp_alloc_slow', found "eight"$/,
      ),
    });
    await expect(web.invoke('openMeasuredText', [[{ name: 'x.txt', text: 'hello\n' }]])).rejects.toMatchObject({
      name: 'EINVAL',
      message: expect.stringContaining('x.txt:1:1: expected ynl, ethtool -S'),
    });
    await expect(
      web.invoke('openMeasuredText', [[{ name: 'm.json', text: '{"format": "netmem-workbench/measured@1", "pools": 3}' }]]),
    ).rejects.toMatchObject({ name: 'EINVAL', message: expect.stringContaining('m.json: sources: expected an array') });
    await expect(
      web.invoke('openMeasuredText', [[{ name: 'm.json', text: '{"format": "netmem-workbench/measured@1",' }]]),
    ).rejects.toMatchObject({ name: 'EINVAL', message: expect.stringContaining('m.json: not valid JSON') });
  });

  it('two snapshots without timestamps: EINVAL saying what to add', async () => {
    const two = `${fixture(ETHTOOL)}\n${fixture(ETHTOOL)}`;
    await expect(web.invoke('openMeasuredText', [[{ name: 'two.txt', text: two }]])).rejects.toMatchObject({
      name: 'EINVAL',
      message: expect.stringContaining('timestamp line before each'),
    });
  });

  it('two untimed snapshots with intervalS give rates (inputs written for the test); a bad interval is refused', async () => {
    const snap = (n: number) => ({
      name: `t${n}.txt`,
      text: `NIC statistics:\n     rx_pp_alloc_fast: ${n}\n     rx_pp_recycle_cached: ${n / 2}\n`,
    });
    const r = (await web.invoke('openMeasuredText', [[snap(10), snap(30)], 2])) as MeasuredOpened;
    expect(r.measured.rates).toMatchObject({ interval_s: 2, devices: [{ per_s: { alloc_fast: 10, recycle_cached: 5 } }] });
    for (const bad of [0, -1, Number.NaN, 86_401, '2s']) {
      await expect(web.invoke('openMeasuredText', [[snap(10), snap(30)], bad])).rejects.toMatchObject({
        name: 'EINVAL',
        message: expect.stringContaining('intervalS must be a number of seconds'),
      });
    }
    await expect(web.invoke('openMeasuredDialog', [0])).rejects.toMatchObject({ name: 'EINVAL' });
  });

  it('hostile arguments are refused before any parsing', async () => {
    const ok = { name: 'a.txt', text: fixture(ETHTOOL) };
    const refuse = (args: unknown[], name: string, msg: RegExp) =>
      expect(web.invoke('openMeasuredText', args)).rejects.toMatchObject({ name, message: expect.stringMatching(msg) });
    await refuse([[]], 'EINVAL', /files must be an array of 1 to 16/);
    await refuse(['a.txt'], 'EINVAL', /files must be an array/);
    await refuse([new Array(MEASURED_MAX_FILES + 1).fill(ok)], 'EINVAL', /files must be an array of 1 to 16/);
    await refuse([[{ name: '../../etc/passwd', text: 'x' }]], 'EINVAL', /must be a bare file name/);
    await refuse([[{ name: 'a.txt', text: 42 }]], 'EINVAL', /files\[0\]\.text must be a string/);
    await refuse([[null]], 'EINVAL', /files\[0\] must be an object/);
    await refuse([[{ name: 'big.txt', text: 'x'.repeat(MEASURED_MAX_CHARS + 1) }]], 'EFBIG', /limited to 1\.0 MiB .*cli import/);
    await refuse([[ok, { name: 'b.txt', text: 'x'.repeat(MEASURED_MAX_CHARS) }]], 'EFBIG', /limited to 1\.0 MiB/);
  });

  it('deep nesting and a measured.json among other files: EINVAL, the host answers the next request', async () => {
    await expect(
      web.invoke('openMeasuredText', [[{ name: 'deep.txt', text: `${'['.repeat(200_000)}{'alloc-fast': 1}` }]]),
    ).rejects.toMatchObject({ name: 'EINVAL', message: expect.stringContaining('deep.txt:1:') });
    const m = JSON.stringify(importMeasured([{ path: YNL, text: fixture(YNL) }]));
    await expect(
      web.invoke('openMeasuredText', [
        [
          { name: 'm.json', text: m },
          { name: YNL, text: fixture(YNL) },
        ],
      ]),
    ).rejects.toMatchObject({ name: 'EINVAL', message: expect.stringContaining('opened on its own') });
    await expect(web.invoke('openMeasuredText', [[{ name: YNL, text: fixture(YNL) }]])).resolves.toMatchObject({ name: YNL });
  });
});

describe('openMeasuredDialog', () => {
  it('the web host has no dialog: ENOTSUP (the page uploads)', async () => {
    await expect(web.invoke('openMeasuredDialog', [])).rejects.toMatchObject({ name: 'ENOTSUP' });
  });

  it('desktop: reads and imports the chosen files; cancelled gives null', async () => {
    writeFileSync(path.join(dir, ETHTOOL), fixture(ETHTOOL));
    picked = [path.join(dir, ETHTOOL)];
    const r = (await desktop.invoke('openMeasuredDialog', [])) as MeasuredOpened;
    expect(r.name).toBe(ETHTOOL);
    expect(r.measured.devices[0].device).toBe('ethtool-S.mlx5-cx6dx-xdp-2024');
    picked = [];
    expect(await desktop.invoke('openMeasuredDialog', [])).toBeNull();
  });

  it('desktop: an oversized file is refused on its size, a missing one and a malformed one named', async () => {
    writeFileSync(path.join(dir, 'huge.txt'), Buffer.alloc(MEASURED_MAX_CHARS * 3 + 1, 0x20));
    picked = [path.join(dir, 'huge.txt')];
    await expect(desktop.invoke('openMeasuredDialog', [])).rejects.toMatchObject({ name: 'EFBIG' });
    picked = [path.join(dir, 'gone.txt')];
    await expect(desktop.invoke('openMeasuredDialog', [])).rejects.toMatchObject({
      name: 'ENOENT',
      message: expect.stringContaining('gone.txt'),
    });
    picked = [dir];
    await expect(desktop.invoke('openMeasuredDialog', [])).rejects.toMatchObject({ name: 'ENOENT' });
    writeFileSync(path.join(dir, 'bad.txt'), 'NIC statistics:\n     rx_pp_alloc_fast: -1\n');
    picked = [path.join(dir, 'bad.txt')];
    await expect(desktop.invoke('openMeasuredDialog', [])).rejects.toMatchObject({
      name: 'EINVAL',
      message: expect.stringMatching(/^EINVAL: bad\.txt:2:24: expected a non-negative integer/),
    });
  });
});
