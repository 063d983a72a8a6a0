// architecture/no-inline-netmem-index: `(ref >>> 1) - 1` is netmemIndex() from
// shared/sim/netmem/netmemRef.ts written out by hand. Each copy is one more place that must change
// if the netmem_ref encoding does (docs/model/netmem.md#netmem_ref). A file whose per-packet paths
// inline it on purpose says so once, with its reason:
//   // hot path: inlined netmemIndex, <why>
// and the rule then accepts every site in that file (and reports the marker if none is left).

// The comment must start with the marker (so that a comment quoting it, like this one, is none).
const MARKER = /^\s*hot path: inlined netmemIndex\b/;

function isOne(n) {
  return n.type === 'Literal' && n.value === 1;
}

function isInlineIndex(n) {
  return n.operator === '-' && isOne(n.right) && n.left.type === 'BinaryExpression' && n.left.operator === '>>>' && isOne(n.left.right);
}

function insideHelper(node) {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'FunctionDeclaration' && p.id?.name === 'netmemIndex') return true;
  }
  return false;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'suggestion',
    docs: { description: 'Use netmemIndex() instead of an inline `(ref >>> 1) - 1`, or mark the file as a hot path once.' },
    schema: [],
    messages: {
      inline:
        "Inline netmem index '{{text}}': call netmemIndex() (shared/sim/netmem/netmemRef.ts), or mark this file once with '// hot path: inlined netmemIndex, <reason>'.",
      unusedMarker: "'hot path: inlined netmemIndex' marker, but this file has no inline netmem index left.",
      duplicateMarker: "'hot path: inlined netmemIndex' marker given more than once; one per file is enough.",
    },
  },
  create(context) {
    const source = context.sourceCode;
    const markers = source.getAllComments().filter((c) => MARKER.test(c.value));
    let sites = 0;
    return {
      BinaryExpression(node) {
        if (!isInlineIndex(node) || insideHelper(node)) return;
        sites++;
        if (markers.length === 0) context.report({ node, messageId: 'inline', data: { text: source.getText(node) } });
      },
      'Program:exit'() {
        if (markers.length > 0 && sites === 0) context.report({ loc: markers[0].loc, messageId: 'unusedMarker' });
        for (const m of markers.slice(1)) context.report({ loc: m.loc, messageId: 'duplicateMarker' });
      },
    };
  },
};
