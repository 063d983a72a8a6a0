// `help [command]`: the command list, or one command's usage.
import { EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { suggest } from '../../../shared/scenario/suggest';

export function helpText(commands: readonly Command[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    'netmem-workbench: NIC receive paths on a model of page_pool, netmem and devmem TCP',
    '',
    'usage: npm run cli -- <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    '`help <command>` or `<command> --help` shows its options.',
    'Exit status: 0 success, 2 invalid scenario or arguments, 1 an output could not be written (disk full,',
    'read-only file system…) or an internal error.',
  ].join('\n');
}

export function helpCommand(commands: () => readonly Command[]): Command {
  const usage = 'usage: cli help [command]';
  return {
    name: 'help',
    summary: "list the commands, or show one command's options",
    usage,
    run(args: string[], io: CliIo): number {
      const list = commands();
      if (!args.length) {
        io.stdout.write(`${helpText(list)}\n`);
        return EXIT_OK;
      }
      const cmd = list.find((c) => c.name === args[0]);
      if (!cmd) {
        const hint = suggest(
          args[0],
          list.map((c) => c.name),
        );
        throw new UsageError(`unknown command "${args[0]}"${hint ? `; did you mean "${hint}"?` : ''}`, helpText(list));
      }
      io.stdout.write(`${cmd.usage}\n`);
      return EXIT_OK;
    },
  };
}
