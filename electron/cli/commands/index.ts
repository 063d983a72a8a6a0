// The command registry: one line per command. To add one, create commands/<name>.ts exporting a
// Command, put its summary and usage in info.ts, and list it here. A command's module is imported
// when the command runs: `--help`, `help` and `<command> --help` read info.ts alone, so they start
// without the engine, the scenario schema or the exporters.
import type { CliIo, Command } from '../command';
import { helpCommand } from './help';
import { COMMAND_INFO, type CommandName } from './info';

function lazy(name: CommandName, load: () => Promise<Command>): Command {
  return {
    name,
    ...COMMAND_INFO[name],
    async run(args: string[], io: CliIo): Promise<number> {
      return (await load()).run(args, io);
    },
  };
}

export const COMMANDS: readonly Command[] = [
  lazy('run', async () => (await import('./run')).runCommand),
  lazy('compare', async () => (await import('./compare')).compareCommand),
  lazy('report', async () => (await import('./report')).reportCommand),
  lazy('validate', async () => (await import('./validate')).validateCommand),
  lazy('schema', async () => (await import('./schema')).schemaCommand),
  lazy('worker', async () => (await import('./worker')).workerCommand),
  lazy('import', async () => (await import('./import')).importCommand),
  lazy('calibrate', async () => (await import('./calibrate')).calibrateCommand),
  helpCommand(() => COMMANDS),
];
