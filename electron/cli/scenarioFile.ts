// Reads a scenario file for the CLI: size-bounded before reading (a huge file is refused without
// being loaded), parsed with located errors formatted as `file: path (line, col): message`.
import * as path from 'node:path';
import { DEFAULT_MAX_BYTES, formatScenarioError } from '../../shared/sim/validate/parse';
import { checkScenarioText } from '../host/scenarioCheck';
import { InputFileError, readTextFile } from './readInput';
import { resolveProfileFile } from '../host/profileFile';
import type { Scenario } from '../../shared/scenario/schema';
import { sizeLimitError } from '../../shared/scenario/yamlSource';
import type { ScenarioError } from '../../shared/api';

export type ScenarioFileResult =
  | { ok: true; file: string; scenario: Scenario; doc: unknown; /** the file's text as read */ text: string }
  | { ok: false; file: string; errors: ScenarioError[]; messages: string[] };

export async function readScenarioFile(file: string, cwd: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ScenarioFileResult> {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readTextFile(abs, maxBytes, (size) => sizeLimitError(size, maxBytes).message);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    const err: ScenarioError = { path: '', line: e.line, col: e.col, message: e.message };
    return { ok: false, file, errors: [err], messages: [formatScenarioError(err, file)] };
  }
  const r = checkScenarioText(text, maxBytes);
  if (!r.ok) return { ok: false, file, errors: r.errors, messages: r.errors.map((e) => formatScenarioError(e, file)) };
  const profile = await resolveProfileFile(r.scenario, r.doc, text, abs, file);
  if (!profile.ok) return { ok: false, file, errors: profile.errors, messages: profile.messages };
  return { ok: true, file, scenario: r.scenario, doc: r.doc, text };
}
