// Reads a scenario file for the CLI: size-bounded before reading (a huge file is refused without
// being loaded), parsed with located errors formatted as `file: path (line, col): message`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_BYTES, formatScenarioError, parseScenario, scenarioErrorAt } from '../../shared/scenario/parse';
import { driverRefusals } from './driverCheck';
import { matrixProblems } from './matrixCheck';
import { resolveProfileFile } from '../host/profileFile';
import type { Scenario } from '../../shared/scenario/schema';
import { sizeLimitError } from '../../shared/scenario/yamlSource';
import type { ScenarioError } from '../../shared/api';

export type ScenarioFileResult =
  | { ok: true; file: string; scenario: Scenario; doc: unknown }
  | { ok: false; file: string; errors: ScenarioError[]; messages: string[] };

export async function readScenarioFile(file: string, cwd: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ScenarioFileResult> {
  const abs = path.resolve(cwd, file);
  const fail = (message: string): ScenarioFileResult =>
    ({ ok: false, file, errors: [{ path: '', line: 0, col: 0, message }], messages: [`${file}: ${message}`] });
  let text: string;
  try {
    const st = await fs.stat(abs);
    if (st.isDirectory()) return fail('is a directory, not a scenario file');
    if (st.size > maxBytes) {
      const e = sizeLimitError(st.size, maxBytes);
      return { ok: false, file, errors: [e], messages: [formatScenarioError(e, file)] };
    }
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read: ${(e as Error).message}`);
  }
  const r = checkScenarioText(text, maxBytes);
  if (!r.ok) return { ok: false, file, errors: r.errors, messages: r.errors.map((e) => formatScenarioError(e, file)) };
  const profile = await resolveProfileFile(r.scenario, r.doc, text, abs, file);
  if (!profile.ok) return { ok: false, file, errors: profile.errors, messages: profile.messages };
  return { ok: true, file, scenario: r.scenario, doc: r.doc };
}

export type CheckResult = { ok: true; scenario: Scenario; doc: unknown } | { ok: false; errors: ScenarioError[] };

/**
 * Everything short of running: the parser (schema, cross-field, compare values), then what the
 * driver models refuse for each NIC and for each compare point. Usable by any Node host.
 */
export function checkScenarioText(text: string, maxBytes = DEFAULT_MAX_BYTES): CheckResult {
  const r = parseScenario(text, { maxBytes });
  if (!r.ok) return r;
  const refused = driverRefusals(r.scenario).map((d) => scenarioErrorAt(text, ['nics', d.nic], d.message));
  if (refused.length) return { ok: false, errors: refused };
  const matrix = matrixProblems(text, r.doc, r.scenario);
  if (matrix.length) return { ok: false, errors: matrix };
  return r;
}
