// Scenario YAML → plain data, with positions kept for error messages. Scenario files are data,
// so anything that makes YAML more than data is refused: explicit tags (`!foo`, `!!binary`),
// unbounded alias expansion, more than one document, duplicate keys, oversized input.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { ScenarioError } from '../api';

export type PathSegment = string | number;

/** Default bound on the file size: far beyond any real scenario, far below a memory problem. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Bound on alias expansion, the `yaml` package's own default (guards "billion laughs"). */
export const DEFAULT_MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type LoadResult =
  | { ok: true; source: YamlSource; data: unknown }
  | { ok: false; errors: ScenarioError[]; source?: YamlSource };

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
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;
}

export function sizeLimitError(bytes: number, maxBytes: number): ScenarioError {
  return { path: '', line: 1, col: 1, message: `file is ${sizeText(bytes)}; scenario files are limited to ${sizeText(maxBytes)}` };
}

export function loadYaml(text: string, opts: { maxBytes?: number; maxAliasCount?: number } = {}): LoadResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    return { ok: false, errors: [sizeLimitError(utf8Length(text), maxBytes)] };
  }
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `yes`/`no` stay strings, `<<` is an ordinary (hence unknown) key.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: false, version: '1.2' });
  const source: YamlSource = { doc, lineCounter };
  const errors: ScenarioError[] = [];
  const at = (offset: number, path: readonly PathSegment[], message: string) => {
    const p = lineCounter.linePos(offset);
    errors.push({ path: formatPath(path), line: p.line, col: p.col, message });
  };
  for (const e of doc.errors) {
    const path = pathAtOffset(source, e.pos[0]);
    const msg = e.code === 'DUPLICATE_KEY' ? `duplicate key ${JSON.stringify(keyAt(doc, e.pos[0]) ?? text.slice(e.pos[0], e.pos[1]))}; each key may appear once`
      : `YAML syntax error: ${firstLine(e.message)}`;
    at(e.pos[0], path, msg);
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue; // reported below, with the tag's own position
    at(w.pos[0], pathAtOffset(source, w.pos[0]), `YAML: ${firstLine(w.message)}`);
  }
  const aliases: Node[] = [];
  visit(doc, {
    Node(_key, node, ancestors) {
      const tag = (node as { tag?: string }).tag;
      if (tag && node.range) {
        const shown = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
        // The node's range starts at its value; point at the tag itself when it is on the same line.
        const source = `!${tag.startsWith('tag:yaml.org,2002:') ? `!${tag.slice(18)}` : tag.replace(/^!/, '')}`;
        const tagAt = text.lastIndexOf(source, node.range[0]);
        const offset = tagAt >= 0 && !text.slice(tagAt, node.range[0]).includes('\n') ? tagAt : node.range[0];
        at(offset, pathOfAncestors(ancestors, node), `tags are not allowed in scenario files (they are data), found ${shown}`);
      }
      if (isAlias(node)) {
        aliases.push(node);
        if (!node.resolve(doc)) at(node.range?.[0] ?? 0, pathOfAncestors(ancestors, node), `alias *${node.source} has no anchor &${node.source} before it`);
      }
    },
  });
  if (errors.length) return { ok: false, errors, source };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: opts.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT });
  } catch (e) {
    const first = aliases[0];
    const offset = first?.range?.[0] ?? 0;
    const why = /alias count/i.test(String((e as Error).message))
      ? `alias expansion exceeds the limit of ${opts.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT} (aliases multiply the data; write the values out)`
      : `cannot read the document: ${(e as Error).message}`;
    at(offset, first ? pathAtOffset(source, offset) : [], why);
    return { ok: false, errors, source };
  }
  return { ok: true, source, data };
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The key whose node starts at `offset` (the yaml package reports duplicates by offset only). */
function keyAt(doc: Document.Parsed, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Pair(_k, pair) {
      const k = pair.key as Node | null;
      if (k?.range?.[0] === offset && isScalar(k)) { found = String(k.value); return visit.BREAK; }
      return undefined;
    },
  });
  return found;
}

function keyOf(node: unknown): PathSegment | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

/** The data path of `node`, given the ancestor chain `visit` hands us. */
function pathOfAncestors(ancestors: readonly unknown[], node: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  const chain = [...ancestors, node];
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1];
    const child = chain[i];
    if (isSeq(parent)) path.push(parent.items.indexOf(child as never));
    else if (isPair(parent) && parent.value === child) { const k = keyOf(parent.key); if (k !== undefined) path.push(k); }
  }
  return path;
}

/** Deepest data path whose node contains `offset` (for errors the parser locates by offset only). */
export function pathAtOffset(source: YamlSource, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = source.doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as Node | null; const v = p.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0] ?? Infinity;
        const end = v?.range?.[2] ?? k?.range?.[2] ?? -1;
        return offset >= start && offset <= end;
      });
      if (!pair) return path;
      const k = keyOf(pair.key);
      if (k === undefined) return path;
      path.push(k);
      const v = pair.value as Node | null;
      if (!v?.range || offset < v.range[0]) return path;
      node = v;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => { const r = (it as Node | null)?.range; return !!r && offset >= r[0] && offset <= r[2]; });
      if (i < 0) return path;
      path.push(i);
      node = node.items[i];
    } else {
      return path;
    }
  }
}

export interface Located { line: number; col: number; exact: boolean }

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
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p.key) === String(seg));
      if (!pair) { exact = false; break; }
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
