// Completeness of the registries: every driver the schema accepts has a model, conversion facts
// and qstats facts; every provider kind has a provider; every scenario event kind has a handler;
// every export format has a renderer. Checked twice: by the compiler (the type assertions below
// fail to compile when a registry and its name list disagree) and at run time against the JSON
// Schema the scenario files are validated with.
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../shared/scenario/jsonSchema';
import { DRIVERS, PROVIDER_KINDS, type DriverName, type ProviderKind } from '../../shared/doc/names';
import { DRIVER_MODELS, driverModel } from '../../shared/sim/drivers/registry';
import { CONVERSION_FACTS, type ConversionFacts } from '../../shared/sim/drivers/conversion/conversionFacts';
import type { DriverModel } from '../../shared/sim/drivers/driver';
import { QSTAT_ALLOC_FAIL } from '../../shared/sim/drivers/common/qstats';
import { PROVIDERS } from '../../shared/sim/providers/registry';
import { EVENT_HANDLERS } from '../../shared/sim/events/dispatch';
import type { ScenarioEventKind } from '../../shared/sim/events/registry';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/api';
import { REPORT_RENDERERS } from '../../electron/host/report/exporter';
import type { ProviderConfig } from '../../shared/scenario/schema';

// ---- type level: each registry's keys are exactly its name list ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typeChecks: [
  Same<keyof typeof DRIVER_MODELS, DriverName>,
  // not Partial: every entry is there
  Same<(typeof DRIVER_MODELS)[DriverName], DriverModel>,
  Same<keyof typeof CONVERSION_FACTS, DriverName>,
  Same<(typeof CONVERSION_FACTS)[DriverName], ConversionFacts>,
  Same<keyof typeof QSTAT_ALLOC_FAIL, DriverName>,
  Same<keyof typeof PROVIDERS, ProviderKind>,
  Same<ProviderConfig['kind'], ProviderKind>,
  Same<keyof typeof EVENT_HANDLERS, ScenarioEventKind>,
  Same<keyof typeof REPORT_RENDERERS, ExportFormat>,
] = [true, true, true, true, true, true, true, true, true];

type Json = Record<string, unknown>;
const schema = scenarioJsonSchema() as Json;
const nicProps = (((schema.properties as Json).nics as Json).items as Json).properties as Json;

function schemaDrivers(): string[] {
  return (nicProps.driver as { enum: string[] }).enum;
}

function schemaProviderKinds(): string[] {
  return (nicProps.provider as { oneOf: Json[] }).oneOf.map((o) => ((o.properties as Json).kind as { const: string }).const);
}

function schemaEventKinds(): string[] {
  const items = ((schema.properties as Json).events as Json).items as { anyOf: Json[] };
  return items.anyOf.flatMap((o) => Object.keys(o.properties as Json).filter((k) => k !== 'at'));
}

describe('registries are complete', () => {
  it('compiles the type-level checks', () => {
    expect(typeChecks.every(Boolean)).toBe(true);
  });

  it('every driver of the schema has a model named after it, conversion facts and qstats facts', () => {
    expect(schemaDrivers()).toEqual([...DRIVERS]);
    for (const d of schemaDrivers()) {
      expect(Object.keys(DRIVER_MODELS), d).toContain(d);
      expect(driverModel(d as DriverName).name).toBe(d);
      expect(Object.keys(CONVERSION_FACTS), d).toContain(d);
      expect(Object.keys(QSTAT_ALLOC_FAIL), d).toContain(d);
    }
  });

  it('every provider kind of the schema has a provider with a runtime', () => {
    expect(schemaProviderKinds().sort()).toEqual([...PROVIDER_KINDS].sort());
    for (const k of schemaProviderKinds()) {
      const p = PROVIDERS[k as ProviderKind];
      expect(p, k).toBeDefined();
      expect(p.runtime.extension.name.length).toBeGreaterThan(0);
      expect(typeof p.runtime.unbind).toBe('function');
    }
  });

  it('every scenario event kind of the schema has a handler', () => {
    const kinds = schemaEventKinds();
    expect(kinds.length).toBeGreaterThan(5);
    for (const k of kinds) expect(typeof EVENT_HANDLERS[k as ScenarioEventKind], k).toBe('function');
    expect(Object.keys(EVENT_HANDLERS).sort()).toEqual([...kinds].sort());
  });

  it('every export format has a renderer', () => {
    expect(Object.keys(REPORT_RENDERERS).sort()).toEqual([...EXPORT_FORMATS].sort());
  });
});
