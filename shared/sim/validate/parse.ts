// Scenario text → Scenario, or every error in the file, each located (YAML path, line, column)
// and saying what was expected and what was found.
import type { ScenarioError } from '../../scenario/scenarioError';
import { compareChecks } from './compareCheck';
import type { Scenario } from '../../scenario/schema';
import { sortErrors, validateData } from './validate';
import { loadYaml, locate, formatPath, type PathSegment } from '../../scenario/yamlSource';

export { applyOverrides, parseOverridePath, resolveOverrideTargets, type OverrideResult } from './overrides';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ENTRIES } from '../../scenario/yamlSource';

export interface ParseOptions {
  /** Reject larger input (UTF-8 bytes). Default 1 MiB. */
  maxBytes?: number;
  /** Bound on YAML alias expansion. Default 100. */
  maxAliasCount?: number;
  /** Deepest nesting of mappings and lists. Default 64. */
  maxDepth?: number;
  /** Most keys plus list items in the file. Default 50,000. */
  maxEntries?: number;
}

export type ParseResult =
  | { ok: true; scenario: Scenario; /** the plain data before defaults/units, for applyOverrides */ doc: unknown }
  | { ok: false; errors: ScenarioError[] };

export function parseScenario(text: string, opts: ParseOptions = {}): ParseResult {
  const loaded = loadYaml(text, opts);
  if (!loaded.ok) return { ok: false, errors: sortErrors(loaded.errors) };
  const r = validateData(loaded.data, loaded.source);
  if (!r.ok) return r;
  const cmp = compareChecks(loaded.data as Record<string, unknown>, loaded.source);
  if (cmp.length) return { ok: false, errors: sortErrors(cmp) };
  return { ok: true, scenario: r.scenario, doc: loaded.data };
}

/**
 * `nics[0].ring (line 14, col 11): must be a power of two from 64 to 16384, got 1000`,
 * prefixed with `file: ` when given. Errors without a file position (line 0) omit it.
 */
export function formatScenarioError(e: ScenarioError, file?: string): string {
  const where = e.line > 0 ? `line ${e.line}, col ${e.col}` : '';
  const head = e.path && where ? `${e.path} (${where})` : e.path || where;
  return `${file ? `${file}: ` : ''}${head ? `${head}: ` : ''}${e.message}`;
}

/**
 * A located error for a data path of a scenario's text, for checks made outside the parser
 * (e.g. a driver refusing a NIC configuration). Falls back to line 0 if the text is not YAML.
 */
export function scenarioErrorAt(text: string, path: readonly PathSegment[], message: string): ScenarioError {
  const loaded = loadYaml(text, { maxBytes: Infinity });
  const pos = loaded.source ? locate(loaded.source, path) : { line: 0, col: 0 };
  return { path: formatPath(path), line: pos.line, col: pos.col, message };
}
