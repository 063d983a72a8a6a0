// A located scenario error: where in the YAML, and what was expected there.
export interface ScenarioError {
  /** YAML path, e.g. `nics[0].ring` */
  path: string;
  line: number;
  col: number;
  message: string;
}
