// `npm run serve`: the workbench in a browser. Serves the built renderer (out/renderer) and the
// API over a token-protected WebSocket on 127.0.0.1, and prints the URL to open.
//   serve [--port N] [--open FILE|DIR]... [--public-origin URL]... [--workers N] [--state-dir DIR] [--renderer DIR]
import path from 'node:path';
import os from 'node:os';
import { existsSync, readdirSync } from 'node:fs';
import { createWorkbench } from '../createWorkbench';
import { projectRoot } from '../projectRoot';
import { hostReportDeps } from '../hostReportDeps';
import { WebPlatform } from './webPlatform';
import { WebServer } from './webServer';
import { parsePublicOrigin } from './requestGuard';

interface ServeArgs {
  port: number;
  open: string[];
  publicOrigins: string[];
  workers?: number;
  stateDir: string;
  rendererDir: string;
}

const repoRoot = projectRoot();

function parseArgs(argv: string[]): ServeArgs {
  const a: ServeArgs = {
    port: 0,
    open: [],
    publicOrigins: [],
    stateDir: path.join(os.homedir(), '.config', 'netmem-workbench', 'web'),
    rendererDir: path.join(repoRoot, 'out/renderer'),
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    const need = (): string => {
      if (v === undefined) throw new Error(`${k} needs a value`);
      i++;
      return v;
    };
    switch (k) {
      case '--port':
        a.port = Number(need());
        break;
      case '--open':
        a.open.push(path.resolve(need()));
        break;
      // The address a browser uses through an ssh tunnel or proxy, e.g. http://localhost:9000.
      case '--public-origin':
        a.publicOrigins.push(parsePublicOrigin(need()));
        break;
      case '--workers':
        a.workers = Number(need());
        break;
      case '--state-dir':
        a.stateDir = path.resolve(need());
        break;
      case '--renderer':
        a.rendererDir = path.resolve(need());
        break;
      default:
        throw new Error(`unknown option ${k} (options: --port, --open, --public-origin, --workers, --state-dir, --renderer)`);
    }
  }
  if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new Error(`--port must be 0..65535, got ${a.port}`);
  if (a.workers !== undefined && (!Number.isInteger(a.workers) || a.workers < 1)) throw new Error(`--workers must be a positive integer`);
  return a;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  for (const f of [path.join(args.rendererDir, 'index.html'), path.join(repoRoot, 'out/main/runWorker.js')]) {
    if (!existsSync(f)) throw new Error(`${f} not found: build first (npm run build)`);
  }
  const exportDir = path.join(args.stateDir, 'exports');
  let server: WebServer | null = null;
  const platform = new WebPlatform(
    args.open,
    exportDir,
    (name) => server!.downloadPath(name),
    (d) => readdirSync(d),
  );
  const service = await createWorkbench({
    shippedDir: path.join(repoRoot, 'scenarios'),
    stateDir: args.stateDir,
    platform,
    ...hostReportDeps(),
    version: process.env.npm_package_version ?? '0.0.0',
    writeDirs: platform.writeDirs(),
    ...(args.workers ? { workers: args.workers } : {}),
    // The built worker (electron-vite's second main entry): plain JS, no TypeScript loader needed in the worker.
    workerPath: path.join(repoRoot, 'out/main/runWorker.js'),
  });
  // The files named with --open are the user's choice already: listed from the start (Open… in
  // the browser uploads further files from the user's disk).
  await service
    .openScenarioDialog()
    .catch((e: unknown) => process.stderr.write(`serve: --open: ${e instanceof Error ? e.message : String(e)}\n`));
  server = new WebServer({ service, rendererDir: args.rendererDir, exportDir, port: args.port, publicOrigins: args.publicOrigins });
  const url = await server.listen();
  // The test harness reads this line; keep its form.
  process.stdout.write(`netmem-workbench web host: ${url}\n`);
  for (const o of args.publicOrigins) process.stdout.write(`  also accepted at ${o}/?token=${server.token}\n`);
  const stop = (): void => {
    void server!
      .close()
      .then(() => service.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`serve: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
