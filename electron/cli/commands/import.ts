// `import <file…> [--as ynl|ethtool|bpftrace|bench] [--interval D] [--device NAME] --out measured.json`:
// real measurements (ynl page-pool dumps, ethtool -S, bpftrace -f json, bench_page_pool) → one
// measured@1 document (docs/model/measured-data.md), written atomically.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { importMeasured, type MeasuredInputFile } from '../../../shared/measured/importMeasured';
import { MeasuredParseError } from '../../../shared/measured/located';
import { SnapshotTimingError } from '../../../shared/measured/combine';
import { MEASURED_KINDS, type MeasuredKind } from '../../../shared/doc/measuredDocument';
import { parseDuration } from '../../../shared/doc/units';
import { writeFileAtomic } from '../../host/atomicWrite';
import { EXIT_OK, InputError, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';

const { usage } = COMMAND_INFO.import;

const OPTIONS = { out: { type: 'string' }, as: { type: 'string' }, interval: { type: 'string' }, device: { type: 'string' } } as const;

export const importCommand: Command = {
  name: 'import',
  ...COMMAND_INFO.import,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    if (!positionals.length) throw new UsageError('no input file given', usage);
    if (!values.out) throw new UsageError('--out FILE is required', usage);
    let kind: MeasuredKind | undefined;
    if (values.as !== undefined) {
      if (!(MEASURED_KINDS as readonly string[]).includes(values.as))
        throw new UsageError(`--as must be one of ${MEASURED_KINDS.join(', ')}, got "${values.as}"`, usage);
      kind = values.as as MeasuredKind;
    }
    let intervalS: number | undefined;
    if (values.interval !== undefined) {
      const d = parseDuration(values.interval);
      if (!d.ok || d.value <= 0)
        throw new UsageError(`--interval must be a positive duration such as 1s or 500ms, got "${values.interval}"`, usage);
      intervalS = d.value / 1e9;
    }
    const cwd = io.cwd ?? process.cwd();
    const files: MeasuredInputFile[] = [];
    for (const p of positionals) {
      let text: string;
      try {
        text = await fs.readFile(path.resolve(cwd, p), 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(`${p}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`}`);
      }
      files.push({ path: p, text, kind, device: values.device ?? path.basename(p).replace(/\.[^.]*$/, '') });
    }
    let doc;
    try {
      doc = importMeasured(files, { intervalS });
    } catch (e) {
      if (e instanceof MeasuredParseError || e instanceof SnapshotTimingError) throw new InputError(`error: ${e.message}`);
      throw e;
    }
    await writeFileAtomic(path.resolve(cwd, values.out), `${JSON.stringify(doc, null, 1)}\n`);
    const parts = [
      doc.pools.length && `${doc.pools.length} pool${doc.pools.length === 1 ? '' : 's'}`,
      doc.devices.length && `${doc.devices.length} device${doc.devices.length === 1 ? '' : 's'}`,
      doc.rates && `rates over ${doc.rates.interval_s} s`,
      doc.series && `${doc.series.t_s.length} snapshots`,
      doc.histograms.length && `${doc.histograms.length} histogram${doc.histograms.length === 1 ? '' : 's'}`,
      doc.scalars.length && `${doc.scalars.length} map value${doc.scalars.length === 1 ? '' : 's'}`,
      doc.bench.length && `${doc.bench.length} bench result${doc.bench.length === 1 ? '' : 's'}`,
    ].filter(Boolean);
    io.stdout.write(`measured: ${values.out} (${parts.join(', ')}; from ${doc.sources.map((s) => `${s.path} [${s.kind}]`).join(', ')})\n`);
    return EXIT_OK;
  },
};
