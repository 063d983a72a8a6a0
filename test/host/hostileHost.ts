// The web host as a separate process for the hostile-input suite: if an attack throws outside a
// handler, this process exits and the suite sees it. Runs are faked (no engine), everything else
// is the real host: scenario library, argument checks, platform, server.
//   node --import tsx test/host/hostileHost.ts WORKDIR [--public-origin URL]
// WORKDIR holds renderer/index.html, open/ (the --open directory), shipped/ and exports/.
// Prints one line `READY {"origin":…,"token":…}` once listening.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { WebServer } from '../../electron/host/web/webServer';
import { WebPlatform } from '../../electron/host/web/webPlatform';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import { RunManager, type RunPool } from '../../electron/host/runManager';
import { CompareService } from '../../electron/host/compareService';
import { WorkbenchService } from '../../electron/host/workbenchService';
import type { RunDocument } from '../../shared/doc/runDocument';

const [work, ...rest] = process.argv.slice(2);
const publicOrigins = rest[0] === '--public-origin' && rest[1] ? [rest[1]] : [];

const pool: RunPool = {
  size: 1,
  run(scenario) {
    return {
      id: 1,
      promise: Promise.resolve({ scenario, series: { t_ns: [], columns: {}, meta: [] }, events: [] } as unknown as RunDocument),
      cancel: () => undefined,
    };
  },
  close: async () => undefined,
};

async function main(): Promise<void> {
  const library = new ScenarioLibrary({ shippedDir: path.join(work, 'shipped'), stateFile: null, watch: false });
  await library.init();
  const runs = new RunManager(pool);
  let server: WebServer | null = null;
  const platform = new WebPlatform(
    [path.join(work, 'open')],
    path.join(work, 'exports'),
    (n) => server!.downloadPath(n),
    (d) => readdirSync(d),
  );
  const service = new WorkbenchService({
    library,
    runs,
    compares: new CompareService(library, runs, 'test'),
    platform,
    exportReport: async () => undefined,
    version: 'test',
  });
  server = new WebServer({
    service,
    rendererDir: path.join(work, 'renderer'),
    exportDir: path.join(work, 'exports'),
    publicOrigins,
    log: () => undefined,
  });
  await server.listen();
  process.stdout.write(`READY ${JSON.stringify({ origin: server.origin, token: server.token })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`hostileHost: ${String(e)}\n`);
  process.exit(1);
});
