// The app's scenario library resolves host.cpu.profile_file next to the scenario file, as the CLI does.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';

const SCENARIO = (file: string) =>
  `name: calibrated\nduration: 5ms\nhost:\n  cpu: { profile_file: ${file} }\nnics: [{ name: eth0, driver: generic, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n`;
const PROFILE = 'name: lab\nghz: 3.6\nfast: 19\nptr_ring: 54\nslow: 238\n';

let dir = '';
let lib: ScenarioLibrary | null = null;
afterEach(() => {
  lib?.close();
  lib = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ScenarioLibrary and host.cpu.profile_file', () => {
  it('reads the profile into profile_data, and marks a scenario whose profile is outside its directory invalid', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wb-prof-'));
    mkdirSync(path.join(dir, 'user'));
    writeFileSync(path.join(dir, 'user/lab.yaml'), PROFILE);
    writeFileSync(path.join(dir, 'outside.yaml'), PROFILE);
    writeFileSync(path.join(dir, 'user/ok.yaml'), SCENARIO('lab.yaml'));
    writeFileSync(path.join(dir, 'user/out.yaml'), SCENARIO('../outside.yaml'));
    lib = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
    const [ok, out] = await lib.open([path.join(dir, 'user/ok.yaml'), path.join(dir, 'user/out.yaml')]);
    expect(ok.valid).toBe(true);
    expect(lib.scenario(ok.id).host.cpu.profile_data).toEqual({ name: 'lab', ghz: 3.6, fast: 19, ptr_ring: 54, slow: 238 });
    expect(out.valid).toBe(false);
    expect(lib.get(out.id).errors[0]).toMatchObject({ path: 'host.cpu.profile_file', line: 4 });
    expect(lib.get(out.id).errors[0].message).toMatch(/outside the scenario's directory/);
  });
});
