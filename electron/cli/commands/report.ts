// `report <scenario.yaml | run.json | compare.json> --format html|pdf|csv|json --out FILE`:
// export a performance report. A scenario is run first (or its compare matrix, with --compare).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api';
import { applyOverrides, formatScenarioError } from '../../../shared/sim/validate/parse';
import type { Scenario } from '../../../shared/scenario/schema';
import { runScenario } from '../../../shared/sim/engine/run';
import type { CompareDocument } from '../../../shared/doc/compareDocument';
import { planCompare, ComparePlanError } from '../../../shared/sim/compare/plan';
import { WorkerPool } from '../../host/workerPool';
import { runCompare } from '../../host/compareRunner';
// The exporter (ECharts, the HTML renderer, playwright-core for PDF) loads only when a report is
// written: importing it costs more CPU than everything else the command line loads.
import type { ReportTarget } from '../../host/report/exporter';
import { EXIT_INVALID, EXIT_OK, InputError, intArg, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';
import { readScenarioFile } from '../scenarioFile';
import { checkOutputPath } from '../outputPath';
import { ProgressLines } from '../progressLines';
import { longRunWarning } from '../../../shared/sim/engine/longRunWarning';
import { InputFileError, readTextFile } from '../readInput';
import { documentShapeProblems } from '../../../shared/doc/documentShape';
import { RUN_FORMAT } from '../../../shared/doc/runDocument';
import { COMPARE_FORMAT } from '../../../shared/doc/compareDocument';
import { formatBytes } from '../../../shared/doc/units';
import { formatPath, loadYaml, locate, type YamlSource } from '../../../shared/scenario/yamlSource';
import { readMeasuredFile } from '../measuredFile';

const { usage } = COMMAND_INFO.report;

const OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  compare: { type: 'boolean' },
  repeat: { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  theme: { type: 'string' },
  workers: { type: 'string' },
  measured: { type: 'string' },
} as const;

function formatOf(explicit: string | undefined, out: string): ExportFormat {
  const f = explicit ?? (/\.trace\.json$/i.test(out) ? 'trace' : path.extname(out).slice(1).toLowerCase().replace(/^htm$/, 'html'));
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(
      explicit
        ? `--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${explicit}"`
        : `cannot tell the format from "${out}"; give --format ${EXPORT_FORMATS.join('|')}`,
      usage,
    );
  }
  return f as ExportFormat;
}

/** Longest document read back: V8 cannot hold a longer string (about 2^29 characters). */
const MAX_DOCUMENT_BYTES = 512 * 1024 ** 2;
/** Documents up to this size get line and column in shape errors (the YAML reader locates them). */
const LOCATE_DOCUMENT_BYTES = 16 * 1024 ** 2;

async function readJsonDocument(abs: string, shown: string): Promise<ReportTarget> {
  let text: string;
  try {
    text = await readTextFile(
      abs,
      MAX_DOCUMENT_BYTES,
      (size) => `is ${formatBytes(size)}; documents are limited to ${formatBytes(MAX_DOCUMENT_BYTES)}`,
    );
  } catch (e) {
    if (e instanceof InputFileError) throw new InputError(`${shown}: ${e.line ? `line ${e.line}, col ${e.col}: ` : ''}${e.message}`);
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${shown}: not valid JSON: ${(e as Error).message}`);
  }
  const f = (data as { format?: unknown } | null)?.format;
  if (f !== RUN_FORMAT && f !== COMPARE_FORMAT) {
    throw new InputError(
      `${shown}: not a run or compare document (format ${JSON.stringify(f)}; expected ${RUN_FORMAT} or ${COMPARE_FORMAT})`,
    );
  }
  const problems = documentShapeProblems(data);
  if (problems.length === 0) return data as ReportTarget;
  const source = text.length <= LOCATE_DOCUMENT_BYTES ? loadYaml(text, { maxBytes: Infinity, maxEntries: Infinity }).source : undefined;
  const lines = problems.map((p) =>
    formatScenarioError({ path: formatPath(p.path), ...lineOf(source, p.path), message: p.message }, shown),
  );
  throw new InputError(
    `${lines.join('\n')}\n${shown}: not a complete ${f === RUN_FORMAT ? 'run' : 'compare'} document; export it again from a run`,
  );
}

function lineOf(source: YamlSource | undefined, path: (string | number)[]): { line: number; col: number } {
  const p = locate(source, path);
  return { line: p.line, col: p.col };
}

function runOptions() {
  return {
    now: () => performance.now(),
    startedAt: new Date().toISOString(),
    nodeName: `${os.hostname()} (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`,
  };
}

/** The compare matrix on the worker pool, as `cli compare` runs it. */
async function runCompareOnPool(
  doc: unknown,
  scenario: Scenario,
  repeat: number | undefined,
  workers: number,
  io: CliIo,
): Promise<CompareDocument> {
  let plan;
  try {
    plan = planCompare(doc, scenario, repeat);
  } catch (e) {
    if (e instanceof ComparePlanError || e instanceof RangeError) throw new InputError(e.message);
    throw e;
  }
  const pool = new WorkerPool({ size: Math.min(workers, plan.runs.length) });
  let done = 0;
  try {
    const job = runCompare(
      pool,
      plan,
      {
        onRunDone: (_i, point, rep) => {
          io.stderr.write(`compare: ${++done}/${plan.runs.length} done (${plan.points[point].label || 'baseline'}, repeat ${rep + 1})\n`);
        },
      },
      io.now ?? (() => performance.now()),
    );
    return await job.promise;
  } finally {
    await pool.close();
  }
}

export const reportCommand: Command = {
  name: 'report',
  ...COMMAND_INFO.report,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? `one input at a time, got ${positionals.length}` : 'no input file given', usage);
    if (!values.out) throw new UsageError('--out FILE is required', usage);
    const cwd = io.cwd ?? process.cwd();
    const out = path.resolve(cwd, values.out);
    const format = formatOf(values.format, values.out);
    const theme = values.theme ?? 'light';
    if (theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme must be light or dark, got "${theme}"`, usage);
    await checkOutputPath('out', out, usage);
    const measured = values.measured !== undefined ? await readMeasuredFile(values.measured, cwd) : undefined;
    const input = positionals[0];
    const abs = path.resolve(cwd, input);
    const isJson = /\.json$/i.test(input);
    if (isJson && (values.compare || values.seed || values.duration || values.repeat || values.workers)) {
      throw new UsageError('--compare, --repeat, --seed and --duration apply to a scenario file, not to a finished document', usage);
    }

    let target: ReportTarget;
    let scenarioYaml: string | undefined;
    let scenarioPath: string | undefined;
    if (isJson) {
      target = await readJsonDocument(abs, input);
    } else {
      const loaded = await readScenarioFile(input, cwd);
      if (!loaded.ok) {
        for (const m of loaded.messages) io.stderr.write(`${m}\n`);
        return EXIT_INVALID;
      }
      const overrides: Record<string, unknown> = {};
      if (values.seed !== undefined) overrides.seed = intArg('seed', values.seed, 0, 2 ** 32 - 1, usage);
      if (values.duration !== undefined) overrides.duration = values.duration;
      let scenario = loaded.scenario;
      let plain = loaded.doc;
      if (Object.keys(overrides).length) {
        const o = applyOverrides(loaded.doc, overrides);
        if (!o.ok) throw new InputError(o.errors.map((e) => formatScenarioError(e, input)).join('\n'));
        scenario = o.scenario;
        plain = o.doc;
      }
      // The appendix shows the file as written only when no override changed what ran.
      // With overrides the file is not what ran: the appendix then regenerates the scenario that
      // did, and the reproduce command refers to that appendix instead of the file.
      if (Object.keys(overrides).length === 0) {
        scenarioYaml = await fs.readFile(abs, 'utf8');
        scenarioPath = path.relative(cwd, abs) || input;
      }
      if (values.compare) {
        if (!scenario.compare) throw new InputError(`${input}: --compare needs a 'compare:' section in the scenario`);
        const workers = values.workers !== undefined ? intArg('workers', values.workers, 1, 256, usage) : os.availableParallelism();
        target = await runCompareOnPool(
          plain,
          scenario,
          values.repeat !== undefined ? intArg('repeat', values.repeat, 1, 100, usage) : undefined,
          workers,
          io,
        );
      } else {
        if (values.repeat !== undefined || values.workers !== undefined)
          throw new UsageError('--repeat and --workers apply with --compare', usage);
        if (scenario.compare)
          io.stderr.write(`note: ${input} has a compare matrix; reporting the scenario as written (add --compare to run the matrix)\n`);
        const warning = longRunWarning(scenario);
        if (warning) io.stderr.write(`${warning}\n`);
        // A long run is not silent: a line every few seconds on stderr (stdout names the report).
        const lines = new ProgressLines(io.stderr, io.now ?? (() => performance.now()), path.basename(input), false);
        target = runScenario(scenario, { ...runOptions(), onProgress: (p) => lines.update(p) });
      }
    }

    const { exportReportFile } = await import('../../host/report/exporter');
    const { ChromiumNotFoundError } = await import('../../host/report/pdf');
    try {
      await exportReportFile(target, format, out, { scenarioYaml, scenarioPath, theme, measured });
    } catch (e) {
      // A write that fails (disk full, read-only file system) exits 1 as for `run --json` (main.ts).
      if (e instanceof ChromiumNotFoundError) throw new InputError(e.message);
      throw e;
    }
    io.stdout.write(`${format} report: ${values.out}\n`);
    return EXIT_OK;
  },
};
