// The command-line contract: every command is one file in commands/, registered in
// commands/index.ts. `main(argv, io)` runs in-process, so tests drive it without spawning.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliStream {
  write(chunk: string): unknown;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** stderr is a terminal: draw the progress bar */
  isTTY: boolean;
  /** terminal width, when known */
  columns?: number;
  /** wall clock in ms (defaults to performance.now) */
  now?: () => number;
  /** base directory for relative paths (defaults to process.cwd()) */
  cwd?: string;
}

export interface Command {
  name: string;
  /** one line for `help` */
  summary: string;
  /** full usage text for `help <name>` and usage errors */
  usage: string;
  /** Resolves to the exit status: 0 success, 2 invalid input; throw UsageError/InputError for 2. */
  run(args: string[], io: CliIo): Promise<number> | number;
}

/** Bad arguments: exit status 2, message and the command's usage on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Invalid input files (scenario errors, unreadable file): exit status 2, message only. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The queue (Redis) cannot be used: exit status 1, the message says what to do. */
export class QueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueError';
  }
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;

/** node:util parseArgs, with its TypeErrors turned into usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
): { values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] } {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return r as unknown as ReturnType<typeof parseCommandArgs<T>>;
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(msg, usage);
  }
}

/** The one scenario file a command works on; a usage error for none or several. */
export function singleScenarioArg(positionals: string[], usage: string): string {
  if (positionals.length !== 1)
    throw new UsageError(positionals.length ? `one scenario file at a time, got ${positionals.length}` : 'no scenario file given', usage);
  return positionals[0];
}

/** `--flag N`: an integer from min to max, or a usage error naming the flag and the range. */
export function intArg(flag: string, raw: string, min: number, max: number, usage: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`, usage);
  return Number(raw);
}
