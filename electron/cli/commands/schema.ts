// `schema [--out FILE]`: the JSON Schema of scenario files, generated from the zod schema.
import * as path from 'node:path';
import { scenarioJsonSchemaText } from '../../../shared/scenario/jsonSchema';
import { writeFileAtomic } from '../../host/atomicWrite';
import { EXIT_OK, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';

const { usage } = COMMAND_INFO.schema;

export const schemaCommand: Command = {
  name: 'schema',
  ...COMMAND_INFO.schema,
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
