// The JSON Schema of scenario files, generated from the zod schema (one source of truth) and
// shipped at schema/scenario.schema.json for editors (`# yaml-language-server: $schema=…`).
// Draft-07: vscode-yaml's README says its schema support "is shipped with JSON Schema Draft 7",
// and yaml-language-server's draft 2019-09/2020-12 support (PR #1006) was reverted (issue #1112).
// Checked by hand with yaml-language-server 1.25.0 and the `# yaml-language-server: $schema=`
// modeline: this output gives the expected diagnostics (wrong type, enum, pattern, unknown key);
// zod's 2020-12 output happens to give the same ones there, but older releases know only draft-07.
import { z } from 'zod';
import { scenarioSchema } from './schema';

export { SCHEMA_FILE } from './schemaFile';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Drop defaults that do not fit the input type (a default given in base units behind a unit transform). */
function sanitize(node: Json): Json {
  if (Array.isArray(node)) return node.map(sanitize);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) out[k] = sanitize(v);
  if ('default' in out && out.type === 'string' && typeof out.default !== 'string') delete out.default;
  return out;
}

export function scenarioJsonSchema(): Record<string, Json> {
  // io 'input': describe what people write (`4GiB`), not the integers the transforms yield.
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-07', unrepresentable: 'any' }) as unknown as Json;
  const { $schema, ...rest } = sanitize(generated) as { [k: string]: Json };
  return {
    $schema,
    title: 'netmem-workbench scenario',
    description:
      'A host, its NICs (driver, page_pool parameters, memory provider), traffic, the consuming application and a timeline of events. Units as written: 200Gbit, 4GiB, 50us.',
    ...rest,
  };
}

/** The exact text shipped at schema/scenario.schema.json (a test keeps the file fresh). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
