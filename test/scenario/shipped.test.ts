// Every shipped scenario parses, and its first line points yaml-language-server at the shipped
// JSON Schema by a relative path that really resolves to it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScenarioError, parseScenario } from '../../shared/sim/validate/parse';
import { SCHEMA_FILE } from '../../shared/scenario/jsonSchema';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const FILES = yamlFiles(path.join(ROOT, 'scenarios'))
  .map((f) => path.relative(ROOT, f))
  .sort();

describe('shipped scenarios', () => {
  it('there are some', () => expect(FILES.length).toBeGreaterThan(0));
  it.each(FILES)('%s parses and links the JSON Schema', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const r = parseScenario(text);
    if (!r.ok) throw new Error(r.errors.map((e) => formatScenarioError(e, file)).join('\n'));
    const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(m, 'first line: # yaml-language-server: $schema=<relative path to schema/scenario.schema.json>').not.toBeNull();
    expect(path.resolve(path.dirname(path.join(ROOT, file)), m![1])).toBe(path.join(ROOT, SCHEMA_FILE));
  });
});
