// `run --duration D` shortens a scenario: events after the new end are left out (they would
// never fire) and a sample interval longer than the run shrinks to it, each with a note, rather
// than failing the scenario's "event after the end" rule for a quick shorter look.
import { parseDuration, formatDurationNs } from '../../shared/doc/units';
import type { Scenario } from '../../shared/scenario/schema';

export interface Truncation {
  doc: unknown;
  overrides: Record<string, unknown>;
  notes: string[];
}

export function truncateToDuration(doc: unknown, scenario: Scenario, duration: string): Truncation {
  const d = parseDuration(duration);
  // An invalid duration is left to applyOverrides, which reports it like any other value.
  if (!d.ok || d.value <= 0 || !doc || typeof doc !== 'object') return { doc, overrides: { duration }, notes: [] };
  const end = d.value;
  const raw = doc as Record<string, unknown>;
  const overrides: Record<string, unknown> = { duration };
  const notes: string[] = [];
  const late = scenario.events.map((e, i) => ({ e, i })).filter(({ e }) => e.at > end);
  let out: Record<string, unknown> = raw;
  if (late.length && Array.isArray(raw.events)) {
    const drop = new Set(late.map(({ i }) => i));
    out = { ...raw, events: raw.events.filter((_, i) => !drop.has(i)) };
    const what = late.map(({ e }) => `${Object.keys(e).find((k) => k !== 'at')} at ${formatDurationNs(e.at)}`).join(', ');
    notes.push(`--duration ${duration}: ${late.length} event${late.length === 1 ? '' : 's'} after the end left out (${what})`);
  }
  if (scenario.sample > end) {
    overrides.sample = duration;
    notes.push(`--duration ${duration}: sample interval ${formatDurationNs(scenario.sample)} shortened to ${formatDurationNs(end)}`);
  }
  return { doc: out, overrides, notes };
}
