// Overrides by scalar path: `nics[0].ring`, `host.iommu`, `traffic[0].packet_size`, `seed`, and
// bare field names that apply to every entry of a section (`variant`, `driver` → every NIC;
// `packet_size` → every traffic entry; `free_on` → every consumer). Used by the CLI's --seed and
// --duration, by compare expansion and by the compare-key checks.
import type { ScenarioError } from '../../scenario/scenarioError';
import { scenarioSchema } from '../../scenario/schema';
import { keysAt, type WalkableSchema } from '../../scenario/schemaWalk';
import { suggest } from '../../scenario/suggest';
import { validateData, type ValidateResult } from './validate';
import { formatPath, type PathSegment } from '../../scenario/yamlSource';
import type { Scenario } from '../../scenario/schema';

const SCHEMA = scenarioSchema as unknown as WalkableSchema;
/** Sections whose entries a bare key applies to, in lookup order. */
const SECTIONS = ['nics', 'traffic', 'consumer'] as const;

export type OverrideValue = string | number | boolean;

/** `nics[0].page_pool.pool_size` → ['nics', 0, 'page_pool', 'pool_size']; null if malformed. */
export function parseOverridePath(key: string): PathSegment[] | null {
  const re = /^(?:([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\])/;
  const path: PathSegment[] = [];
  let rest = key.trim();
  if (!rest) return null;
  while (rest) {
    if (path.length && rest.startsWith('.')) rest = rest.slice(1);
    else if (path.length && !rest.startsWith('[')) return null;
    const m = re.exec(rest);
    if (!m || (m[2] !== undefined && path.length === 0)) return null;
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
    rest = rest.slice(m[0].length);
  }
  return path;
}

export type TargetResult = { ok: true; paths: PathSegment[][] } | { ok: false; message: string };

/** Every key along `path` must exist in the schema (checked against `base`, e.g. ['nics', 0]). */
function unknownKeyOnPath(base: PathSegment[], path: PathSegment[]): string | null {
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg !== 'string' || (i === 0 && base.length === 0)) continue;
    const at = [...base, ...path.slice(0, i)];
    const allowed = keysAt(SCHEMA, at);
    if (allowed.length && !allowed.includes(seg)) {
      const hint = suggest(seg, allowed);
      return `unknown key "${seg}" in ${formatPath(at) || 'the scenario'}${hint ? `; did you mean "${hint}"?` : `; allowed: ${allowed.join(', ')}`}`;
    }
  }
  return null;
}

/** Concrete data paths an override key stands for in `doc`. */
export function resolveOverrideTargets(doc: unknown, key: string): TargetResult {
  const path = parseOverridePath(key);
  if (!path)
    return { ok: false, message: `"${key}" is not a path; write e.g. nics[0].ring, host.iommu, traffic[0].packet_size or variant` };
  const top = keysAt(SCHEMA, []);
  const head = path[0] as string;
  if (top.includes(head)) {
    const unknown = unknownKeyOnPath([], path);
    if (unknown) return { ok: false, message: unknown };
    // Explicit path: every list index along it must exist (an override never invents an entry).
    let v: unknown = doc;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (typeof seg === 'number') {
        const len = Array.isArray(v) ? v.length : 0;
        if (seg >= len)
          return {
            ok: false,
            message: `${formatPath(path.slice(0, i))} has ${len} entr${len === 1 ? 'y' : 'ies'}; index ${seg} does not exist`,
          };
      }
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg as string] : undefined;
    }
    return { ok: true, paths: [path] };
  }
  for (const section of SECTIONS) {
    if (!keysAt(SCHEMA, [section, 0]).includes(head)) continue;
    const unknown = unknownKeyOnPath([section, 0], path);
    if (unknown) return { ok: false, message: unknown.replace(`in ${section}[0]`, `in ${section}[*]`) };
    const list = (doc as Record<string, unknown> | null)?.[section];
    const n = Array.isArray(list) ? list.length : 0;
    if (!n) return { ok: false, message: `"${key}" applies to every entry of ${section}, but ${section} has none` };
    return { ok: true, paths: Array.from({ length: n }, (_, i) => [section, i, ...path]) };
  }
  const all = [...top, ...SECTIONS.flatMap((s) => keysAt(SCHEMA, [s, 0]))];
  const hint = suggest(head, all);
  return {
    ok: false,
    message: `unknown key "${head}"${hint ? `; did you mean "${hint}"?` : ''} (use a scenario path such as nics[0].ring, host.iommu, or a NIC/traffic/consumer field name such as variant)`,
  };
}

function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

/** Sets `value` at `path` in `doc` (mutating), creating missing mappings but never list entries. */
function setIn(doc: Record<string, unknown>, path: PathSegment[], value: unknown): string | null {
  let v: Record<string, unknown> = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    let next = v[seg as string];
    if (next === undefined || next === null) {
      if (typeof path[i + 1] === 'number') return `${formatPath(path.slice(0, i + 1))} is not set, so it has no entries`;
      next = {};
      v[seg as string] = next;
    }
    if (typeof next !== 'object') return `${formatPath(path.slice(0, i + 1))} is ${JSON.stringify(next)}, not a mapping or list`;
    v = next as Record<string, unknown>;
  }
  v[path[path.length - 1] as string] = value;
  return null;
}

export type OverrideResult = { ok: true; scenario: Scenario; doc: unknown } | { ok: false; errors: ScenarioError[] };

/** The doc with overrides applied (unvalidated), or errors naming the offending keys. */
export function setOverrides(
  doc: unknown,
  overrides: Record<string, unknown>,
): { ok: true; doc: Record<string, unknown> } | { ok: false; errors: ScenarioError[] } {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errors: [{ path: '', line: 0, col: 0, message: 'overrides need a scenario mapping to apply to' }] };
  }
  const out = clone(doc as Record<string, unknown>);
  const errors: ScenarioError[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const t = resolveOverrideTargets(out, key);
    if (!t.ok) {
      errors.push({ path: key, line: 0, col: 0, message: t.message });
      continue;
    }
    for (const p of t.paths) {
      const e = setIn(out, p, clone(value));
      if (e) errors.push({ path: key, line: 0, col: 0, message: e });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, doc: out };
}

/**
 * Applies overrides to a raw scenario document (as returned by parseScenario's `doc`) and
 * re-validates the result: schema and cross-field rules (the compare matrix is not re-expanded).
 * Errors carry line 0 (they do not come from a file position) and name the override.
 */
export function applyOverrides(doc: unknown, overrides: Record<string, unknown>): OverrideResult {
  const set = setOverrides(doc, overrides);
  if (!set.ok) return set;
  const r: ValidateResult = validateData(set.doc);
  if (!r.ok) {
    const keys = Object.keys(overrides).join(', ');
    return { ok: false, errors: r.errors.map((e) => ({ ...e, message: `${e.message} (after overriding ${keys})` })) };
  }
  return { ok: true, scenario: r.scenario, doc: set.doc };
}
