// Builds what the library shows for one scenario file: name, description, driver/variant badges
// and the validation result. An invalid file still gets a name and badges when its YAML can be
// read at all, so a newcomer sees *which* scenario is broken.
import { parse as parseYaml } from 'yaml';
import type { ScenarioDetail, ScenarioError } from '../../shared/api';
import type { Scenario } from '../../shared/scenario/schema';
import { DEFAULT_MAX_ALIAS_COUNT, parseScenario } from '../../shared/sim/validate/parse';

export interface ValidatedScenario {
  detail: ScenarioDetail;
  /** the parsed scenario when valid */
  scenario: Scenario | null;
  /** the plain YAML data of a valid scenario (for compare overrides) */
  doc: unknown;
}

/** Badges: `gve/netmem`, `devmem` when a dma-buf provider is bound, `compare` when a matrix exists. */
export function badgesOf(nics: readonly { driver?: unknown; variant?: unknown; provider?: unknown }[]): string[] {
  const out = new Set<string>();
  for (const nic of nics) {
    const driver = typeof nic.driver === 'string' ? nic.driver : 'generic';
    const variant = typeof nic.variant === 'string' ? nic.variant : 'page';
    out.add(`${driver}/${variant}`);
    if (nic.provider && typeof nic.provider === 'object') out.add('devmem');
  }
  return [...out];
}

function rawFields(yaml: string): { name?: string; description?: string; nics: Record<string, unknown>[]; compare: boolean } {
  try {
    // Duplicate keys were reported by the parser; the package's own check is quadratic in the key count.
    const raw: unknown = parseYaml(yaml, { uniqueKeys: false, maxAliasCount: DEFAULT_MAX_ALIAS_COUNT });
    if (!raw || typeof raw !== 'object') return { nics: [], compare: false };
    const r = raw as Record<string, unknown>;
    const nics = Array.isArray(r.nics) ? r.nics.filter((n): n is Record<string, unknown> => !!n && typeof n === 'object') : [];
    return {
      name: typeof r.name === 'string' ? r.name : undefined,
      description: typeof r.description === 'string' ? r.description : undefined,
      nics,
      compare: !!r.compare && typeof r.compare === 'object',
    };
  } catch {
    return { nics: [], compare: false };
  }
}

/** Validate YAML text; errors carry the YAML path and line. */
export function validateYaml(yaml: string): { scenario: Scenario | null; doc: unknown; errors: ScenarioError[] } {
  const r = parseScenario(yaml);
  if (r.ok) return { scenario: r.scenario, doc: r.doc, errors: [] };
  return { scenario: null, doc: null, errors: r.errors.map((e) => ({ path: e.path, line: e.line, col: e.col, message: e.message })) };
}

/** What the library knows of the file itself (not of its YAML). */
export interface FileFacts {
  readOnly: boolean;
  revision: string;
}

export function summarize(
  id: string,
  file: string,
  origin: 'shipped' | 'opened',
  yaml: string,
  fallbackName: string,
  facts: FileFacts,
): ValidatedScenario {
  const { scenario, doc, errors } = validateYaml(yaml);
  const raw = scenario ? null : rawFields(yaml);
  const name = scenario?.name ?? raw?.name ?? fallbackName;
  const description = (scenario ? scenario.description : raw?.description) ?? '';
  const badges = badgesOf(scenario ? scenario.nics : (raw?.nics ?? []));
  const hasCompare = scenario ? !!scenario.compare && Object.keys(scenario.compare).length > 0 : (raw?.compare ?? false);
  if (hasCompare) badges.push('compare');
  return {
    scenario,
    doc,
    detail: {
      id,
      file,
      name,
      description: description.trim(),
      origin,
      badges,
      valid: errors.length === 0,
      errors,
      hasCompare,
      yaml,
      ...facts,
    },
  };
}
