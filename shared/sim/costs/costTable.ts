// PLACEHOLDER until the engine's calibrated cost table lands (owned by the engine work).
export type CostTable = Readonly<Record<string, number>>;
