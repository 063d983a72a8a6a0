import type { ScenarioError } from '../../shared/api';
import { parseScenario } from '../../shared/sim/validate/parse';

// A small valid scenario whose line numbers the located-error tests rely on.
export const BASE = [
  'name: test', //                                                             1
  'duration: 100ms', //                                                        2
  'host:', //                                                                  3
  '  cpu: { cores: 4 }', //                                                    4
  '  memory: { numa_nodes: 1, per_node: 16GiB, watermarks: { min: 64MiB, low: 80MiB, high: 96MiB } }', // 5
  'nics:', //                                                                  6
  '  - name: eth0', //                                                         7
  '    driver: gve', //                                                        8
  '    link: 100Gbit', //                                                      9
  '    queues: 4', //                                                         10
  '    ring: 1024', //                                                        11
  'traffic:', //                                                              12
  '  - nic: eth0', //                                                         13
  '    packet_size: 1518', //                                                 14
  '    steer_to: [0, 1]', //                                                  15
  'consumer:', //                                                             16
  '  - nic: eth0', //                                                         17
  '    app_cores: [3]', //                                                    18
  'events:', //                                                               19
  '  - { at: 50ms, ifdown: { nic: eth0 } }', //                               20
  'compare:', //                                                              21
  '  variant: [page, netmem]', //                                             22
];

export const baseText = (): string => `${BASE.join('\n')}\n`;

/** BASE with line `n` (1-based) replaced; `null` deletes it; an array inserts several lines. */
export function withLine(n: number, text: string | string[] | null): string {
  const lines = [...BASE];
  lines.splice(n - 1, 1, ...(text === null ? [] : Array.isArray(text) ? text : [text]));
  return `${lines.join('\n')}\n`;
}

/** The errors of a scenario text that must be rejected. */
export function errorsOf(text: string, opts?: { maxBytes?: number }): ScenarioError[] {
  const r = parseScenario(text, opts);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}
