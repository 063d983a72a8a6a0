// host.cpu.profile_file: read the calibrated profile a scenario names, relative to the scenario
// file and only inside its directory tree (symlinks resolved), and put it into host.cpu.profile_data
// of both the parsed scenario and the plain document (compare points re-parse the document).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatScenarioError, scenarioErrorAt } from '../../shared/sim/validate/parse';
import { parseProfileYaml } from '../../shared/measured/profileYaml';
import type { Scenario } from '../../shared/scenario/schema';
import type { ScenarioError } from '../../shared/api';

export type ProfileResolution = { ok: true } | { ok: false; errors: ScenarioError[]; messages: string[] };

const AT = ['host', 'cpu', 'profile_file'] as const;

export async function resolveProfileFile(
  scenario: Scenario,
  doc: unknown,
  text: string,
  scenarioAbs: string,
  shown: string,
): Promise<ProfileResolution> {
  const rel = scenario.host.cpu.profile_file;
  if (rel === undefined) return { ok: true };
  const refuse = (message: string): ProfileResolution => {
    const e = scenarioErrorAt(text, AT, message);
    return { ok: false, errors: [e], messages: [formatScenarioError(e, shown)] };
  };
  if (scenario.host.cpu.profile_data) return refuse('give profile_file or profile_data, not both');
  const dir = await fs.realpath(path.dirname(scenarioAbs));
  const target = path.resolve(dir, rel);
  let real: string;
  try {
    real = await fs.realpath(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return refuse(`${rel}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code})`} (looked for ${target})`);
  }
  const inside = path.relative(dir, real);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    return refuse(
      `${rel} resolves to ${real}, outside the scenario's directory ${dir}; a profile must be in the scenario's directory or below it`,
    );
  }
  const st = await fs.stat(real);
  if (!st.isFile()) return refuse(`${rel} is not a file`);
  if (st.size > 64 * 1024) return refuse(`${rel} is ${st.size} bytes; a profile file is at most 64 KiB`);
  const parsed = parseProfileYaml(await fs.readFile(real, 'utf8'));
  if (!parsed.ok) {
    const shownProfile = path.join(path.dirname(shown), rel);
    return { ok: false, errors: parsed.errors, messages: parsed.errors.map((e) => formatScenarioError(e, shownProfile)) };
  }
  scenario.host.cpu.profile_data = parsed.profile;
  const cpu = (doc as { host?: { cpu?: Record<string, unknown> } }).host?.cpu;
  if (cpu) cpu.profile_data = structuredClone(parsed.profile);
  return { ok: true };
}
