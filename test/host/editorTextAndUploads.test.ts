// Run runs what the editor shows, and files come from the browser as text. startRun with the editor's text runs that text (checked as the
// file would be: size, parser, driver refusals, profile file confined to the scenario's folder)
// and marks the run unsaved in its label and document; unchanged text runs the saved file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import { RunManager, type RunPool } from '../../electron/host/runManager';
import { CompareService } from '../../electron/host/compareService';
import { WorkbenchService } from '../../electron/host/workbenchService';
import { WebPlatform } from '../../electron/host/web/webPlatform';
import { checkArgs } from '../../electron/host/argCheck';
import type { RunJob } from '../../electron/host/workerPool';
import type { RunInfo } from '../../shared/api';
import type { RunDocument } from '../../shared/doc/runDocument';
import type { Scenario } from '../../shared/scenario/schema';
import { MAX_TEXT_CHARS } from '../../shared/apiLimits';

const SAVED = 'name: s\nduration: 10ms\nnics: [{ name: eth0, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n';

/** Records the scenario each run was given; finishes at once with a document carrying it. */
const ran: Scenario[] = [];
const pool: RunPool = {
  size: 1,
  run(scenario): RunJob {
    ran.push(scenario);
    const doc = { scenario, series: { t_ns: [], columns: {}, meta: [] }, events: [], meta: { wall_ms: 1 } } as unknown as RunDocument;
    return { id: ran.length, promise: Promise.resolve(doc), cancel: () => undefined };
  },
  close: async () => undefined,
};

let dir: string;
let service: WorkbenchService;
let runs: RunManager;
let id: string;

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wb-text-')));
  mkdirSync(path.join(dir, 'open'));
  writeFileSync(path.join(dir, 'open/s.yaml'), SAVED);
  writeFileSync(path.join(dir, 'secret.yaml'), 'not a profile\n');
  const library = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
  runs = new RunManager(pool);
  const platform = new WebPlatform(
    [path.join(dir, 'open')],
    path.join(dir, 'exports'),
    (n) => `/x/${n}`,
    () => ['s.yaml'],
  );
  service = new WorkbenchService({
    library,
    runs,
    compares: new CompareService(library, runs, 'test'),
    platform,
    exportReport: async () => undefined,
    version: 'test',
  });
  const [s] = (await service.invoke('openScenarioDialog', [])) as { id: string }[];
  id = s.id;
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function finished(info: RunInfo): Promise<RunDocument> {
  for (let i = 0; i < 50 && runs.list().find((r) => r.runId === info.runId)?.state !== 'done'; i++)
    await new Promise((r) => setTimeout(r, 10));
  return runs.document(info.runId);
}

describe('startRun with the editor text', () => {
  it('runs the edited duration, marked unsaved in the label and the document', async () => {
    const info = (await service.invoke('startRun', [id, { yaml: SAVED.replace('10ms', '25ms') }])) as RunInfo;
    expect(info).toMatchObject({ label: 's (unsaved)', unsaved: true, duration_ns: 25e6 });
    expect(ran.at(-1)!.duration).toBe(25e6);
    expect((await finished(info)).meta.unsaved).toBe(true);
  });

  it('text equal to the file runs the file, not marked', async () => {
    const info = (await service.invoke('startRun', [id, { yaml: SAVED }])) as RunInfo;
    expect(info.label).toBe('s');
    expect(info.unsaved).toBeUndefined();
    expect((await finished(info)).meta.unsaved).toBeUndefined();
  });

  it('refuses text the parser refuses, with the located error; nothing runs', async () => {
    const before = ran.length;
    await expect(service.invoke('startRun', [id, { yaml: SAVED.replace('10ms', 'ten') }])).rejects.toMatchObject({
      name: 'EINVAL',
      message: /duration \(line 2\).*nothing was run/,
    });
    expect(ran.length).toBe(before);
  });

  it('refuses what the driver model refuses, located at the NIC', async () => {
    const yaml = 'name: s\nduration: 10ms\nnics:\n  - { name: eth0, driver: gve, link: 10Gbit, mode: gqi }\ntraffic: [{ nic: eth0 }]\n';
    await expect(service.invoke('startRun', [id, { yaml }])).rejects.toMatchObject({
      name: 'EINVAL',
      message: /nics\[0\] \(line 4\).*gve driver refuses eth0/,
    });
  });

  it("a profile file outside the scenario's folder is refused, as for the file", async () => {
    const yaml = SAVED.replace('duration: 10ms\n', 'duration: 10ms\nhost: { cpu: { profile_file: ../secret.yaml } }\n');
    await expect(service.invoke('startRun', [id, { yaml }])).rejects.toMatchObject({
      name: 'EINVAL',
      message: /outside the scenario's directory/,
    });
  });

  it('argument checks: yaml must be a string within the size cap', () => {
    expect(checkArgs('startRun', ['x', { yaml: 'a' }])).toEqual(['x', { yaml: 'a' }]);
    expect(() => checkArgs('startRun', ['x', { yaml: 3 }])).toThrow(/EINVAL.*yaml must be a string/);
    expect(() => checkArgs('startRun', ['x', { yaml: 'x'.repeat(MAX_TEXT_CHARS + 1) }])).toThrow(/EFBIG/);
  });

  it('multi-byte text over the byte cap is refused before parsing', async () => {
    const big = `${SAVED}# ${'é'.repeat(MAX_TEXT_CHARS / 2 + 10)}\n`;
    await expect(service.invoke('startRun', [id, { yaml: big }])).rejects.toMatchObject({ name: 'EFBIG' });
  });
});

describe('openScenarioText (a file from the browser)', () => {
  it("keeps a copy under a fresh name in the host's upload folder and lists it by that name", async () => {
    const [a] = (await service.invoke('openScenarioText', ['mine.yaml', SAVED.replace('name: s', 'name: uploaded')])) as {
      id: string;
      file: string;
      name: string;
      origin: string;
    }[];
    expect(a).toMatchObject({ name: 'uploaded', origin: 'opened', file: path.join(dir, 'uploads/mine.yaml') });
    const [b] = (await service.invoke('openScenarioText', ['mine.yaml', SAVED.replace('name: s', 'name: again')])) as { file: string }[];
    expect(b.file).toBe(path.join(dir, 'uploads/mine-2.yaml'));
    expect(readFileSync(path.join(dir, 'uploads/mine.yaml'), 'utf8')).toContain('name: uploaded');
    // the copy may be opened again by path (the recent list)
    const again = (await service.invoke('openScenarioFiles', [[a.file]])) as { id: string }[];
    expect(again[0].id).toBe(a.id);
  });

  it('an invalid file is listed with its located errors', async () => {
    const [s] = (await service.invoke('openScenarioText', ['bad.yml', 'name: bad\nduration: soon\n'])) as {
      valid: boolean;
      errors: { path: string }[];
    }[];
    expect(s.valid).toBe(false);
    expect(s.errors.map((e) => e.path)).toContain('duration');
  });

  it('takes a bare file name only, and text within the cap', async () => {
    for (const name of ['../x.yaml', 'a/b.yaml', 'a\\b.yaml', '.hidden.yaml', 'x.json', '', 'nul\0.yaml']) {
      await expect(service.invoke('openScenarioText', [name, SAVED])).rejects.toMatchObject({ name: 'EINVAL' });
    }
    expect(existsSync(path.join(dir, 'x.yaml'))).toBe(false);
    await expect(service.invoke('openScenarioText', ['big.yaml', 'x'.repeat(MAX_TEXT_CHARS + 1)])).rejects.toMatchObject({ name: 'EFBIG' });
  });
});

describe('exportReport answers the page with a file name, never a host path', () => {
  it('web host: the download URL and the bare file name', async () => {
    const info = (await service.invoke('startRun', [id, {}])) as RunInfo;
    await finished(info);
    const r = (await service.invoke('exportReport', [info.runId, 'json'])) as Record<string, unknown>;
    expect(Object.keys(r).sort()).toEqual(['file', 'url']);
    expect(r.file).toBe(`s-${info.runId}.json`);
    expect(String(r.url)).toBe(`/x/s-${info.runId}.json`);
    expect(JSON.stringify(r)).not.toContain(dir);
  });
});
