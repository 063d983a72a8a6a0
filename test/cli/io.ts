// In-process CLI io that captures what a command writes.
import type { CliIo } from '../../electron/cli/command';

export interface Captured extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(opts: { isTTY?: boolean; cwd?: string } = {}): Captured {
  let out = '';
  let err = '';
  let t = 0;
  return {
    stdout: {
      write: (s: string) => {
        out += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        err += s;
        return true;
      },
    },
    isTTY: opts.isTTY ?? false,
    columns: 120,
    cwd: opts.cwd,
    now: () => (t += 10),
    out: () => out,
    err: () => err,
  };
}
