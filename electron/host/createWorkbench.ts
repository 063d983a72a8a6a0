// Composition root shared by Electron main and the web host: the scenario library, the worker
// pool and run manager, the compare service and the API service on top of them.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { WorkerPool } from './workerPool';
import { warmUpWorkers } from './warmup';
import { RunManager } from './runManager';
import { CompareService } from './compareService';
import { ScenarioLibrary } from './scenarioLibrary';
import { WorkbenchService, type ReportExporter } from './workbenchService';
import type { HostPlatform } from './platform';
import { sweepOrphanedTemps } from './tempSweep';

export interface CreateWorkbenchOptions {
  /** shipped scenarios directory (searched recursively) */
  shippedDir: string | null;
  /** directory for the recent list (and, for the web host, exports) */
  stateDir: string;
  platform: HostPlatform;
  exportReport: ReportExporter;
  version: string;
  /** worker threads; default: the machine's parallelism (D's pool default) */
  workers?: number;
  /** worker entry; default: D's pool default (source .ts under tsx, built runWorker.js otherwise) */
  workerPath?: string;
  /** files to open at start (command line) */
  open?: string[];
  /** more directories the host writes to (web: exports, the --open folders), swept at start */
  writeDirs?: string[];
}

/** worker threads started (and warmed up) with the host */
const WARM_WORKERS = 2;

export async function createWorkbench(o: CreateWorkbenchOptions): Promise<WorkbenchService> {
  await mkdir(o.stateDir, { recursive: true });
  const library = new ScenarioLibrary({ shippedDir: o.shippedDir, stateFile: path.join(o.stateDir, 'recent.json') });
  await library.init();
  // Temp files a killed earlier run left where we write: state, exports, the user's scenario folders.
  const dirs = new Set([
    o.stateDir,
    ...(o.writeDirs ?? []),
    ...[...library.recent.get(), ...(o.open ?? [])].map((f) => path.dirname(path.resolve(f))),
  ]);
  for (const d of dirs) await sweepOrphanedTemps(d);
  const pool = new WorkerPool({ ...(o.workers ? { size: o.workers } : {}), ...(o.workerPath ? { workerPath: o.workerPath } : {}) });
  // Boot two worker threads now (a run and a two-point compare; more start on demand) and have
  // each do a tiny run: the first Start must draw within a second, not wait for a thread to start,
  // load the engine and compile it.
  pool.warm(WARM_WORKERS);
  warmUpWorkers(pool, Math.min(WARM_WORKERS, pool.size));
  const runs = new RunManager(pool);
  const compares = new CompareService(library, runs, o.version);
  const service = new WorkbenchService({ library, runs, compares, platform: o.platform, exportReport: o.exportReport, version: o.version });
  if (o.open && o.open.length > 0) await library.open(o.open);
  return service;
}
