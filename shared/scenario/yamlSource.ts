// Scenario YAML → plain data, with positions kept for error messages. Scenario files are data,
// so anything that makes YAML more than data is refused: explicit tags (`!foo`, `!!binary`),
// unbounded alias expansion, more than one document, duplicate keys, oversized input.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ScenarioError } from './scenarioError';
import { walkYaml, type PathSegment } from './yamlWalk';

export type { PathSegment };

/** Default bound on the file size: far beyond any real scenario, far below a memory problem. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Bound on alias expansion, the `yaml` package's own default (guards "billion laughs"). */
export const DEFAULT_MAX_ALIAS_COUNT = 100;
/** Deepest nesting accepted: a scenario nests about 5 levels; the bound keeps every later pass safe. */
export const DEFAULT_MAX_DEPTH = 64;
/** Most keys plus list items in one file: a large scenario has a few hundred. */
export const DEFAULT_MAX_ENTRIES = 50_000;
/** Most alias nodes: the yaml package resolves each alias by a scan of the anchors before it. */
export const DEFAULT_MAX_ALIAS_NODES = 1000;

export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type LoadResult = { ok: true; source: YamlSource; data: unknown } | { ok: false; errors: ScenarioError[]; source?: YamlSource };

/** `nics[0].ring` from ['nics', 0, 'ring']. Keys that are not identifiers are quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** UTF-8 length without TextEncoder/Buffer (shared/ stays free of platform APIs). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} B`;
}

export function sizeLimitError(bytes: number, maxBytes: number): ScenarioError {
  return { path: '', line: 1, col: 1, message: `file is ${sizeText(bytes)}; scenario files are limited to ${sizeText(maxBytes)}` };
}

export interface LoadOptions {
  maxBytes?: number;
  maxAliasCount?: number;
  /** deepest nesting accepted (default DEFAULT_MAX_DEPTH) */
  maxDepth?: number;
  /** most mapping keys plus list items (default DEFAULT_MAX_ENTRIES) */
  maxEntries?: number;
}

export function loadYaml(text: string, opts: LoadOptions = {}): LoadResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    return { ok: false, errors: [sizeLimitError(utf8Length(text), maxBytes)] };
  }
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `yes`/`no` stay strings, `<<` is an ordinary (hence unknown) key.
  // Duplicate keys are found by walkYaml in linear time (the package's uniqueKeys is quadratic).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, merge: false, version: '1.2' });
  const source: YamlSource = { doc, lineCounter };
  const errors: ScenarioError[] = [];
  const at = (offset: number, path: readonly PathSegment[], message: string) => {
    const p = lineCounter.linePos(offset);
    errors.push({ path: formatPath(path), line: p.line, col: p.col, message });
  };
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  let deep = false;
  for (const e of doc.errors) {
    // The yaml package catches its own stack overflow on deep nesting and reports it (once is enough).
    if (/Maximum call stack/.test(e.message)) {
      if (!deep) at(e.pos[0], pathAtOffset(source, e.pos[0]).slice(0, 1), tooDeep(maxDepth));
      deep = true;
    } else {
      at(e.pos[0], pathAtOffset(source, e.pos[0]), `YAML syntax error: ${firstLine(e.message)}`);
    }
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue; // reported below, with the tag's own position
    at(w.pos[0], pathAtOffset(source, w.pos[0]), `YAML: ${firstLine(w.message)}`);
  }
  // The walk is iterative and depth-bounded, so it runs even after syntax errors: every error at once.
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxAliasCount = opts.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const walk = walkYaml(doc, { maxDepth, maxEntries, maxAliases: DEFAULT_MAX_ALIAS_NODES });
  for (const f of walk.findings) {
    switch (f.kind) {
      case 'duplicate':
        at(f.offset, f.path, `duplicate key ${JSON.stringify(f.key)}; each key may appear once`);
        break;
      case 'tag':
        at(tagOffset(text, f.node), f.path, `tags are not allowed in scenario files (they are data), found ${shownTag(f.tag)}`);
        break;
      case 'unanchored':
        at(f.offset, f.path, `alias *${f.name} has no anchor &${f.name} before it`);
        break;
      case 'depth':
        if (!deep) at(f.offset, f.path.slice(0, 1), tooDeep(maxDepth));
        break; // the top-level key: the full path is as deep as the problem
      case 'entries':
        at(f.offset, f.path, `too many entries: more than ${maxEntries} keys and list items in one file (a scenario needs a few hundred)`);
        break;
      case 'aliases':
        at(f.offset, f.path, `too many aliases: more than ${DEFAULT_MAX_ALIAS_NODES} (write the values out)`);
        break;
    }
  }
  if (errors.length) return { ok: false, errors, source };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (e) {
    const why = /alias count|resource exhaustion/i.test(String((e as Error).message))
      ? `alias expansion exceeds the limit of ${maxAliasCount} (aliases multiply the data; write the values out)`
      : `cannot read the document: ${(e as Error).message}`;
    at(walk.firstAlias?.offset ?? 0, walk.firstAlias?.path ?? [], why);
    return { ok: false, errors, source };
  }
  return { ok: true, source, data };
}

function tooDeep(maxDepth: number): string {
  return `nesting too deep: more than ${maxDepth} levels of mappings and lists (a scenario needs fewer than 10)`;
}

function shownTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
}

/** The tag's own position when it is on the node's line, else the node's (searched within that line only). */
function tagOffset(text: string, node: Node): number {
  const start = node.range?.[0] ?? 0;
  const tag = (node as { tag?: string }).tag ?? '';
  const written = `!${tag.startsWith('tag:yaml.org,2002:') ? `!${tag.slice(18)}` : tag.replace(/^!/, '')}`;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const i = text.slice(lineStart, start).lastIndexOf(written);
  return i >= 0 ? lineStart + i : start;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function keyOf(node: unknown): PathSegment | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

function startOf(pair: Pair): number {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  return k?.range?.[0] ?? v?.range?.[0] ?? Infinity;
}

function endOf(pair: Pair): number {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  return v?.range?.[2] ?? k?.range?.[2] ?? -1;
}

/**
 * Index of the last item starting at or before `offset` (items are in source order), by
 * bisection: locating many errors in a long mapping stays O(n log n).
 */
function lastStartingBefore<T>(items: readonly T[], offset: number, start: (item: T) => number): number {
  let lo = 0,
    hi = items.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(items[mid]) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Deepest data path whose node contains `offset` (for errors the parser locates by offset only). */
export function pathAtOffset(source: YamlSource, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = source.doc.contents;
  for (let depth = 0; depth <= DEFAULT_MAX_DEPTH; depth++) {
    if (isMap(node)) {
      let i = lastStartingBefore(node.items, offset, startOf);
      // After a syntax error, recovery can leave an unterminated value overlapping the next keys:
      // the earliest pair containing the offset is the one the error belongs to (a bounded look back).
      for (let back = 0; back < 64 && i > 0 && endOf(node.items[i - 1]) >= offset; back++) i--;
      const pair = i >= 0 ? node.items[i] : undefined;
      const v = pair?.value as Node | null | undefined;
      if (!pair || offset > endOf(pair)) return path;
      const key = keyOf(pair.key);
      if (key === undefined) return path;
      path.push(key);
      if (!v?.range || offset < v.range[0]) return path;
      node = v;
    } else if (isSeq(node)) {
      const i = lastStartingBefore(node.items, offset, (it) => (it as Node | null)?.range?.[0] ?? Infinity);
      const r = i >= 0 ? (node.items[i] as Node | null)?.range : undefined;
      if (!r || offset > r[2]) return path;
      path.push(i);
      node = node.items[i];
    } else {
      return path;
    }
  }
  return path;
}

/** Each mapping's first pair per key, built on first use: a lookup is O(1), not a scan of the items. */
const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = keyOf(p.key);
      if (k !== undefined && !index.has(String(k))) index.set(String(k), p);
    }
    keyIndex.set(map, index);
  }
  return index.get(key);
}

/** An alias's anchored node; the yaml package scans the document for it, so it is done once per alias. */
const aliasTarget = new WeakMap<object, unknown>();
function resolveAlias(doc: Document.Parsed, alias: Node): unknown {
  if (!aliasTarget.has(alias)) aliasTarget.set(alias, isAlias(alias) ? alias.resolve(doc) : alias);
  return aliasTarget.get(alias);
}

export interface Located {
  line: number;
  col: number;
  exact: boolean;
}

/**
 * Position of a data path: the value's node, or with `atKey` the key itself. A path that does not
 * exist in the file (a missing key) resolves to the deepest existing ancestor, `exact: false`.
 */
export function locate(source: YamlSource | undefined, path: readonly PathSegment[], atKey = false): Located {
  if (!source) return { line: 0, col: 0, exact: false };
  const { doc, lineCounter } = source;
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  let exact = true;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isAlias(node)) node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (!pair) {
        exact = false;
        break;
      }
      const keyNode = pair.key as Node | null;
      const valNode = pair.value as Node | null;
      const last = i === path.length - 1;
      if ((last && atKey) || !valNode?.range) {
        // The key itself: asked for, or the value is empty (`ring:`), so nothing else to point at.
        offset = keyNode?.range?.[0] ?? offset;
        if (!last) exact = false;
        break;
      }
      offset = valNode.range[0];
      node = valNode;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else {
      exact = false;
      break;
    }
  }
  const p = lineCounter.linePos(offset);
  return { line: p.line, col: p.col, exact };
}
