// A scenario whose schema check failed still gets its cross-field checks, so one pass reports
// every error: each section and each list entry is parsed on its own, and the checks skip what
// did not parse (an entry that failed is null; its own errors are already reported).
import { scenarioSchema, type ConsumerConfig, type NicConfig, type Scenario, type ScenarioEvent, type TrafficConfig } from './schema';

export interface PartialScenario {
  duration: number | null;
  sample: number | null;
  host: Scenario['host'] | null;
  nics: (NicConfig | null)[];
  /**
   * every NIC's name as written, even for a NIC that failed (references to it are not dangling);
   * null when `nics` itself is not a list, so references cannot be checked at all
   */
  nicNames: (string | null)[] | null;
  traffic: (TrafficConfig | null)[];
  consumer: (ConsumerConfig | null)[];
  events: (ScenarioEvent | null)[];
}

export function fromScenario(s: Scenario): PartialScenario {
  return { duration: s.duration, sample: s.sample, host: s.host, nics: s.nics, nicNames: s.nics.map((n) => n.name),
    traffic: s.traffic, consumer: s.consumer, events: s.events };
}

const shape = scenarioSchema.shape;

function each<T>(raw: unknown, parse: (v: unknown) => { success: boolean; data?: T }): (T | null)[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((v) => { const r = parse(v); return r.success ? (r.data as T) : null; });
}

function one<T>(raw: unknown, parse: (v: unknown) => { success: boolean; data?: T }): T | null {
  const r = parse(raw);
  return r.success ? (r.data as T) : null;
}

export function partialScenario(data: Record<string, unknown>): PartialScenario {
  return {
    duration: one(data.duration, (v) => shape.duration.safeParse(v)),
    sample: one(data.sample, (v) => shape.sample.safeParse(v)),
    host: one(data.host, (v) => shape.host.safeParse(v)),
    nics: each(data.nics, (v) => shape.nics.element.safeParse(v)),
    nicNames: Array.isArray(data.nics)
      ? data.nics.map((n) => (n && typeof n === 'object' && typeof (n as { name?: unknown }).name === 'string' ? (n as { name: string }).name : null))
      : null,
    traffic: each(data.traffic, (v) => shape.traffic.element.safeParse(v)),
    consumer: each(data.consumer, (v) => shape.consumer.unwrap().element.safeParse(v)),
    events: each(data.events, (v) => shape.events.unwrap().element.safeParse(v)),
  };
}
