// zod issues → located ScenarioErrors that say what was expected and what was found.
// Unions get special care: zod reports every branch; we pick the branch the user evidently meant
// (the one whose shape matched) or, when none matched, list what each branch would accept.
import type { z } from 'zod';
import type { ScenarioError } from './scenarioError';
import { descriptionAt, keysAt, type WalkableSchema } from './schemaWalk';
import { suggest } from './suggest';
import { formatPath, locate, type PathSegment, type YamlSource } from './yamlSource';

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  schema: WalkableSchema;
  data: unknown;
  source?: YamlSource;
  /** prepended to every path (used when a sub-document is validated) */
  prefix?: PathSegment[];
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `"abc"`, `1000`, `a mapping`, `a list`, `an empty value`. */
export function repr(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'a mapping';
  // A pasted blob must not flood the message: show its start and its length.
  if (typeof v === 'string') return v.length > 60 ? `${JSON.stringify(v.slice(0, 40))}… (${v.length} characters)` : JSON.stringify(v);
  return String(v);
}

/** `string "abc"`, `number 1.5`, `boolean true`, `a mapping`. */
function typed(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${repr(v)}`;
  return repr(v);
}

const TYPE_WORDS: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};
function typeWord(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

function quoteValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function withGot(message: string, v: unknown): string {
  return /\bgot\b/.test(message) ? message : `${message}, got ${repr(v)}`;
}

/** A message the schema wrote itself (zod's own start with "Invalid"). */
function customMessage(i: Issue): string | undefined {
  return i.message && !/^Invalid /.test(i.message) ? i.message : undefined;
}

/** Does this issue (inside a union at `base`) complain about a key the data does not have? */
type MissingTest = (i: Issue) => boolean;
function missingTest(ctx: IssueContext, base: PathSegment[]): MissingTest {
  return (i) => i.code === 'invalid_type' && valueAt(ctx.data, [...base, ...(i.path as PathSegment[])]) === undefined;
}

/** Is this branch issue a shape mismatch at the union's own level (the user meant another branch)? */
function isShapeMismatch(i: Issue, missing: MissingTest): boolean {
  if (i.path.length === 0) return i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'unrecognized_keys';
  return i.path.length === 1 && missing(i);
}

function mismatchCount(branch: readonly Issue[], missing: MissingTest): number {
  let n = 0;
  for (const i of branch) if (isShapeMismatch(i, missing)) n += i.code === 'unrecognized_keys' ? i.keys.length : 1;
  return n;
}

/** Phrase for "what this branch accepts", for the combined union message. */
function branchPhrase(branch: readonly Issue[], missing: MissingTest): string {
  const root = branch.find((i) => i.path.length === 0 && i.code !== 'unrecognized_keys');
  if (root?.code === 'invalid_type') return customMessage(root)?.replace(/^expected /, '') ?? typeWord(root.expected);
  if (root?.code === 'invalid_value') return root.values.map((v) => JSON.stringify(v)).join(', ');
  if (root && (root.code === 'invalid_format' || root.code === 'custom'))
    return root.message.replace(/^expected /, '').replace(/, got .*$/, '');
  const absent = branch.filter((i) => i.path.length === 1 && missing(i)).map((i) => String(i.path[0]));
  if (absent.length) return `a mapping with ${absent.join(' and ')}`;
  return root ? root.message : 'another form';
}

function joinOr(parts: string[]): string {
  const uniq = [...new Set(parts)];
  return uniq.length <= 1 ? (uniq[0] ?? '') : `${uniq.slice(0, -1).join(', ')} or ${uniq[uniq.length - 1]}`;
}

export function translateIssues(issues: readonly Issue[], ctx: IssueContext): ScenarioError[] {
  const out: ScenarioError[] = [];
  for (const i of issues) translate(i, [...(ctx.prefix ?? []), ...(i.path as PathSegment[])], ctx, out);
  return out;
}

function emit(out: ScenarioError[], ctx: IssueContext, path: PathSegment[], message: string, atKey = false): void {
  const pos = locate(ctx.source, path, atKey);
  out.push({ path: formatPath(path), line: pos.line, col: pos.col, message });
}

function unknownKey(out: ScenarioError[], ctx: IssueContext, path: PathSegment[], key: string, candidates: string[]): void {
  const hint = suggest(key, candidates);
  const msg = hint ? `unknown key "${key}"; did you mean "${hint}"?` : `unknown key "${key}"; allowed here: ${candidates.join(', ')}`;
  emit(out, ctx, [...path, key], msg, true);
}

function translate(i: Issue, path: PathSegment[], ctx: IssueContext, out: ScenarioError[]): void {
  const v = valueAt(ctx.data, path);
  switch (i.code) {
    case 'invalid_type': {
      if (v === undefined) {
        const d = descriptionAt(ctx.schema, path);
        emit(out, ctx, path, `missing; expected ${d ?? typeWord(i.expected)}`);
      } else {
        emit(out, ctx, path, `${customMessage(i) ?? `expected ${typeWord(i.expected)}`}, got ${typed(v)}`);
      }
      return;
    }
    case 'invalid_value': {
      const values = i.values;
      const hint =
        typeof v === 'string'
          ? suggest(
              v,
              values.filter((x): x is string => typeof x === 'string'),
            )
          : undefined;
      const head = values.length === 1 ? `expected ${JSON.stringify(values[0])}` : `must be one of ${quoteValues(values)}`;
      emit(out, ctx, path, `${head}, got ${repr(v)}${hint ? `; did you mean "${hint}"?` : ''}`);
      return;
    }
    case 'unrecognized_keys': {
      const allowed = keysAt(ctx.schema, path);
      for (const k of i.keys) unknownKey(out, ctx, path, k, allowed);
      return;
    }
    case 'too_small':
    case 'too_big': {
      const small = i.code === 'too_small';
      const bound = Number(small ? (i as { minimum: number | bigint }).minimum : (i as { maximum: number | bigint }).maximum);
      const inclusive = i.inclusive !== false;
      if (i.origin === 'array' || i.origin === 'set') {
        const n = Array.isArray(v) ? v.length : 0;
        emit(out, ctx, path, `must have ${small ? 'at least' : 'at most'} ${bound} item${bound === 1 ? '' : 's'}, got ${n}`);
      } else if (i.origin === 'string') {
        emit(
          out,
          ctx,
          path,
          small && bound === 1 ? 'must not be empty' : `must be ${small ? 'at least' : 'at most'} ${bound} characters long, got ${repr(v)}`,
        );
      } else {
        const rel = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
        emit(out, ctx, path, `must be ${rel} ${bound}, got ${repr(v)}`);
      }
      return;
    }
    case 'invalid_union': {
      // a discriminated union (provider.kind) whose key matched no branch: name the kinds there are
      const options = (i as { options?: unknown[] }).options;
      if (i.errors.length === 0 && options && options.length > 0) {
        emit(out, ctx, path, `must be one of ${options.map(String).join(', ')}, got ${repr(v)}`);
        return;
      }
      translateUnion(i.errors as Issue[][], path, v, ctx, out);
      return;
    }
    case 'invalid_key':
    case 'invalid_element': {
      for (const sub of i.issues) translate(sub, [...path, ...(sub.path as PathSegment[])], ctx, out);
      return;
    }
    default:
      emit(out, ctx, path, withGot(i.message, v));
  }
}

function translateUnion(branches: Issue[][], path: PathSegment[], v: unknown, ctx: IssueContext, out: ScenarioError[]): void {
  if (!branches.length) {
    emit(out, ctx, path, `invalid value, got ${repr(v)}`);
    return;
  }
  const missing = missingTest(ctx, path);
  const counts = branches.map((b) => mismatchCount(b, missing));
  const best = Math.min(...counts);
  const bestBranches = branches.filter((_, k) => counts[k] === best);
  // One branch fits the shape better than all others: the user meant that one.
  if (bestBranches.length === 1) {
    for (const sub of bestBranches[0]) translate(sub, [...path, ...(sub.path as PathSegment[])], ctx, out);
    return;
  }
  // A mapping with keys no branch knows: report those keys, suggesting from every branch's keys.
  // Per branch, the set of keys it does not know (a Set: many unknown keys stay linear).
  const unknownPerBranch = branches.map(
    (b) => new Set(b.flatMap((i) => (i.path.length === 0 && i.code === 'unrecognized_keys' ? i.keys : []))),
  );
  if (isMapping(v)) {
    const unknownInAll = Object.keys(v).filter((k) => unknownPerBranch.every((u) => u.has(k)));
    if (unknownInAll.length) {
      const candidates = keysAt(ctx.schema, path);
      for (const k of unknownInAll) unknownKey(out, ctx, path, k, candidates);
      return;
    }
  }
  // A mapping that names none, or several, of the keys that select a branch (events, latencies).
  if (isMapping(v) && bestBranches.every((b) => !b.some((i) => i.path.length === 0 && i.code === 'invalid_type'))) {
    const selectors = new Set<string>();
    for (const b of branches) {
      for (const i of b) if (i.path.length === 1 && missing(i)) selectors.add(String(i.path[0]));
    }
    // A present key that some branch rejects and another accepts selects a branch too.
    for (const k of Object.keys(v)) {
      const rejected = unknownPerBranch.filter((u) => u.has(k)).length;
      if (rejected > 0 && rejected < branches.length) selectors.add(k);
    }
    const present = Object.keys(v).filter((k) => selectors.has(k));
    emit(
      out,
      ctx,
      path,
      `expected exactly one of the keys ${[...selectors].join(', ')}, got ${present.length ? present.join(' and ') : 'none of them'}`,
    );
    return;
  }
  // Several branches equally plausible and none fits: say what each would accept.
  const phrases = branches.map((b) => branchPhrase(b, missing));
  const literals = branches
    .flatMap((b) => b.filter((i) => i.code === 'invalid_value' && i.path.length === 0))
    .flatMap((i) => (i.code === 'invalid_value' ? i.values : []))
    .filter((x): x is string => typeof x === 'string');
  const hint = typeof v === 'string' ? suggest(v, literals) : undefined;
  emit(out, ctx, path, `expected ${joinOr(phrases)}, got ${repr(v)}${hint ? `; did you mean "${hint}"?` : ''}`);
}
