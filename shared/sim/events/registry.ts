// Scenario-event handlers, keyed by the event's kind (the key next to `at`). The built-in kinds
// register in builtin.ts; devmem registers bind / unbind / socket_close / token_stall
// from its own module, imported in events/index.ts.
import type { ScenarioEvent } from '../../scenario/schema';
import type { EngineApi } from '../engine/engineApi';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
export type ScenarioEventKind = Exclude<KeysOfUnion<ScenarioEvent>, 'at'>;

export type EventHandler = (engine: EngineApi, event: ScenarioEvent, index: number) => void;

const handlers = new Map<string, EventHandler>();

export function registerEventHandler(kind: ScenarioEventKind, handler: EventHandler): void {
  handlers.set(kind, handler);
}

/** The kind of a scenario event: its one key other than `at`. */
export function eventKind(ev: ScenarioEvent): string {
  for (const k of Object.keys(ev)) if (k !== 'at') return k;
  throw new Error('scenario event without a kind');
}

export function eventHandler(kind: string): EventHandler | undefined {
  return handlers.get(kind);
}

// ---- engine extensions (devmem) ----
// A module that needs the running engine beyond scenario events: a start hook (after every NIC
// is up at t = 0), extra series columns sampled with the others (the Sampler asks once, after
// start; a 'delta' column's read() returns the cumulative count, the Sampler takes differences),
// and results added to the assembled run document.
import type { RunDocument, SeriesColumnMeta } from '../../doc/runDocument';

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

const extensionList: EngineExtension[] = [];

export function registerEngineExtension(x: EngineExtension): void {
  if (!extensionList.some((e) => e.name === x.name)) extensionList.push(x);
}

export function engineExtensions(): readonly EngineExtension[] {
  return extensionList;
}
