// Saving never loses an edit and never writes where it should not: a file changed on disk since
// it was loaded is a conflict (ESTALE), shipped scenarios are read-only (Save as… instead), a save
// through a symlink writes its target and keeps the link, a read-only file is refused, Save as
// never replaces an existing file. Paths from a browser must resolve inside what --open named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import { WebPlatform } from '../../electron/host/web/webPlatform';
import { writeFileAtomic } from '../../electron/host/atomicWrite';

const VALID = (name: string): string => `name: ${name}\nduration: 10ms\nnics: [{ name: eth0, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n`;

let dir: string;
let lib: ScenarioLibrary;
beforeEach(async () => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wb-save-')));
  mkdirSync(path.join(dir, 'shipped'));
  mkdirSync(path.join(dir, 'user'));
  writeFileSync(path.join(dir, 'shipped/ship.yaml'), VALID('ship'));
  lib = new ScenarioLibrary({ shippedDir: path.join(dir, 'shipped'), stateFile: null, watch: false });
  await lib.init();
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('save conflicts', () => {
  it('refuses a save over a file changed on disk since load; null overwrites', async () => {
    const f = path.join(dir, 'user/s.yaml');
    writeFileSync(f, VALID('mine'));
    const [s] = await lib.open([f]);
    const base = lib.get(s.id).revision;
    writeFileSync(f, VALID('theirs'));
    await expect(lib.save(s.id, VALID('edited'), base)).rejects.toMatchObject({
      name: 'ESTALE',
      message: /changed on disk since it was loaded/,
    });
    expect(readFileSync(f, 'utf8')).toBe(VALID('theirs'));
    await lib.save(s.id, VALID('edited'), null);
    expect(readFileSync(f, 'utf8')).toBe(VALID('edited'));
  });

  it('a file touched but with the same content is no conflict; a deleted one is', async () => {
    const f = path.join(dir, 'user/t.yaml');
    writeFileSync(f, VALID('t'));
    const [s] = await lib.open([f]);
    const base = lib.get(s.id).revision;
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    const saved = await lib.save(s.id, VALID('t2'), base);
    rmSync(f);
    await expect(lib.save(s.id, VALID('t3'), saved.revision)).rejects.toMatchObject({ name: 'ESTALE', message: /deleted/ });
  });

  it('shipped scenarios are read-only; Save as writes a copy elsewhere and opens it', async () => {
    const ship = lib.get('shipped:ship.yaml');
    expect(ship.readOnly).toBe(true);
    await expect(lib.save(ship.id, 'name: pwned\n', null)).rejects.toMatchObject({ name: 'EACCES', message: /read-only/ });
    expect(readFileSync(path.join(dir, 'shipped/ship.yaml'), 'utf8')).toBe(VALID('ship'));
    const copy = await lib.saveAs(VALID('mine'), { path: path.join(dir, 'user/ship-copy.yaml'), replace: false });
    expect(copy).toMatchObject({ origin: 'opened', readOnly: false, name: 'mine', file: path.join(dir, 'user/ship-copy.yaml') });
    await expect(lib.saveAs(VALID('again'), { path: path.join(dir, 'user/ship-copy.yaml'), replace: false })).rejects.toMatchObject({
      name: 'EEXIST',
    });
    await expect(lib.saveAs(VALID('x'), { path: path.join(dir, 'shipped/new.yaml'), replace: true })).rejects.toMatchObject({
      name: 'EACCES',
    });
  });

  it('a file opened from inside the shipped tree by path is read-only too', async () => {
    const [s] = await lib.open([path.join(dir, 'shipped/ship.yaml')]);
    expect(s.readOnly).toBe(true);
  });
});

describe('files', () => {
  it('saving through a symlink writes the target and keeps the link', async () => {
    const target = path.join(dir, 'user/real.yaml');
    const link = path.join(dir, 'user/link.yaml');
    writeFileSync(target, VALID('r'));
    symlinkSync('real.yaml', link);
    const [s] = await lib.open([link]);
    expect(s.file).toBe(target);
    await lib.save(s.id, VALID('via link'), lib.get(s.id).revision);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(VALID('via link'));
  });

  it('a read-only (0444) file is refused like a shell redirect would refuse it', async () => {
    const f = path.join(dir, 'user/ro.yaml');
    writeFileSync(f, VALID('ro'));
    chmodSync(f, 0o444);
    const [s] = await lib.open([f]);
    await expect(lib.save(s.id, VALID('changed'), null)).rejects.toMatchObject({ name: 'EACCES', message: /read-only/ });
    await expect(writeFileAtomic(f, 'x')).rejects.toThrow(/the file is read-only \(EACCES\)/);
    expect(readFileSync(f, 'utf8')).toBe(VALID('ro'));
  });

  it('the web platform allows only real paths inside --open; links out of it are refused', async () => {
    const open = path.join(dir, 'open');
    mkdirSync(open);
    writeFileSync(path.join(open, 's.yaml'), VALID('s'));
    writeFileSync(path.join(dir, 'secret.yaml'), VALID('secret'));
    symlinkSync('/etc/passwd', path.join(open, 'x.yaml'));
    symlinkSync('../secret.yaml', path.join(open, 'out.yaml'));
    symlinkSync('s.yaml', path.join(open, 'in.yaml'));
    const p = new WebPlatform(
      [open],
      path.join(dir, 'exports'),
      (n) => n,
      (d) => ['s.yaml', 'x.yaml', 'out.yaml', 'in.yaml'].filter(() => d === open),
    );
    expect(await p.mayOpen(path.join(open, 's.yaml'))).toBe(true);
    expect(await p.mayOpen(path.join(open, 'in.yaml'))).toBe(true);
    expect(await p.mayOpen(path.join(open, 'x.yaml'))).toBe(false);
    expect(await p.mayOpen(path.join(open, 'out.yaml'))).toBe(false);
    expect(await p.mayOpen(path.join(open, '../secret.yaml'))).toBe(false);
    expect((await p.pickScenarioFiles()).map((f) => path.basename(f))).toEqual(['s.yaml', 'in.yaml']);
  });
});

describe('web exports', () => {
  it('export names never replace an earlier export, also after a restart', async () => {
    const exportDir = path.join(dir, 'exports');
    const first = new WebPlatform(
      [],
      exportDir,
      (n) => n,
      () => [],
    );
    const a = await first.exportTarget('run-r1.html', 'html');
    const b = await first.exportTarget('run-r1.html', 'html');
    expect(path.basename(a.path)).toBe('run-r1.html');
    expect(path.basename(b.path)).toBe('run-r1-2.html');
    writeFileSync(a.path, 'first');
    writeFileSync(b.path, 'second');
    const restarted = new WebPlatform(
      [],
      exportDir,
      (n) => n,
      () => [],
    );
    const c = await restarted.exportTarget('run-r1.html', 'html');
    expect(path.basename(c.path)).toBe('run-r1-3.html');
    expect(readFileSync(a.path, 'utf8')).toBe('first');
  });
});
