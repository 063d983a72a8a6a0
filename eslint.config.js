// ESLint (flat config). Syntax-level rules of typescript-eslint and eslint-plugin-vue, plus the
// architecture rules of tools/architecture (the layer table and the inline netmem index); the
// import-cycle check is scripts/check-cycles.mjs. `npm run lint` runs both.
// Type-aware rules are left out on purpose: on the .ts files alone they take about 30 s of CPU (this
// config lints everything in about 11 s), and tsc / vue-tsc already check the types in `npm test`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import architecture from './tools/architecture/eslintPlugin.mjs';

export default defineConfig([
  // Build output, generated files and the local artefacts .gitignore lists.
  globalIgnores([
    'out/**',
    'dist/**',
    'node_modules/**',
    'coverage/**',
    'schema/**',
    'test/fixtures/**',
    'test-artifacts/**',
    'bench-results/**',
    'tmp/**',
    '.vite/**',
    '.vitest/**',
  ]),
  {
    files: ['**/*.{ts,mts,vue,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { architecture },
    rules: {
      'architecture/layering': 'error',
      'architecture/no-inline-netmem-index': 'error',
      // A leading underscore names what is deliberately unused (an interface's parameter, a field
      // taken out of a copy by destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Regular expressions that match control characters do so on purpose here (ANSI escapes in CLI
      // output, rejecting control characters in names).
      'no-control-regex': 'off',
      // A variable initialised before branches that all assign it is a choice of style; the compiler's
      // definite-assignment analysis covers the bug this rule looks for.
      'no-useless-assignment': 'off',
    },
  },
  {
    // TypeScript resolves names (the DOM, Node, vitest); ESLint's own check knows none of them.
    files: ['**/*.{ts,mts,vue}'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Expected CLI output is matched with its column alignment written out.
    files: ['test/**'],
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    files: ['**/*.vue'],
    extends: [vue.configs['flat/essential']],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    // Plain JavaScript runs in Node (scripts, the CLI entry, configs) or in a browser page (e2e).
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
]);
