// Scenario library: shipped tree, open, validation results, save (atomic), recent list persisted,
// and files reloaded when changed on disk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import type { ScenarioSummary } from '../../shared/api';

const VALID = (name: string) =>
  `name: ${name}\ndescription: d\nduration: 10ms\nnics: [{ name: eth0, driver: gve, variant: netmem, link: 100Gbit }]\ntraffic: [{ nic: eth0 }]\ncompare: { variant: [page, netmem] }\n`;
const BROKEN = 'name: broken\nduration: 10ms\nnics:\n  - name: eth0\n    link: 100Gbit\n    ring: 1000\ntraffic: [{ nic: eth0 }]\n';

let dir: string;
let lib: ScenarioLibrary | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-lib-'));
  mkdirSync(path.join(dir, 'shipped/sub'), { recursive: true });
  writeFileSync(path.join(dir, 'shipped/a.yaml'), VALID('A'));
  writeFileSync(path.join(dir, 'shipped/sub/b.yml'), VALID('B'));
  writeFileSync(path.join(dir, 'shipped/notes.txt'), 'not a scenario');
  mkdirSync(path.join(dir, 'user'));
});
afterEach(() => {
  lib?.close();
  lib = null;
  rmSync(dir, { recursive: true, force: true });
});

function nextChange(l: ScenarioLibrary, pred: (s: ScenarioSummary[]) => boolean): Promise<ScenarioSummary[]> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      off();
      reject(new Error('no library change within 5 s'));
    }, 5000);
    const off = l.onChanged((s) => {
      if (pred(s)) {
        clearTimeout(t);
        off();
        resolve(s);
      }
    });
  });
}

describe('ScenarioLibrary', () => {
  it('lists shipped scenarios in subfolders with badges', async () => {
    lib = new ScenarioLibrary({ shippedDir: path.join(dir, 'shipped'), stateFile: null });
    await lib.init();
    const list = lib.list();
    expect(list.map((s) => s.id)).toEqual(['shipped:a.yaml', 'shipped:sub/b.yml']);
    expect(list[0]).toMatchObject({ name: 'A', origin: 'shipped', valid: true, hasCompare: true });
    expect(list[0].badges).toEqual(['gve/netmem', 'compare']);
  });

  it('opens a broken file and reports located errors; scenario() refuses it with EINVAL', async () => {
    lib = new ScenarioLibrary({ shippedDir: null, stateFile: null });
    const f = path.join(dir, 'user/broken.yaml');
    writeFileSync(f, BROKEN);
    const [s] = await lib.open([f]);
    expect(s.valid).toBe(false);
    expect(s.errors[0]).toMatchObject({ path: 'nics[0].ring', line: 6 });
    expect(() => lib!.scenario(s.id)).toThrow(/EINVAL.*nics\[0\]\.ring \(line 6\)/);
  });

  it('refuses what is not a scenario file', async () => {
    lib = new ScenarioLibrary({ shippedDir: null, stateFile: null });
    await expect(lib.open([path.join(dir, 'shipped/notes.txt')])).rejects.toThrow(/EINVAL/);
    await expect(lib.open([path.join(dir, 'user/missing.yaml')])).rejects.toThrow(/ENOENT/);
    expect(() => lib!.get('opened:/etc/passwd')).toThrow(/ENOENT/);
  });

  it('persists the recent list across instances, newest first', async () => {
    const state = path.join(dir, 'state/recent.json');
    mkdirSync(path.dirname(state));
    lib = new ScenarioLibrary({ shippedDir: null, stateFile: state, watch: false });
    const f1 = path.join(dir, 'user/one.yaml');
    const f2 = path.join(dir, 'user/two.yaml');
    writeFileSync(f1, VALID('one'));
    writeFileSync(f2, VALID('two'));
    await lib.open([f1]);
    await lib.open([f2]);
    const again = new ScenarioLibrary({ shippedDir: null, stateFile: state, watch: false });
    expect(again.recent.get()).toEqual([f2, f1]);
  });

  it('saves editor text back to the file and revalidates', async () => {
    lib = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
    const f = path.join(dir, 'user/s.yaml');
    writeFileSync(f, BROKEN);
    const [s] = await lib.open([f]);
    const saved = await lib.save(s.id, BROKEN.replace('ring: 1000', 'ring: 1024'), lib.get(s.id).revision);
    expect(saved.valid).toBe(true);
    expect(readFileSync(f, 'utf8')).toContain('ring: 1024');
  });

  it('reloads a file changed on disk (also when replaced by rename) with its new validation result', async () => {
    lib = new ScenarioLibrary({ shippedDir: null, stateFile: null });
    const f = path.join(dir, 'user/w.yaml');
    writeFileSync(f, VALID('watched'));
    const [s] = await lib.open([f]);
    expect(s.valid).toBe(true);
    const broke = nextChange(lib, (l) => l.some((x) => x.id === s.id && !x.valid));
    writeFileSync(f, BROKEN.replace('name: broken', 'name: watched'));
    const after = (await broke).find((x) => x.id === s.id)!;
    expect(after.errors[0].path).toBe('nics[0].ring');
    // An editor's save: write a temp file, rename over the original.
    const fixed = nextChange(lib, (l) => l.some((x) => x.id === s.id && x.valid));
    writeFileSync(f + '.tmp', VALID('watched again'));
    renameSync(f + '.tmp', f);
    expect((await fixed).find((x) => x.id === s.id)!.name).toBe('watched again');
  });
});
