// Scenario-event handlers and engine extensions: their types. The tables that hold them are built
// in events/dispatch.ts from the built-in events, the fault events and the memory providers
// (providers/registry.ts), so every event kind of the schema has its handler at compile time.
import type { ScenarioEvent } from '../../scenario/schema';
import type { EngineApi } from '../engine/engineApi';
import type { RunDocument, SeriesColumnMeta } from '../../doc/runDocument';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
export type ScenarioEventKind = Exclude<KeysOfUnion<ScenarioEvent>, 'at'>;

export type EventHandler = (engine: EngineApi, event: ScenarioEvent, index: number) => void;

/** Handlers of some event kinds (a module's share of the table). */
export type EventHandlers = Partial<Record<ScenarioEventKind, EventHandler>>;

/** The kind of a scenario event: its one key other than `at`. */
export function eventKind(ev: ScenarioEvent): string {
  for (const k of Object.keys(ev)) if (k !== 'at') return k;
  throw new Error('scenario event without a kind');
}

// ---- engine extensions (memory providers) ----
// A module that needs the running engine beyond scenario events: a start hook (after every NIC
// is up at t = 0), extra series columns sampled with the others (the Sampler asks once, after
// start; a 'delta' column's read() returns the cumulative count, the Sampler takes differences),
// and results added to the assembled run document.

export interface ExtensionColumn {
  meta: SeriesColumnMeta;
  read(): number;
}

export interface EngineExtension {
  readonly name: string;
  start?(engine: EngineApi): void;
  seriesColumns?(engine: EngineApi): ExtensionColumn[];
  finish?(engine: EngineApi, doc: RunDocument): void;
}
