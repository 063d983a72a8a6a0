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

const usage = `usage: cli calibrate <bench output> --name NAME --out profile.yaml [--label TEXT]
  Turns a bench_page_pool_simple run (dmesg lines, or test_bench_page_pool.sh output) into a CPU
  profile: fast = tasklet_page_pool01_fast_path, ptr_ring = tasklet_page_pool02_ptr_ring,
  slow = tasklet_page_pool03_slow (no-softirq-page_pool01/02/03 when the tasklet tests are absent),
  atomic/lock from the atomic_inc/lock baselines, the clock from the TSC interval of the fast test.
  A missing ptr_ring or slow result is estimated from fast (E5-1650 v4 ratios) and marked so.
  Use it in a scenario:  host: { cpu: { profile_file: profile.yaml } }  (path relative to the scenario)
  --name NAME     profile name (letters, digits, . _ -)
  --out FILE      where to write the profile YAML (atomically)
  --label TEXT    CPU model as reports show it (default: the name)
  Exit status: 0 success, 2 unreadable or unusable bench output, or bad arguments.`;

const OPTIONS = { name: { type: 'string' }, out: { type: 'string' }, label: { type: 'string' } } as const;

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'turn bench_page_pool_simple output into a CPU profile (host.cpu.profile_file)',
  usage,
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
