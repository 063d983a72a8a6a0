// Provenance carried by the type: every number the cost model uses is either taken from a
// publication (where, and what it measured) or an estimate with its reason and a range.
// docs/model/costs.md lists every entry; the sensitivity run (costs/sensitivity.ts) moves the
// estimates to the ends of their ranges.

/** Where a measured figure was published and what it measured, in our words (no quotes). */
export interface Publication {
  /** Author, title or subject, and a stable address: lore Message-ID, commit id, document path. */
  publication: string;
  /** Where in it: the table row, output line, section. */
  location: string;
  /** What the figure measures and any arithmetic we applied to it. */
  description: string;
}

/**
 * How an entry's value becomes cycles on the simulated profile:
 * - `e5-cycles`: cycles on the Xeon E5-1650 v4, multiplied by the profile's kernelScale;
 * - `cycles`: cycles, the same on every profile;
 * - `ns`: nanoseconds, multiplied by the profile clock (GHz);
 * - `ratio`: dimensionless, used inside a stated formula.
 */
export type CostUnit = 'e5-cycles' | 'cycles' | 'ns' | 'ratio';

export interface SourcedEntry {
  readonly value: number;
  readonly unit: CostUnit;
  readonly source: Publication;
}

export interface EstimatedEntry {
  readonly value: number;
  readonly unit: CostUnit;
  /** Why this value: the reasoning, and what it was derived from if anything. */
  readonly estimate: string;
  /** Plausible bounds, low ≤ value ≤ high; the sensitivity run uses them. */
  readonly range: readonly [number, number];
}

export type CostEntry = SourcedEntry | EstimatedEntry;

export function isEstimate(e: CostEntry): e is EstimatedEntry {
  return 'estimate' in e;
}

/** A figure of a CPU profile: measured on that CPU, or estimated for it. */
export type ProfileFigure = CostEntry;
