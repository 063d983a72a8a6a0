// The file-level import graph of the sources, read with the TypeScript compiler's parser, and the
// import cycles in it (strongly connected components, each reported with one shortest cycle).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { isRelative, resolveRelative } from './resolve.mjs';

const SOURCE = /\.(ts|mts|vue|mjs|js)$/;
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', 'coverage']);

function toPosix(p) {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Every source file below the given folders of root (relative, sorted). */
export function listSources(root, folders) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name));
      } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(toPosix(relative(root, join(dir, e.name))));
    }
  };
  for (const f of folders) walk(join(root, f));
  return out.sort();
}

/** The script blocks of a single-file component, blanked around so that line numbers stay right. */
function vueScript(text) {
  let out = text.replace(/[^\n]/g, ' ');
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out = out.slice(0, start) + m[1] + out.slice(start + m[1].length);
  }
  return out;
}

function isTypeOnlyImport(node) {
  const clause = node.importClause;
  if (!clause) return false; // side-effect import
  if (clause.isTypeOnly) return true;
  const b = clause.namedBindings;
  return !clause.name && b !== undefined && ts.isNamedImports(b) && b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node) {
  if (node.isTypeOnly) return true;
  const c = node.exportClause;
  return c !== undefined && ts.isNamedExports(c) && c.elements.length > 0 && c.elements.every((e) => e.isTypeOnly);
}

/**
 * The relative imports of one file: { spec, line, column, typeOnly, dynamic }.
 * `import type`, `import('x').T` and all-`type` specifier lists are type-only: erased at build time.
 */
export function importsOf(fileName, text) {
  const code = fileName.endsWith('.vue') ? vueScript(text) : text;
  const kind = fileName.endsWith('.js') || fileName.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const add = (lit, typeOnly, dynamic) => {
    if (!lit || !ts.isStringLiteralLike(lit)) return;
    const { line, character } = sf.getLineAndCharacterOfPosition(lit.getStart(sf));
    found.push({ spec: lit.text, line: line + 1, column: character + 1, typeOnly, dynamic });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node), false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyExport(node), false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, true);
    else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require')
      add(node.arguments[0], false, false);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * The import graph: Map<file, edge[]> with edges { to, spec, line, column, typeOnly, dynamic }.
 * Only relative imports that name an existing file of the graph are edges.
 */
export function buildGraph(root, files, { typeImports = true } = {}) {
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const abs = join(root, file);
    const edges = [];
    for (const imp of importsOf(abs, readFileSync(abs, 'utf8'))) {
      if (!isRelative(imp.spec) || (imp.typeOnly && !typeImports)) continue;
      const target = resolveRelative(abs, imp.spec);
      if (!target) continue;
      const to = toPosix(relative(root, target));
      if (known.has(to)) edges.push({ to, ...imp });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself), Tarjan's algorithm. */
export function cyclicComponents(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const out = [];
  const strong = (v) => {
    // Iterative, so that a long import chain cannot overflow the call stack.
    const work = [{ v, i: 0 }];
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = graph.get(top.v) ?? [];
      if (top.i < edges.length) {
        const w = edges[top.i++].to;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent), low.get(top.v)));
      }
      if (low.get(top.v) === idx.get(top.v)) {
        const comp = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        const selfLoop = comp.length === 1 && edges.some((e) => e.to === top.v);
        if (comp.length > 1 || selfLoop) out.push(comp.sort());
      }
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** One shortest cycle through `start` inside its component, as the list of edges taken. */
export function shortestCycle(graph, component, start) {
  const inComp = new Set(component);
  const prev = new Map();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift();
    for (const e of graph.get(v) ?? []) {
      if (!inComp.has(e.to)) continue;
      if (e.to === start) {
        const path = [{ from: v, ...e }];
        for (let u = v; u !== start;) {
          const p = prev.get(u);
          path.unshift(p);
          u = p.from;
        }
        return path;
      }
      if (!seen.has(e.to)) {
        seen.add(e.to);
        prev.set(e.to, { from: v, ...e });
        queue.push(e.to);
      }
    }
  }
  return [];
}

/** Every cycle to report: per component, one shortest cycle through each of its files, deduplicated. */
export function findCycles(graph) {
  const cycles = [];
  for (const comp of cyclicComponents(graph)) {
    const seen = new Set();
    for (const start of comp) {
      const cyc = shortestCycle(graph, comp, start);
      // Rotate to start at the smallest file so that the same cycle found from two files is one.
      const files = cyc.map((e) => e.from);
      const k = files.indexOf([...files].sort()[0]);
      const rotated = [...cyc.slice(k), ...cyc.slice(0, k)];
      const key = rotated.map((e) => `${e.from}>${e.to}`).join('|');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push({ component: comp, edges: rotated });
      }
    }
  }
  return cycles;
}
