// The handler of every scenario event kind and the engine extensions, built from the modules
// that own them. A Record over the schema's event kinds: a kind without a handler fails to compile.
import { PROVIDER_EVENTS, PROVIDER_EXTENSIONS } from '../providers/registry';
import { BUILTIN_EVENTS } from './builtin';
import { FAULT_EVENTS } from './faults';
import type { EngineExtension, EventHandler, ScenarioEventKind } from './registry';

export const EVENT_HANDLERS: Readonly<Record<ScenarioEventKind, EventHandler>> = { ...BUILTIN_EVENTS, ...FAULT_EVENTS, ...PROVIDER_EVENTS };

export function eventHandler(kind: string): EventHandler | undefined {
  return Object.hasOwn(EVENT_HANDLERS, kind) ? EVENT_HANDLERS[kind as ScenarioEventKind] : undefined;
}

export function engineExtensions(): readonly EngineExtension[] {
  return PROVIDER_EXTENSIONS;
}
