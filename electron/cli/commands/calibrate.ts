// `calibrate <bench output> --name NAME --out profile.yaml [--label TEXT]`: a bench_page_pool_simple
// run → a CPU profile file that scenarios name as host.cpu.profile_file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseBench } from '../../../shared/measured/bench';
import { calibrateProfile, CalibrationError } from '../../../shared/sim/costs/calibrate';
import { MeasuredParseError } from '../../../shared/measured/located';
import { profileToYaml } from '../../../shared/measured/profileYaml';
import { cpuProfileData } from '../../../shared/scenario/cpuProfileData';
import { writeFileAtomic } from '../../host/atomicWrite';
import { EXIT_OK, InputError, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';

const { usage } = COMMAND_INFO.calibrate;

const OPTIONS = { name: { type: 'string' }, out: { type: 'string' }, label: { type: 'string' } } as const;

export const calibrateCommand: Command = {
  name: 'calibrate',
  ...COMMAND_INFO.calibrate,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? `one bench output at a time, got ${positionals.length}` : 'no bench output given', usage);
    if (!values.name) throw new UsageError('--name NAME is required', usage);
    if (!values.out) throw new UsageError('--out FILE is required', usage);
    const nameOk = cpuProfileData.safeParse({ name: values.name, ghz: 1, fast: 1, ptr_ring: 1, slow: 1 });
    if (!nameOk.success) throw new UsageError(`--name must be 1 to 64 letters, digits, ".", "_" or "-", got "${values.name}"`, usage);
    const cwd = io.cwd ?? process.cwd();
    const input = positionals[0];
    let text: string;
    try {
      text = await fs.readFile(path.resolve(cwd, input), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`${input}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`}`);
    }
    let yaml: string;
    try {
      const p = calibrateProfile(
        parseBench(text, input),
        values.name,
        `bench_page_pool_simple output ${path.basename(input)}`,
        values.label,
      );
      yaml = profileToYaml(
        p,
        `CPU profile written by \`cli calibrate\` from ${path.basename(input)}.\nName it in a scenario as host.cpu.profile_file.`,
      );
      io.stdout.write(
        `profile ${p.name}: ${p.ghz} GHz, fast ${p.fast}, ptr_ring ${p.ptr_ring}, slow ${p.slow} cycles${p.estimated ? ` (estimated: ${p.estimated.join(', ')})` : ''} → ${values.out}\n`,
      );
    } catch (e) {
      if (e instanceof MeasuredParseError) throw new InputError(`error: ${e.message}`);
      if (e instanceof CalibrationError) throw new InputError(`error: ${input}: ${e.message}`);
      throw e;
    }
    await writeFileAtomic(path.resolve(cwd, values.out), yaml);
    return EXIT_OK;
  },
};
