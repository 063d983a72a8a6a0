// A private redis-server for the distributed tests: loopback only, a free port, its own folder.
// Missing redis-server fails the tests under CI (where .ci/run installs it) and skips them elsewhere.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CompareDocument } from '../../shared/doc/compareDocument';

// One exit hook for every child: a test process that dies leaves no server or worker behind.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
function track(p: ChildProcess): void {
  children.add(p);
  p.once('exit', () => children.delete(p));
}

export const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0;
if (!HAVE_REDIS && process.env.CI) throw new Error("redis-server is not installed (.ci/run installs Debian's redis-server)");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export class RedisServer {
  private proc: ChildProcess | null = null;
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'nmw-redis-'));
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts (or restarts) the server on the same port and folder; RDB only, loaded at start. */
  async start(): Promise<void> {
    this.proc = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--dbfilename',
        'dump.rdb',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'yes',
      ],
      { stdio: 'ignore' },
    );
    track(this.proc);
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  cli(...args: string[]): string {
    return spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).stdout.trim();
  }

  /** SHUTDOWN SAVE: the data survives into the next start(), as a restarted production Redis would. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    this.proc = null;
    const exited = new Promise((r) => p.once('exit', r));
    this.cli('shutdown', 'save');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (p.exitCode === null) p.kill('SIGKILL');
  }
}

/** A `cli worker` process; `log` collects its stderr. */
export class WorkerProcess {
  readonly proc: ChildProcess;
  log = '';
  constructor(url: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
    this.proc = spawn(
      process.execPath,
      ['scripts/netmem-workbench.mjs', 'worker', '--queue', url, '--concurrency', '1', '--lock-ms', '2000', ...extra],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...env },
      },
    );
    this.proc.stderr!.on('data', (b: Buffer) => {
      this.log += b.toString();
    });
    track(this.proc);
  }

  async ready(): Promise<void> {
    for (let i = 0; i < 600 && !this.log.includes('worker: engine'); i++) await new Promise((r) => setTimeout(r, 100));
    if (!this.log.includes('worker: engine')) throw new Error(`worker did not start:\n${this.log}`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill(signal);
    return exited;
  }
}

/** A compare document as a string without its wall-clock parts (top-level and per-run meta). */
export function outsideMeta(doc: CompareDocument): string {
  const d = structuredClone(doc) as Partial<CompareDocument>;
  delete d.meta;
  for (const point of d.runs ?? []) for (const run of point) delete (run as { meta?: unknown }).meta;
  return JSON.stringify(d);
}
