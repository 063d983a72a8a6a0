#!/usr/bin/env node
// Import-cycle check between files (part of `npm run lint`): no file may reach itself through its
// imports, type-only imports included (tools/architecture/importGraph.mjs; docs/architecture.md).
// Prints each cycle as the imports that close it, in ESLint's file:line:column style, and exits 1
// when there is any. `--runtime` leaves out type-only imports (erased at build time); `--root DIR`
// checks another tree (the tests use it on small fixture trees).
import { resolve } from 'node:path';
import { buildGraph, findCycles, listSources } from '../tools/architecture/importGraph.mjs';
import { REPO_ROOT } from '../tools/architecture/root.mjs';

const FOLDERS = ['shared', 'electron', 'renderer', 'scripts', 'test', 'tools'];
const args = process.argv.slice(2);
const runtime = args.includes('--runtime');
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? resolve(args[rootAt + 1]) : REPO_ROOT;

const files = listSources(root, FOLDERS);
const graph = buildGraph(root, files, { typeImports: !runtime });
const cycles = findCycles(graph);
const components = new Set(cycles.map((c) => c.component));

for (const { edges } of cycles) {
  const ring = [...edges.map((e) => e.from), edges[0].from].join(' → ');
  console.log(`${edges[0].from}`);
  for (const e of edges) {
    const kind = e.typeOnly ? 'import type' : e.dynamic ? 'import()' : 'import';
    console.log(`  ${e.from}:${e.line}:${e.column}  error  ${kind} '${e.spec}' → ${e.to}  import-cycle`);
  }
  console.log(`  cycle: ${ring}\n`);
}
const edgeCount = [...graph.values()].reduce((n, es) => n + es.length, 0);
console.log(
  `import-cycle: ${files.length} files, ${edgeCount} imports${runtime ? ' (type-only left out)' : ''}; ` +
    `${cycles.length} cycle(s) in ${components.size} group(s) of files`,
);
process.exit(cycles.length === 0 ? 0 : 1);
