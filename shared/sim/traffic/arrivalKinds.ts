// A traffic source's arrival process as an integer kind (TrafficSource.arrival). A module of
// literals only, with no imports: the ahead-of-time build (scripts/aotBuild.mjs) folds such
// constants into the code that uses them (TrafficSource.advance, per arrival).
export const ARRIVAL_CONSTANT = 0;
export const ARRIVAL_POISSON = 1;
export const ARRIVAL_ON_OFF = 2;
