// What a compare table's cells hold, said the same way in the app, the report and the CLI: the
// mean over a point's repeats (± sample stddev), or with one repeat that run's own value.
export function compareCellsShow(repeat: number): string {
  return repeat > 1 ? `mean ± sample stddev over ${repeat} repeats` : 'one run per point: its value (no spread)';
}
