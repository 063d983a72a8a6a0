// A scenario whose schema check failed still gets its cross-field checks, so one pass reports
// every error: each section and each list entry is parsed on its own, and the checks skip what
// did not parse (an entry that failed is null; its own errors are already reported).
import {
  scenarioSchema,
  type ConsumerConfig,
  type DriverName,
  type NicConfig,
  type Scenario,
  type ScenarioEvent,
  type TrafficConfig,
} from './schema';

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
  /**
   * each NIC's ring request with its driver, also for a NIC that failed on another field, so the
   * driver's ring rule still runs in the same pass; null when the driver or the ring fields failed
   */
  nicRings: (NicRing | null)[];
  traffic: (TrafficConfig | null)[];
  consumer: (ConsumerConfig | null)[];
  events: (ScenarioEvent | null)[];
}

export interface NicRing {
  driver: DriverName;
  ring?: number;
  mode?: string;
  ring_range?: NicConfig['ring_range'];
}

export function fromScenario(s: Scenario): PartialScenario {
  return {
    duration: s.duration,
    sample: s.sample,
    host: s.host,
    nics: s.nics,
    nicNames: s.nics.map((n) => n.name),
    nicRings: s.nics.map((n) => ({ driver: n.driver, ring: n.ring, mode: n.mode, ring_range: n.ring_range })),
    traffic: s.traffic,
    consumer: s.consumer,
    events: s.events,
  };
}

const shape = scenarioSchema.shape;

function each<T>(raw: unknown, parse: (v: unknown) => { success: boolean; data?: T }): (T | null)[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((v) => {
    const r = parse(v);
    return r.success ? (r.data as T) : null;
  });
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
      ? data.nics.map((n) =>
          n && typeof n === 'object' && typeof (n as { name?: unknown }).name === 'string' ? (n as { name: string }).name : null,
        )
      : null,
    nicRings: Array.isArray(data.nics) ? data.nics.map(nicRing) : [],
    traffic: each(data.traffic, (v) => shape.traffic.element.safeParse(v)),
    consumer: each(data.consumer, (v) => shape.consumer.unwrap().element.safeParse(v)),
    events: each(data.events, (v) => shape.events.unwrap().element.safeParse(v)),
  };
}

const nicShape = shape.nics.element.shape;

/** The ring fields of one raw NIC entry, parsed field by field. */
function nicRing(raw: unknown): NicRing | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const n = raw as Record<string, unknown>;
  const driver = nicShape.driver.safeParse(n.driver);
  const ring = nicShape.ring.safeParse(n.ring);
  const mode = nicShape.mode.safeParse(n.mode);
  const range = nicShape.ring_range.safeParse(n.ring_range);
  if (!driver.success || !ring.success || !mode.success || !range.success) return null;
  return { driver: driver.data, ring: ring.data, mode: mode.data, ring_range: range.data };
}
