// Headless command line: `npm run cli -- <command> …`. `main(argv, io)` is callable in-process
// (tests pass their own io); run as a script it uses the process's streams and exit status.
import { pathToFileURL } from 'node:url';
import { EXIT_INTERNAL, EXIT_INVALID, InputError, QueueError, UsageError, type CliIo, type Command } from './command';
import { COMMANDS } from './commands/index';
import { helpText } from './commands/help';
import { suggest } from '../../shared/scenario/suggest';
import { WriteFileError } from '../host/atomicWrite';

/** `commands` defaults to the registry; tests may pass their own list. */
export async function main(argv: string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(`${helpText(commands)}\n`);
    return EXIT_INVALID;
  }
  if (name === '--help' || name === '-h') return main(['help', ...args], io, commands);
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    const hint = suggest(
      name,
      commands.map((c) => c.name),
    );
    io.stderr.write(`error: unknown command "${name}"${hint ? `; did you mean "${hint}"?` : ''}\n\n${helpText(commands)}\n`);
    return EXIT_INVALID;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // The usage line, not the whole option list: the error must stay visible.
      const usageLine = e.usage?.split('\n')[0];
      io.stderr.write(`error: ${e.message}\n${usageLine ? `${usageLine}\n(npm run cli -- ${name} --help lists the options)\n` : ''}`);
      return EXIT_INVALID;
    }
    if (e instanceof InputError) {
      io.stderr.write(`${e.message}\n`);
      return EXIT_INVALID;
    }
    if (e instanceof QueueError) {
      // The queue's Redis, not a bug and not the scenario.
      io.stderr.write(`error: ${e.message}\n`);
      return EXIT_INTERNAL;
    }
    if (e instanceof WriteFileError) {
      // The environment, not a bug: say what failed and what to do about it.
      io.stderr.write(`error: ${e.message}\nhint: check the path, its permissions and the free space, then run again\n`);
      return EXIT_INTERNAL;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr.write(`internal error in "${name}": ${err.message}\n`);
    io.stderr.write(
      process.env.NETMEM_DEBUG
        ? `${err.stack}\n`
        : 'hint: this is a bug in netmem-workbench, not in your scenario; set NETMEM_DEBUG=1 for the stack trace and report it\n',
    );
    return EXIT_INTERNAL;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return !!entry && import.meta.url === pathToFileURL(entry).href;
}

/** Runs `main` on the process's arguments and streams, setting the exit status. */
export function runCli(): void {
  // `cli … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: !!process.stderr.isTTY,
    columns: process.stdout.columns,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`internal error: ${(e as Error).message}\n`);
      process.exitCode = EXIT_INTERNAL;
    },
  );
}

if (isEntryPoint()) runCli();
