// `schema [--out FILE]`: the JSON Schema of scenario files, generated from the zod schema.
import * as path from 'node:path';
import { scenarioJsonSchemaText, SCHEMA_FILE } from '../../../shared/scenario/jsonSchema';
import { writeFileAtomic } from '../../host/atomicWrite';
import { EXIT_OK, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';

const usage = `usage: cli schema [--out FILE]
  Prints the JSON Schema (draft-07) of scenario files, generated from the same zod schema the
  parser uses. Editors with yaml-language-server use it through the first line of a scenario:
    # yaml-language-server: $schema=../${SCHEMA_FILE}
  --out FILE  write it to FILE atomically instead (the shipped copy is ${SCHEMA_FILE})`;

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of scenario files (for editors)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } }, usage);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
    const text = scenarioJsonSchemaText();
    if (values.out) {
      await writeFileAtomic(path.resolve(io.cwd ?? process.cwd(), values.out), text);
      io.stderr.write(`wrote ${values.out}\n`);
    } else {
      io.stdout.write(text);
    }
    return EXIT_OK;
  },
};
