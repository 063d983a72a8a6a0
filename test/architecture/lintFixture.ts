// Lint a fixture tree with the project's architecture plugin, the layer table's globs taken
// relative to the fixture's root.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import architecture from '../../tools/architecture/eslintPlugin.mjs';
import type { FixtureTree } from './fixtureTree';

export interface Finding {
  file: string;
  line: number;
  rule: string | null;
  message: string;
}

export async function lintFixture(tree: FixtureTree, files: string[]): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: tree.root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { architecture },
        rules: {
          'architecture/layering': ['error', { root: tree.root }],
          'architecture/no-inline-netmem-index': 'error',
        },
      },
    ],
  });
  const results = await eslint.lintFiles(files.map((f) => tree.path(f)));
  return results.flatMap((r) =>
    r.messages.map((m) => ({ file: r.filePath.slice(tree.root.length + 1), line: m.line, rule: m.ruleId, message: m.message })),
  );
}
