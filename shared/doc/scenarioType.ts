// The run document echoes the validated scenario (`scenario`). The scenario's type belongs to the
// scenario layer, which sits above this one, so that layer registers it here by declaration
// merging (shared/scenario/schema.ts) instead of this layer importing it.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ScenarioTypeRegistry {}

/** The scenario type registered by shared/scenario/schema.ts; a plain record where it is not loaded. */
export type DocScenario = ScenarioTypeRegistry extends { scenario: infer S } ? S : Record<string, unknown>;
