// `validate <files…>`: every error of every file, located; exit 2 if any file is invalid.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EXIT_INVALID, EXIT_OK, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';
import { readScenarioFile } from '../scenarioFile';
import { longRunWarning } from '../../../shared/sim/engine/longRunWarning';

const { usage } = COMMAND_INFO.validate;

/** A directory → its scenario files (sorted, recursive); anything else as given. */
async function expandDirectory(arg: string, cwd: string): Promise<string[]> {
  const st = await fs.stat(path.resolve(cwd, arg)).catch(() => null);
  if (!st?.isDirectory()) return [arg];
  const entries = await fs.readdir(path.resolve(cwd, arg), { recursive: true, encoding: 'utf8' });
  const found = entries
    .filter((e) => /\.ya?ml$/.test(e))
    .sort()
    .map((e) => path.join(arg, e));
  if (!found.length) throw new UsageError(`${arg}: no .yaml files in this directory`);
  return found;
}

export const validateCommand: Command = {
  name: 'validate',
  ...COMMAND_INFO.validate,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, quiet: { type: 'boolean' } }, usage);
    if (!positionals.length) throw new UsageError('no scenario files given', usage);
    const cwd = io.cwd ?? process.cwd();
    const files = (await Promise.all(positionals.map((p) => expandDirectory(p, cwd)))).flat();
    let invalid = 0;
    const report: { file: string; ok: boolean; errors: unknown[] }[] = [];
    for (const file of files) {
      const r = await readScenarioFile(file, cwd);
      if (r.ok) {
        report.push({ file, ok: true, errors: [] });
        if (!values.json && !values.quiet) {
          const s = r.scenario;
          const runs = s.compare ? Object.values(s.compare).reduce((a, v) => a * v.length, 1) : 0;
          io.stdout.write(
            `${file}: ok — ${s.name} (${s.nics.length} NIC${s.nics.length === 1 ? '' : 's'}${runs ? `, compare: ${runs} runs` : ''})\n`,
          );
          const warning = longRunWarning(s);
          if (warning) io.stderr.write(`${file}: ${warning}\n`);
        }
        continue;
      }
      invalid++;
      report.push({ file, ok: false, errors: r.errors });
      if (!values.json) {
        for (const m of r.messages) io.stderr.write(`${m}\n`);
        io.stderr.write(`${file}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}\n`);
      }
    }
    if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return invalid ? EXIT_INVALID : EXIT_OK;
  },
};
