// `compare <scenario.yaml>`: expand the scenario's compare matrix (× repeat), run every point in
// parallel worker threads and print the side-by-side table; optionally write compare@1 JSON.
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { planCompare, ComparePlanError } from '../../../shared/sim/compare/plan';
import { writeFileAtomic } from '../../host/atomicWrite';
import { WorkerPool } from '../../host/workerPool';
import { runCompare } from '../../host/compareRunner';
import {
  EXIT_INVALID,
  EXIT_OK,
  InputError,
  intArg,
  parseCommandArgs,
  QueueError,
  singleScenarioArg,
  UsageError,
  type CliIo,
  type Command,
} from '../command';
import { COMMAND_INFO } from './info';
import { readScenarioFile } from '../scenarioFile';
import { formatCompareTable } from '../compareTable';
import { formatSweepSummary } from '../sweepSummary';
import { KNEE_THRESHOLD, KNEE_THRESHOLD_MAX_PERCENT, kneeThresholdFromPercent } from '../../../shared/doc/derived/knee';
import { formatCompareOverlay, readMeasuredFile } from '../measuredFile';
import { computeCompareOverlay } from '../../../shared/measured/compareOverlay';
import type { ComparePlan } from '../../../shared/sim/compare/plan';
import type { CompareDocument } from '../../../shared/doc/compareDocument';
import type { DistributedProgress } from '../../host/distributed/submit';

const { usage } = COMMAND_INFO.compare;

const OPTIONS = {
  json: { type: 'string' },
  repeat: { type: 'string' },
  workers: { type: 'string' },
  all: { type: 'boolean' },
  'knee-threshold': { type: 'string' },
  quiet: { type: 'boolean' },
  queue: { type: 'string' },
  resume: { type: 'string' },
  measured: { type: 'string' },
  'measured-out': { type: 'string' },
} as const;

export const compareCommand: Command = {
  name: 'compare',
  ...COMMAND_INFO.compare,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    singleScenarioArg(positionals, usage);
    const cwd = io.cwd ?? process.cwd();
    const repeat = values.repeat !== undefined ? intArg('repeat', values.repeat, 1, 100, usage) : undefined;
    const workers = values.workers !== undefined ? intArg('workers', values.workers, 1, 256, usage) : availableParallelism();
    const kneeThreshold = values['knee-threshold'] !== undefined ? kneeThresholdArg(values['knee-threshold']) : KNEE_THRESHOLD;
    const jsonOut = values.json ? path.resolve(cwd, values.json) : undefined;
    if (values['measured-out'] !== undefined && values.measured === undefined)
      throw new UsageError('--measured-out needs --measured', usage);
    const measuredOut = values['measured-out'] !== undefined ? path.resolve(cwd, values['measured-out']) : undefined;
    // Read before running: a bad measured file is refused without minutes of simulation first.
    const measured = values.measured !== undefined ? await readMeasuredFile(values.measured, cwd) : undefined;
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
    if (!loaded.scenario.compare && !values.quiet)
      io.stderr.write(`note: ${file} has no compare matrix; running the scenario ${plan.repeat} time(s)\n`);
    if (values.resume !== undefined && values.queue === undefined) throw new UsageError('--resume needs --queue', usage);
    const doc =
      values.queue !== undefined
        ? await runOnQueue(values.queue, values.resume, loaded.text, plan, io, !values.quiet)
        : await runLocally(plan, workers, io, !!values.quiet);
    if (jsonOut) await writeFileAtomic(jsonOut, `${JSON.stringify(doc, null, 1)}\n`);
    const overlay = measured ? computeCompareOverlay(doc, measured) : null;
    if (measuredOut)
      await writeFileAtomic(measuredOut, `${JSON.stringify({ measured_file: values.measured, ...(overlay ?? { rows: [] }) }, null, 1)}\n`);
    if (!values.quiet) {
      io.stdout.write(formatCompareTable(doc, values.all ?? false));
      io.stdout.write(formatSweepSummary(doc, kneeThreshold));
      if (measured && values.measured) io.stdout.write(formatCompareOverlay(overlay, values.measured));
      if (jsonOut) io.stdout.write(`compare document: ${values.json}\n`);
      if (measuredOut) io.stdout.write(`model beside measured: ${values['measured-out']}\n`);
    }
    return EXIT_OK;
  },
};

function kneeThresholdArg(raw: string): number {
  const t = kneeThresholdFromPercent(raw);
  if (t === null)
    throw new UsageError(`--knee-threshold must be a percentage from 0 to ${KNEE_THRESHOLD_MAX_PERCENT} (e.g. 2.5), got "${raw}"`, usage);
  return t;
}

async function runLocally(plan: ComparePlan, workers: number, io: CliIo, quiet: boolean): Promise<CompareDocument> {
  const pool = new WorkerPool({ size: Math.min(workers, plan.runs.length) });
  let done = 0;
  const total = plan.runs.length;
  const progress = io.isTTY && !quiet;
  try {
    const job = runCompare(
      pool,
      plan,
      {
        onRunDone: (_i, point, rep) => {
          done++;
          if (progress) io.stderr.write(`\r[${done}/${total}] ${plan.points[point].label} repeat ${rep + 1} done   `);
        },
      },
      io.now ?? (() => performance.now()),
    );
    const doc = await job.promise;
    if (progress) io.stderr.write('\n');
    return doc;
  } finally {
    await pool.close();
  }
}

async function runOnQueue(
  url: string,
  resume: string | undefined,
  text: string,
  plan: ComparePlan,
  io: CliIo,
  talk: boolean,
): Promise<CompareDocument> {
  // The queue client loads only when a queue is named: plain compares start without it.
  const q = await import('../../host/distributed/index');
  let address;
  try {
    address = q.parseQueueUrl(url);
  } catch (e) {
    throw new UsageError((e as Error).message, usage);
  }
  if (resume !== undefined && !q.isCompareId(resume))
    throw new UsageError(`--resume takes the 16-hex-digit compare id printed at submit, got "${resume}"`, usage);
  const progress = queueProgress(io, talk, plan.runs.length);
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    return await q.runDistributedCompare({
      address,
      scenarioText: text,
      plan,
      resumeId: resume,
      signal: abort.signal,
      onSubmitted: (s) => {
        io.stderr.write(
          `compare ${s.id} on ${address.redactedUrl} (engine ${s.engine}): ${plan.runs.length} runs` +
            `${s.resumed ? `, resumed with ${s.alreadyDone} already done` : ''}\n`,
        );
      },
      onProgress: progress,
      onNotice: (m) => io.stderr.write(`note: ${m}\n`),
      now: io.now,
    });
  } catch (e) {
    if (e instanceof q.QueueUnreachableError || e instanceof q.DistributedSubmitError) throw new QueueError(e.message);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (io.isTTY && talk) io.stderr.write('\n');
  }
}

/** TTY: one line redrawn; otherwise a line when the count changes, at most every 5 s. */
function queueProgress(io: CliIo, talk: boolean, total: number): (p: DistributedProgress) => void {
  const now = io.now ?? (() => performance.now());
  let lastLine = -Infinity;
  let lastDone = -1;
  return (p) => {
    if (!talk) return;
    const eta = p.etaMs === null ? '' : `, ETA ${formatEta(p.etaMs)}`;
    const line = `[${p.done}/${total}] done, ${p.running} running${eta}`;
    if (io.isTTY) io.stderr.write(`\r${line}   `);
    else if (p.done !== lastDone && (now() - lastLine >= 5000 || p.done === total)) {
      io.stderr.write(`${line}\n`);
      lastLine = now();
      lastDone = p.done;
    }
  };
}

function formatEta(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}
