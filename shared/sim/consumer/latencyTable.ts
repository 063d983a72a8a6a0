// Shape of the read-latency quantile table (consumer/latency.ts). A module of literals only, with
// no imports: the ahead-of-time build (scripts/aotBuild.mjs) folds such constants into the code
// that uses them (LatencySampler.advance runs once per skb), where a constant of a module with
// imports stays a module variable.
/** index bits of a 32-bit draw: 4096 quantiles */
export const QBITS = 12;
export const QN = 1 << QBITS;
/** the draw's other bits interpolate between two quantiles */
export const FRAC_BITS = 32 - QBITS;
export const FRAC_MASK = (1 << FRAC_BITS) - 1;
/** a fraction's denominator: dividing by it is exact (a power of two), so it is the multiply by its inverse */
export const FRAC_ONE = 1 << FRAC_BITS;
