// `compare <scenario.yaml>`: expand the scenario's compare matrix (× repeat), run every point in
// parallel worker threads and print the side-by-side table; optionally write compare@1 JSON.
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { planCompare, ComparePlanError } from '../../../shared/sim/compare/plan';
import { writeFileAtomic } from '../../host/atomicWrite';
import { WorkerPool } from '../../host/workerPool';
import { runCompare } from '../../host/compareRunner';
import { EXIT_INVALID, EXIT_OK, InputError, parseCommandArgs, singleScenarioArg, UsageError, type CliIo, type Command } from '../command';
import { readScenarioFile } from '../scenarioFile';
import { formatCompareTable } from '../compareTable';

const usage = `usage: cli compare <scenario.yaml> [options]
  Expands the scenario's compare matrix (cartesian product of its paths, e.g. variant: [page, netmem],
  nics[0].ring: [256, 1024]) into runs, × repeat with derived seeds, runs them in worker threads and
  prints one column per point: mean (± sample stddev over repeats) and the delta against the first
  point, marked * when it exceeds the combined spread.
  --json FILE      write the compare document (netmem-workbench/compare@1) to FILE
  --repeat N       runs per point (overrides the scenario's repeat), 1 … 100
  --workers N      worker threads (default: the number of cores)
  --all            every metric (default: the key ones)
  --quiet          no progress and no table
  Exit status: 0 success, 2 invalid scenario or arguments, 1 an output could not be written
  (disk full, read-only file system…) or an internal error.`;

const OPTIONS = {
  json: { type: 'string' }, repeat: { type: 'string' }, workers: { type: 'string' },
  all: { type: 'boolean' }, quiet: { type: 'boolean' },
} as const;

function intArg(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`, usage);
  return Number(raw);
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'run a scenario\'s compare matrix in parallel and print the side-by-side table',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    singleScenarioArg(positionals, usage);
    const cwd = io.cwd ?? process.cwd();
    const repeat = values.repeat !== undefined ? intArg('repeat', values.repeat, 1, 100) : undefined;
    const workers = values.workers !== undefined ? intArg('workers', values.workers, 1, 256) : availableParallelism();
    const jsonOut = values.json ? path.resolve(cwd, values.json) : undefined;
    const file = positionals[0];
    const loaded = await readScenarioFile(file, cwd);
    if (!loaded.ok) {
      for (const m of loaded.messages) io.stderr.write(`${m}\n`);
      return EXIT_INVALID;
    }
    let plan;
    try {
      plan = planCompare(loaded.doc, loaded.scenario, repeat);
    } catch (e) {
      if (e instanceof ComparePlanError || e instanceof RangeError) throw new InputError(`${file}: ${e.message}`);
      throw e;
    }
    if (!loaded.scenario.compare && !values.quiet) io.stderr.write(`note: ${file} has no compare matrix; running the scenario ${plan.repeat} time(s)\n`);
    const pool = new WorkerPool({ size: Math.min(workers, plan.runs.length) });
    let done = 0;
    const total = plan.runs.length;
    const progress = io.isTTY && !values.quiet;
    try {
      const job = runCompare(pool, plan, {
        onRunDone: (_i, point, rep) => {
          done++;
          if (progress) io.stderr.write(`\r[${done}/${total}] ${plan.points[point].label} repeat ${rep + 1} done   `);
        },
      }, io.now ?? (() => performance.now()));
      const doc = await job.promise;
      if (progress) io.stderr.write('\n');
      if (jsonOut) await writeFileAtomic(jsonOut, `${JSON.stringify(doc, null, 1)}\n`);
      if (!values.quiet) {
        io.stdout.write(formatCompareTable(doc, values.all ?? false));
        if (jsonOut) io.stdout.write(`compare document: ${values.json}\n`);
      }
    } finally {
      await pool.close();
    }
    return EXIT_OK;
  },
};
