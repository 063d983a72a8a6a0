// Starts test/host/hostileHost.ts in its own process on 127.0.0.1 over a prepared work
// directory (renderer page, an --open directory with symlink traps, a shipped scenario), and
// tells whether it is still alive and answering.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpRaw, type Target } from './hostileClient';

const here = path.dirname(fileURLToPath(import.meta.url));
export const VALID_YAML = 'name: s\nduration: 10ms\nnics: [{ name: eth0, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n';

/** The work directory the host serves; symlinks point out of the --open directory. */
export function makeWorkDir(): string {
  const work = mkdtempSync(path.join(os.tmpdir(), 'wb-hostile-'));
  for (const d of ['renderer', 'open', 'shipped', 'exports']) mkdirSync(path.join(work, d));
  writeFileSync(path.join(work, 'renderer/index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(work, 'open/s.yaml'), VALID_YAML);
  writeFileSync(path.join(work, 'secret.yaml'), 'name: secret\n');
  writeFileSync(path.join(work, 'shipped/ship.yaml'), VALID_YAML.replace('name: s', 'name: ship'));
  symlinkSync('/etc/passwd', path.join(work, 'open/x.yaml'));
  symlinkSync('../secret.yaml', path.join(work, 'open/out.yaml'));
  symlinkSync('s.yaml', path.join(work, 'open/alias.yaml'));
  return work;
}

export interface HostProcess {
  child: ChildProcess;
  target: Target;
  stderr: () => string;
}

export function startHost(work: string, extra: string[] = []): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'hostileHost.ts'), work, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: path.resolve(here, '../..'),
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (.*)\n/.exec(out);
      if (!m) return;
      const { origin, token } = JSON.parse(m[1]) as { origin: string; token: string };
      resolve({ child, target: { host: '127.0.0.1', port: Number(new URL(origin).port), token }, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before listening: ${err}`)));
  });
}

/** The host process is running and serves the page for the token. */
export async function answers(h: HostProcess): Promise<boolean> {
  if (h.child.exitCode !== null || h.child.signalCode !== null) return false;
  const status = await httpRaw(h.target, `GET /?token=${h.target.token} HTTP/1.1\r\nHost: 127.0.0.1:${h.target.port}\r\n\r\n`);
  return status.startsWith('HTTP/1.1 200');
}
