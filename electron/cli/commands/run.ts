// `run <scenario.yaml>`: simulate one scenario, show progress on a terminal, print the summary,
// optionally write the run document (JSON) and the time series (CSV).
import * as os from 'node:os';
import * as path from 'node:path';
import { applyOverrides, formatScenarioError } from '../../../shared/sim/validate/parse';
import { runScenario, type RunOptions } from '../../../shared/sim/engine/run';
import { runWithSensitivity } from '../../../shared/sensitivity/runSensitivity';
import { formatSensitivity } from '../sensitivitySummary';
import { writeFileAtomic } from '../../host/atomicWrite';
import { EXIT_INVALID, EXIT_OK, InputError, parseCommandArgs, singleScenarioArg, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';
import { runSeriesCsv } from '../../../shared/report/csv';
import { DriverConfigError } from '../../host/driverCheck';
import { computeOverlay } from '../../../shared/measured/overlay';
import { formatHistogramOverlays, formatOverlay, readMeasuredFile } from '../measuredFile';
import { computeHistogramOverlays } from '../../../shared/measured/histogramOverlay';
import { ProgressBar } from '../progress';
import { PROGRESS_MODES, ProgressLines, progressMode } from '../progressLines';
import { longRunWarning } from '../../../shared/sim/engine/longRunWarning';
import { checkOutputPath } from '../outputPath';
import { readScenarioFile } from '../scenarioFile';
import { formatRunSummary } from '../summary';
import { truncateToDuration } from '../truncate';

const { usage } = COMMAND_INFO.run;

const OPTIONS = {
  json: { type: 'string' },
  csv: { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  quiet: { type: 'boolean' },
  progress: { type: 'string' },
  ethtool: { type: 'boolean' },
  pools: { type: 'boolean' },
  events: { type: 'boolean' },
  measured: { type: 'string' },
  sensitivity: { type: 'boolean' },
} as const;

function seedOverride(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 2 ** 32 - 1)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${raw}"`, usage);
  return Number(raw);
}

export const runCommand: Command = {
  name: 'run',
  ...COMMAND_INFO.run,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    const measured = values.measured !== undefined ? await readMeasuredFile(values.measured, io.cwd ?? process.cwd()) : undefined;
    singleScenarioArg(positionals, usage);
    const cwd = io.cwd ?? process.cwd();
    if (values.progress !== undefined && !PROGRESS_MODES.includes(values.progress)) {
      throw new UsageError(`--progress must be one of ${PROGRESS_MODES.join(', ')}, got "${values.progress}"`, usage);
    }
    if (values.json === '-' && values.csv === '-') throw new UsageError('--json - and --csv - cannot both write to stdout', usage);
    const toStdout = values.json === '-' || values.csv === '-';
    const jsonOut = values.json && values.json !== '-' ? path.resolve(cwd, values.json) : undefined;
    const csvOut = values.csv && values.csv !== '-' ? path.resolve(cwd, values.csv) : undefined;
    if (jsonOut) await checkOutputPath('json', jsonOut, usage);
    if (csvOut) await checkOutputPath('csv', csvOut, usage);
    let overrides: Record<string, unknown> = {};
    if (values.seed !== undefined) overrides.seed = seedOverride(values.seed);

    const file = positionals[0];
    const loaded = await readScenarioFile(file, cwd);
    if (!loaded.ok) {
      for (const m of loaded.messages) io.stderr.write(`${m}\n`);
      return EXIT_INVALID;
    }
    let scenario = loaded.scenario;
    let base = loaded.doc;
    if (values.duration !== undefined) {
      const t = truncateToDuration(base, scenario, values.duration);
      base = t.doc;
      overrides = { ...overrides, ...t.overrides };
      if (!values.quiet) for (const n of t.notes) io.stderr.write(`note: ${n}\n`);
    }
    if (Object.keys(overrides).length) {
      const o = applyOverrides(base, overrides);
      if (!o.ok) throw new InputError(o.errors.map((e) => formatScenarioError(e, file)).join('\n'));
      scenario = o.scenario;
    }
    if (scenario.compare && !values.quiet) {
      io.stderr.write(`note: ${file} has a compare matrix; run simulates the scenario as written (the compare command runs the matrix)\n`);
    }

    const now = io.now ?? (() => performance.now());
    const mode = progressMode(values.progress, io.isTTY, !!values.quiet);
    const label = path.basename(file);
    const bar = mode === 'bar' ? new ProgressBar(io.stderr, now, label) : null;
    const lines = mode === 'lines' || mode === 'json' ? new ProgressLines(io.stderr, now, label, mode === 'json') : null;
    const warning = values.quiet ? null : longRunWarning(scenario);
    if (warning) io.stderr.write(`${warning}\n`);
    let doc;
    try {
      const runOpts: RunOptions = {
        onProgress: bar ? (p) => bar.update(p) : lines ? (p) => lines.update(p) : undefined,
        now,
        startedAt: new Date().toISOString(),
        nodeName: `${os.hostname()} (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`,
      };
      if (values.sensitivity) {
        const progress = !values.quiet && io.isTTY;
        doc = runWithSensitivity(scenario, {
          run: runOpts,
          onRun: progress ? (done, total) => io.stderr.write(`\rsensitivity: run ${done} of ${total}`) : undefined,
        });
        if (progress) io.stderr.write('\n');
      } else {
        doc = runScenario(scenario, runOpts);
      }
    } catch (e) {
      // A driver refusing a configuration at queue start (page_pool_create errno…): the scenario's fault.
      if (e instanceof DriverConfigError) throw new InputError(`${file}: the run stopped: ${e.message}`);
      throw e;
    } finally {
      bar?.clear();
    }
    const jsonText = values.json ? `${JSON.stringify(doc, null, 1)}\n` : '';
    if (jsonOut) await writeFileAtomic(jsonOut, jsonText);
    if (csvOut) await writeFileAtomic(csvOut, runSeriesCsv(doc));
    if (values.json === '-') io.stdout.write(jsonText);
    if (values.csv === '-') io.stdout.write(runSeriesCsv(doc));
    if (!values.quiet) {
      const summaryOut = toStdout ? io.stderr : io.stdout;
      summaryOut.write(
        formatRunSummary(doc, { ethtool: values.ethtool, allPools: values.pools, allEvents: values.events, width: io.columns }),
      );
      if (doc.sensitivity) summaryOut.write(`\n${formatSensitivity(doc.sensitivity)}`);
      if (jsonOut) summaryOut.write(`run document: ${values.json}\n`);
      if (csvOut) summaryOut.write(`time series: ${values.csv}\n`);
      if (measured && values.measured) {
        const hs = computeHistogramOverlays(doc, measured);
        const o = computeOverlay(doc, measured);
        if (o || !hs.length) summaryOut.write(formatOverlay(o, values.measured));
        summaryOut.write(formatHistogramOverlays(hs, values.measured));
      }
    }
    return EXIT_OK;
  },
};
