// One pass over a parsed YAML document, with an explicit stack (no recursion, so nesting depth
// cannot overflow the call stack) and every node's data path carried along. It finds, each at
// its own path and position: duplicate keys (a Set per mapping: linear, where the yaml package's
// own `uniqueKeys` check compares every key with every earlier one), tags, aliases without an
// anchor before them, nesting beyond a depth limit, and more entries than a count limit.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/** One step of a data path: a mapping key or a list index. */
export type PathSegment = string | number;

export interface WalkLimits {
  /** deepest nesting of mappings and lists accepted */
  maxDepth: number;
  /** most mapping keys plus list items accepted in one file */
  maxEntries: number;
  /** most alias nodes (`*name`) accepted in one file */
  maxAliases: number;
}

export type WalkFinding =
  | { kind: 'duplicate'; offset: number; path: PathSegment[]; key: string }
  | { kind: 'tag'; node: Node; path: PathSegment[]; tag: string }
  | { kind: 'unanchored'; offset: number; path: PathSegment[]; name: string }
  | { kind: 'depth'; offset: number; path: PathSegment[] }
  | { kind: 'entries'; offset: number; path: PathSegment[] }
  | { kind: 'aliases'; offset: number; path: PathSegment[] };

interface Frame {
  node: unknown;
  path: PathSegment[];
  depth: number;
}

export interface WalkResult {
  /** in document order; a limit finding ends the walk */
  findings: WalkFinding[];
  /** the first alias node, where an expansion error is reported */
  firstAlias?: { offset: number; path: PathSegment[] };
}

/** Visit `doc` once. */
export function walkYaml(doc: Document.Parsed, limits: WalkLimits): WalkResult {
  const out: WalkFinding[] = [];
  let firstAlias: WalkResult['firstAlias'];
  const anchors = new Set<string>();
  let entries = 0;
  let aliases = 0;
  const stack: Frame[] = [{ node: doc.contents, path: [], depth: 0 }];
  // Children are pushed in reverse so they pop in document order (anchors precede their aliases).
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const n = node as Node;
    const offset = n.range?.[0] ?? 0;
    const tag = (n as { tag?: string }).tag;
    if (tag) out.push({ kind: 'tag', node: n, path, tag });
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) anchors.add(anchor);
    if (isAlias(n)) {
      firstAlias ??= { offset, path };
      if (++aliases > limits.maxAliases) {
        out.push({ kind: 'aliases', offset, path });
        return { findings: out, firstAlias };
      }
      if (!anchors.has(n.source)) out.push({ kind: 'unanchored', offset, path, name: n.source });
      continue;
    }
    if (!isMap(n) && !isSeq(n)) continue;
    if (depth >= limits.maxDepth) {
      out.push({ kind: 'depth', offset, path });
      return { findings: out, firstAlias };
    }
    entries += n.items.length;
    if (entries > limits.maxEntries) {
      out.push({ kind: 'entries', offset, path });
      return { findings: out, firstAlias };
    }
    const children: Frame[] = [];
    if (isSeq(n)) {
      n.items.forEach((item, i) => children.push({ node: item, path: [...path, i], depth: depth + 1 }));
    } else {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const key = pair.key as Node | null;
        const name = isScalar(key) ? String(key.value) : undefined;
        if (name !== undefined) {
          if (seen.has(name)) out.push({ kind: 'duplicate', offset: key?.range?.[0] ?? offset, path: [...path, name], key: name });
          seen.add(name);
        }
        // The key node too: it may carry a tag, an anchor or be an alias.
        if (key && !isScalar(key)) children.push({ node: key, path, depth: depth + 1 });
        else if (key) children.push({ node: key, path, depth });
        children.push({ node: pair.value, path: name === undefined ? path : [...path, name], depth: depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return { findings: out, firstAlias };
}
