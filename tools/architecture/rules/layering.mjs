// architecture/layering: every import must follow the layer table of tools/architecture/layers.mjs
// (in the manner of VS Code's code-layering / code-import-patterns rules). Checks static imports,
// `export … from`, dynamic `import()`, `import('x').T` types and `require()`.
import { relative, sep } from 'node:path';
import { allows, LAYERS, layerOf } from '../layers.mjs';
import { isElectron, isNodeBuiltin, isRelative, resolveRelative } from '../resolve.mjs';
import { REPO_ROOT } from '../root.mjs';

function toPosix(p) {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** An import that brings in types only is erased at build time. */
function typeOnly(node) {
  if (node.type === 'TSImportType') return true;
  if (node.type === 'ImportDeclaration') {
    if (node.importKind === 'type') return true;
    return node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type');
  }
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') {
    if (node.exportKind === 'type') return true;
    return node.type === 'ExportNamedDeclaration' && node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type');
  }
  return false;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer table of tools/architecture/layers.mjs (see docs/architecture.md).' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'array' } },
        additionalProperties: false,
      },
    ],
    messages: {
      layer:
        "'{{spec}}' ({{target}}): layer '{{from}}' ({{fromGlob}}) may not import layer '{{to}}'; it may import {{allowed}} (tools/architecture/layers.mjs).",
      typeOnly: "'{{spec}}' ({{target}}): layer '{{from}}' may import layer '{{to}}' for types only; write `import type`.",
      outside: "'{{spec}}' ({{target}}): file outside every layer of tools/architecture/layers.mjs.",
      node: "'{{spec}}': Node builtin in layer '{{from}}' ({{fromGlob}}), which must run without Node.",
      electron: "'{{spec}}': the electron module is imported only by electron/main and electron/preload, not by layer '{{from}}'.",
      unresolved: "'{{spec}}': no such file.",
    },
  },
  create(context) {
    const opts = context.options[0] ?? {};
    const root = opts.root ?? REPO_ROOT;
    const layers = opts.layers ?? LAYERS;
    const filename = context.filename;
    const rel = toPosix(relative(root, filename));
    if (rel.startsWith('..')) return {};
    const from = layerOf(rel, layers);
    if (!from || from.open) return {};
    const fromGlob = from.files.join(', ');

    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (isNodeBuiltin(spec)) {
        if (!from.node) context.report({ node: source, messageId: 'node', data: { spec, from: from.name, fromGlob } });
        return;
      }
      if (isElectron(spec)) {
        if (!from.electron) context.report({ node: source, messageId: 'electron', data: { spec, from: from.name } });
        return;
      }
      if (!isRelative(spec)) return; // npm packages: not part of the table
      const file = resolveRelative(filename, spec);
      if (!file) {
        context.report({ node: source, messageId: 'unresolved', data: { spec } });
        return;
      }
      const target = toPosix(relative(root, file));
      const to = target.startsWith('..') ? undefined : layerOf(target, layers);
      if (!to) {
        context.report({ node: source, messageId: 'outside', data: { spec, target } });
        return;
      }
      if (to === from || allows(from.allow, to, target)) return;
      if (allows(from.typeOnly ?? [], to, target)) {
        if (!typeOnly(node)) context.report({ node: source, messageId: 'typeOnly', data: { spec, target, from: from.name, to: to.name } });
        return;
      }
      const allowed = from.allow.length === 0 ? 'nothing outside itself' : from.allow.join(', ');
      context.report({ node: source, messageId: 'layer', data: { spec, target, from: from.name, fromGlob, to: to.name, allowed } });
    }

    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
      TSImportType: (n) => check(n, n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) check(n, n.arguments[0]);
      },
    };
  },
};
